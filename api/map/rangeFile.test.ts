import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRange, serveFileRange } from './rangeFile';

describe('parseRange', () => {
  it.each([
    [undefined, 100, null],
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-500', 100, { start: 0, end: 99 }],
    ['bytes=0-16383', 100, { start: 0, end: 99 }], // a PMTiles client's first read of a small file
    ['bytes=99-99', 100, { start: 99, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=100-200', 100, 'unsatisfiable'],
    ['bytes=9-0', 100, 'unsatisfiable'],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=-', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, 'unsatisfiable'],
    ['items=0-9', 100, 'unsatisfiable'],
    ['bytes=abc', 100, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
  ])('%s of a %d-byte file → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('serveFileRange', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-range-'));
  const file = join(dir, 'small.pmtiles');
  // 1,000 bytes whose value is their offset mod 251, so any slice can be checked.
  const bytes = Uint8Array.from({ length: 1_000 }, (_, i) => i % 251);
  writeFileSync(file, bytes);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const req = (headers: Record<string, string> = {}, method = 'GET') =>
    new Request('http://x/tiles/city.pmtiles', { method, headers });

  it('answers a range with 206, Content-Range and exactly those bytes', async () => {
    const res = await serveFileRange(file, req({ range: 'bytes=100-199' }), 'application/vnd.pmtiles');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(res.headers.get('content-length')).toBe('100');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.slice(100, 200));
  });

  it('clamps a range past the end and serves a suffix', async () => {
    const head = await serveFileRange(file, req({ range: 'bytes=0-16383' }), 'application/vnd.pmtiles');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe('bytes 0-999/1000');
    expect((await head.arrayBuffer()).byteLength).toBe(1_000);
    const tail = await serveFileRange(file, req({ range: 'bytes=-3' }), 'application/vnd.pmtiles');
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.slice(997));
  });

  it('answers 416 with the size for a range it cannot serve', async () => {
    const res = await serveFileRange(file, req({ range: 'bytes=5000-6000' }), 'application/vnd.pmtiles');
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
  });

  it('serves the whole file without a range, nothing for HEAD, and 304 for a matching ETag', async () => {
    const all = await serveFileRange(file, req(), 'application/vnd.pmtiles');
    expect(all.status).toBe(200);
    expect(all.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Uint8Array(await all.arrayBuffer())).toEqual(bytes);
    const head = await serveFileRange(file, req({ range: 'bytes=0-9' }, 'HEAD'), 'application/vnd.pmtiles');
    expect(head.status).toBe(206);
    expect(head.body).toBeNull();
    const cached = await serveFileRange(
      file,
      req({ 'if-none-match': all.headers.get('etag')! }),
      'application/vnd.pmtiles',
    );
    expect(cached.status).toBe(304);
  });
});
