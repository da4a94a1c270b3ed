import { describe, expect, it } from 'vitest';
import type { WindowCountRow } from '../../db/queries/publicWindowCounts';
import { PublicWindows } from './publicWindows';
import type { SseSink } from './sink';
import type { Timers } from './timers';

const AREAS = [
  { code: 'D1', level: 'district' as const, parentCode: null },
  { code: 'C1', level: 'commune' as const, parentCode: 'D1' },
];

function sink(buffered = 0) {
  let text = '';
  let closed = false;
  const onClose: Array<() => void> = [];
  const s: SseSink = {
    write: (c) => void (text += c),
    bufferedBytes: () => buffered,
    destroy: () => {
      closed = true;
      for (const l of onClose) l();
    },
    onClose: (l) => void onClose.push(l),
    drained: async () => {},
  };
  const messages = () =>
    text
      .split('\n\n')
      .filter(Boolean)
      .map((m) =>
        JSON.parse(
          m
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6),
        ),
      );
  return { s, text: () => text, messages, closed: () => closed };
}

function setup(startAt: string) {
  let now = new Date(startAt);
  const asked: string[] = [];
  const timers: Timers = { setInterval: () => 0, clearInterval: () => {} };
  const windows = new PublicWindows({
    async counts(since, until): Promise<WindowCountRow[]> {
      asked.push(`${since.toISOString().slice(11, 16)}-${until.toISOString().slice(11, 16)}`);
      return [{ districtCode: 'D1', communeCode: 'C1', received: 3 + asked.length, resolved: 0 }];
    },
    areas: AREAS,
    delayMin: 15,
    now: () => now,
    timers,
    maxClientBufferBytes: 1_000,
  });
  return { windows, asked, setNow: (iso: string) => void (now = new Date(iso)) };
}

describe('PublicWindows', () => {
  it('gives a client the newest public window at once, then each new one once it is 15 min old', async () => {
    const { windows, asked, setNow } = setup('2026-03-02T02:00:00Z');
    await windows.start();
    expect(asked).toEqual(['01:40-01:45']);
    const c = sink();
    windows.add(c.s);
    expect(c.messages().map((m) => m.until)).toEqual(['2026-03-02T01:45:00.000Z']);
    setNow('2026-03-02T02:04:59Z');
    await windows.tick();
    expect(asked).toHaveLength(1); // the next window is not 15 min old yet
    setNow('2026-03-02T02:05:00Z');
    await windows.tick();
    expect(c.messages().map((m) => [m.since, m.until])).toEqual([
      ['2026-03-02T01:40:00.000Z', '2026-03-02T01:45:00.000Z'],
      ['2026-03-02T01:45:00.000Z', '2026-03-02T01:50:00.000Z'],
    ]);
    // No `id:` line: the client's Last-Event-ID stays the last stored event it saw.
    expect(c.text()).not.toMatch(/^id:/m);
    expect(c.text()).toMatch(/^event: public.counts$/m);
    await windows.stop();
  });

  it('after a pause sends the windows it missed, oldest first, with no gap', async () => {
    const { windows, asked, setNow } = setup('2026-03-02T02:00:00Z');
    await windows.start();
    const c = sink();
    windows.add(c.s);
    setNow('2026-03-02T02:16:00Z');
    await windows.tick();
    expect(asked).toEqual(['01:40-01:45', '01:45-01:50', '01:50-01:55', '01:55-02:00']);
    const m = c.messages();
    for (let i = 1; i < m.length; i++) expect(m[i].since).toBe(m[i - 1].until);
    await windows.stop();
  });

  it('drops a client whose buffer is over the limit, and forgets a closed one', async () => {
    const { windows, setNow } = setup('2026-03-02T02:00:00Z');
    await windows.start();
    const slow = sink(5_000);
    const gone = sink();
    windows.add(slow.s);
    windows.add(gone.s);
    expect(slow.closed()).toBe(true);
    gone.s.destroy();
    setNow('2026-03-02T02:05:00Z');
    await windows.tick();
    expect(gone.messages()).toHaveLength(1);
    await windows.stop();
  });
});
