import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CityPack } from '../../core/cityPack';
import { randomPointIn } from '../../geo/randomPoint';

/**
 * A large CSV in the citydesk mapping's shape, written row by row (never held whole): ids, local
 * times without a zone over the `days` before `until`, the pack's categories by code and by name,
 * points inside its communes, two reports in three closed. For the import's streaming test and its
 * benchmark; deterministic for a seed.
 */
export const SYNTHETIC_HEADER = 'id,created_at,closed_at,category,status,title,description,lat,lng';

function rngOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Local wall time as `YYYY-MM-DD HH:MM:SS` (the pack's zone is applied on import). */
const wall = (ms: number, offsetMs: number) => new Date(ms + offsetMs).toISOString().slice(0, 19).replace('T', ' ');

export async function writeSyntheticCsv(
  path: string,
  rows: number,
  pack: Pick<CityPack, 'areas' | 'categories'>,
  opts: { seed?: number; until: Date; days?: number; offsetMs: number },
): Promise<void> {
  const rng = rngOf(opts.seed ?? 1);
  const communes = pack.areas.filter((a) => a.level === 'commune');
  // A pool of points, reused: drawing a point in a polygon costs more than writing a row.
  const points = Array.from({ length: 20_000 }, () => {
    const [lng, lat] = randomPointIn(communes[Math.floor(rng() * communes.length)].geometry, rng);
    return `${lat.toFixed(6)},${lng.toFixed(6)}`;
  });
  const spanMs = (opts.days ?? 30) * 86_400_000;
  const start = opts.until.getTime() - spanMs;
  const out = createWriteStream(path);
  out.write(`${SYNTHETIC_HEADER}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const category = pack.categories[i % pack.categories.length];
    const created = start + Math.floor(rng() * spanMs * 0.95);
    const closedMs = Math.min(created + Math.floor(rng() * 3 * 86_400_000), opts.until.getTime() - 60_000);
    const closed = rng() < 2 / 3;
    const closedAt = closed ? wall(closedMs, opts.offsetMs) : '';
    const word = i % 2 ? category.code : category.nameVi;
    chunk += `S${i},${wall(created, opts.offsetMs)},${closedAt},"${word}",${closed ? 'closed' : 'received'},"${category.nameVi} #${i}","Người dân phản ánh, mẫu ${i}",${points[i % points.length]}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}
