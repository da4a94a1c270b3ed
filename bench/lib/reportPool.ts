import { readFileSync } from 'node:fs';
import { randomPointIn } from '../../geo/randomPoint';
import type { CityPack } from '../../core/cityPack';

export interface ReportBody {
  category: string;
  lat: number;
  lng: number;
  title: string;
  description: string;
}

/** A small seeded PRNG (mulberry32) so that every run posts the same reports. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = [
  'Ổ gà lớn trên đường',
  'Rác thải tồn đọng ở đầu ngõ',
  'Đèn đường không sáng',
  'Lấn chiếm vỉa hè bán hàng',
  'Nước ngập sau mưa',
  'Công trình xây dựng gây ồn ban đêm',
];

/**
 * Valid report bodies at uniform random points inside Hanoi's communes (a commune drawn at
 * random, then a point inside it), with categories from the city pack's categories.json.
 */
export function reportPool(pack: CityPack, n: number, seed = 1): ReportBody[] {
  const rng = seededRng(seed);
  const categories = (
    JSON.parse(readFileSync(new URL('../../seeds/hanoi/categories.json', import.meta.url), 'utf8')) as Array<{
      code: string;
    }>
  ).map((c) => c.code);
  const communes = pack.areas.filter((a) => a.level === 'commune');
  const out: ReportBody[] = [];
  for (let i = 0; i < n; i++) {
    const commune = communes[Math.floor(rng() * communes.length)];
    const [lng, lat] = randomPointIn(commune.geometry, rng);
    const title = TITLES[Math.floor(rng() * TITLES.length)];
    out.push({
      category: categories[Math.floor(rng() * categories.length)],
      lat: Math.round(lat * 1e6) / 1e6,
      lng: Math.round(lng * 1e6) / 1e6,
      title: `${title} #${i}`,
      description: `${title}. Người dân phản ánh qua ứng dụng, đề nghị cơ quan chức năng xử lý sớm (mẫu ${i}).`,
    });
  }
  return out;
}
