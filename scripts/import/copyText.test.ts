import { describe, expect, it } from 'vitest';
import { publicIdFormatter } from '../../db/store';
import { copyLineWriter, importPublicIdFormatter, isoFormatter } from './copyText';
import type { ImportRow } from './record';
import { ROW_KEYS, STAGED_COLUMNS } from './statements';

/** Deterministic instants from 1900 to 2100, with whole days, hours and odd milliseconds among them. */
function instants(n: number): number[] {
  let a = 7;
  const rnd = () => {
    a = (Math.imul(a, 1_103_515_245) + 12_345) >>> 0;
    return a / 2 ** 32;
  };
  const from = Date.UTC(1900, 0, 1);
  const span = Date.UTC(2100, 0, 1) - from;
  const out = [0, -1, from, Date.UTC(1999, 11, 31, 23, 59, 59, 999), Date.UTC(2000, 0, 1), Date.UTC(2026, 2, 8, 7)];
  for (let i = 0; i < n; i++) {
    const t = from + Math.floor(rnd() * span);
    out.push(t, t - (t % 86_400_000), t - (t % 3_600_000), t + 999);
  }
  return out;
}

describe('COPY text times and public ids', () => {
  it('writes an epoch ms exactly as toISOString does, the day cached or not', () => {
    const iso = isoFormatter();
    for (const t of [...instants(5_000), ...instants(5_000)]) expect(iso(t)).toBe(new Date(t).toISOString());
    expect(iso(Date.UTC(12_000, 0, 1))).toBe(new Date(Date.UTC(12_000, 0, 1)).toISOString());
  });

  it.each(['Asia/Ho_Chi_Minh', 'America/New_York'])('gives the public id publicIdFormatter gives (%s)', (zone) => {
    const ours = importPublicIdFormatter('HN', zone);
    const store = publicIdFormatter('HN', zone);
    let id = 1;
    for (const t of instants(3_000)) {
      id = (id * 7 + 3) % 10_000_000;
      expect(ours(id, t)).toBe(store(id, new Date(t)));
    }
  });
});

describe('COPY text line', () => {
  it("writes id, public id, source, import source, then ROW_KEYS' values in ROW_KEYS' order (the COPY's column list)", () => {
    // Each column a value of its own, by its SQL type, so that a field written in another column's place shows.
    const sample = (type: string, i: number): { value: unknown; text: string } => {
      if (type.startsWith('timestamp')) {
        const t = Date.UTC(2026, 0, 1 + i);
        return { value: t, text: new Date(t).toISOString() };
      }
      if (type === 'double precision' || type === 'real') return { value: i + 0.5, text: String(i + 0.5) };
      if (type === 'boolean') return { value: true, text: 't' };
      return { value: `v${i}`, text: `v${i}` };
    };
    const samples = STAGED_COLUMNS.slice(0, ROW_KEYS.length).map((c, i) => ({ key: c.key, ...sample(c.type, i) }));
    const row = Object.fromEntries(samples.map((c) => [c.key, c.value])) as unknown as ImportRow;
    const line = copyLineWriter({ importSource: 'src', publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' })(7, row);
    const fields = line.replace(/\n$/, '').split('\t');
    expect(fields.slice(0, 4)).toEqual(['7', 'HN-2026-000007', 'import', 'src']);
    expect(fields.slice(4)).toEqual(samples.map((c) => c.text));
  });
});
