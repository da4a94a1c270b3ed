import { describe, expect, it } from 'vitest';
import { type BatchEncoder, type BatchSource, batchedBody } from './batchStream';
import { csvEncoder, geojsonEncoder } from './formats';

/** A source of `batches` that resolve at once, counting how many were asked for. */
function countingSource<T = number>(batches: T[][]): BatchSource<T> & { reads: number } {
  const src = {
    reads: 0,
    async next() {
      const b = batches[src.reads];
      src.reads++;
      return b ?? null;
    },
  };
  return src;
}

const LINES: BatchEncoder<number> = {
  head: '[',
  batch: (items, first) => (first ? '' : ',') + items.join(','),
  tail: ']',
};

/** Lets every pending promise and I/O callback run: `turns` trips round the event loop, no clock involved. */
async function settle(turns = 50) {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  // ignoreBOM: keep it in the text (the decoder's default is to drop it).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const reader = body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(decoder.decode(r.value));
  return chunks;
}

/** The broken variant the backpressure test must catch: reads every batch as fast as the source gives them. */
function eagerBody(source: BatchSource<number>, enc: BatchEncoder<number>): ReadableStream<Uint8Array> {
  const utf8 = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(utf8.encode(enc.head));
      let first = true;
      for (let b = await source.next(); b !== null; b = await source.next()) {
        controller.enqueue(utf8.encode(enc.batch(b, first)));
        first = false;
      }
      controller.enqueue(utf8.encode(enc.tail));
      controller.close();
    },
  });
}

const HUNDRED = Array.from({ length: 100 }, (_, i) => [i * 2, i * 2 + 1]);

describe('batchedBody', () => {
  it('reads a batch only when the reader has taken the last one (backpressure)', async () => {
    const src = countingSource(HUNDRED);
    const body = batchedBody(src, LINES, await src.next());
    // Nobody reads: the first batch sits queued, and however long the loop runs no more is read.
    await settle();
    expect(src.reads).toBe(1);
    const reader = body.getReader();
    for (let taken = 1; taken <= 10; taken++) {
      await reader.read();
      await settle();
      // One chunk queued ahead of the reader (high-water mark 1), never more.
      expect(src.reads).toBe(taken + 1);
    }
    await reader.cancel();
  });

  it('the same check catches a body that reads ahead of its reader', async () => {
    const src = countingSource(HUNDRED);
    const body = eagerBody(src, LINES);
    await settle();
    expect(src.reads).toBe(101);
    await body.cancel();
  });

  it('writes head, one chunk per batch and tail, in order', async () => {
    const src = countingSource(HUNDRED.slice(1));
    const chunks = await readAll(batchedBody(src, LINES, HUNDRED[0]!));
    // 100 batches, the tail after them.
    expect(chunks).toHaveLength(101);
    expect(chunks.join('')).toBe(`[${HUNDRED.flat().join(',')}]`);
  });

  it.each([
    ['nothing at all', null, [], '[]'],
    ['an empty first batch', [], [], '[]'],
    ['empty batches around items', [], [[], [1, 2], [], [3]], '[1,2,3]'],
  ] as const)('handles %s', async (_, first, rest, expected) => {
    const chunks = await readAll(
      batchedBody(countingSource(rest.map((b) => [...b])), LINES, first === null ? null : [...first]),
    );
    expect(chunks.join('')).toBe(expected);
    expect(chunks.every((c) => c.length > 0)).toBe(true);
  });

  it('makes valid GeoJSON whichever batch the first feature comes in', async () => {
    const point = (n: number) => ({ geometry: { type: 'Point', coordinates: [105 + n / 10, 21] }, properties: { n } });
    const src = countingSource([[], [point(1), point(2)], [], [point(3)]]);
    const text = (await readAll(batchedBody(src, geojsonEncoder({ until: 'x' }), []))).join('');
    const fc = JSON.parse(text);
    expect(fc).toMatchObject({ type: 'FeatureCollection', until: 'x' });
    expect(fc.features.map((f: { properties: { n: number } }) => f.properties.n)).toEqual([1, 2, 3]);
    expect(fc.features[0]).toEqual({ type: 'Feature', ...point(1) });
  });

  it('writes a CSV header once, after the BOM, however many batches', async () => {
    const src = countingSource([[3], [4, 5]]);
    const enc = csvEncoder<{ n: number }>(['n']);
    const body = batchedBody({ next: async () => (await src.next())?.map((n) => ({ n })) ?? null }, enc, [
      { n: 1 },
      { n: 2 },
    ]);
    expect((await readAll(body)).join('')).toBe('\uFEFFn\r\n1\r\n2\r\n3\r\n4\r\n5\r\n');
  });
});
