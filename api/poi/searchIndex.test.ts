import { describe, expect, it } from 'vitest';
import { POI_KIND_CATEGORY, type PoiKind } from '../../core/poi';
import { buildPoiIndex, type PoiEntry } from './searchIndex';

let nextId = 1;
function entry(name: string | null, kind: PoiKind = 'hospital'): PoiEntry {
  return {
    id: nextId++,
    layer: `poi_${POI_KIND_CATEGORY[kind]}`,
    category: POI_KIND_CATEGORY[kind],
    kind,
    name,
    address: null,
    phone: null,
    website: null,
    osm: `node/${nextId}`,
    lng: 105.85,
    lat: 21.03,
  };
}

const CITY = [
  entry('Bệnh viện Bạch Mai'),
  entry('Bệnh viện E'),
  entry('Học viện Y Dược học cổ truyền Việt Nam', 'university'),
  entry('Phòng khám Bệnh viện Đại học Y', 'clinic'),
  entry('Chợ Đồng Xuân', 'market'),
  entry('Chợ Hôm', 'market'),
  entry('Trường THPT Đống Đa', 'school'),
  entry('Nhà văn hóa phường Xuân Đỉnh', 'community_house'),
  entry('Công an phường Hàng Trống', 'police'),
  entry(null, 'market'),
  entry(null, 'school'),
];
const index = buildPoiIndex(CITY);
const names = (q: string, opts: { category?: PoiEntry['category']; limit?: number } = {}) =>
  index.search({ q, limit: opts.limit ?? 20, category: opts.category }).items.map((e) => e.name);

describe('POI search index', () => {
  // [query, names found, best first]
  it.each([
    ['benh vien', ['Bệnh viện E', 'Bệnh viện Bạch Mai', 'Phòng khám Bệnh viện Đại học Y']],
    ['Bệnh Viện', ['Bệnh viện E', 'Bệnh viện Bạch Mai', 'Phòng khám Bệnh viện Đại học Y']],
    ['cho dong xuan', ['Chợ Đồng Xuân']],
    ['CHỢ ĐỒNG XUÂN', ['Chợ Đồng Xuân']],
    // Words in any order, each the start of a word of the name.
    ['xuan cho', ['Chợ Đồng Xuân']],
    ['dong', ['Chợ Đồng Xuân', 'Trường THPT Đống Đa']],
    ['cho', ['Chợ Hôm', 'Chợ Đồng Xuân']],
    // A word's start, not its middle: "ien" is in "viện" but starts no word.
    ['ien', []],
    ['xuan', ['Chợ Đồng Xuân', 'Nhà văn hóa phường Xuân Đỉnh']],
    ['hang trong', ['Công an phường Hàng Trống']],
    ['truong thpt dong da', ['Trường THPT Đống Đa']],
    ['bach mai cho', []],
    ['  benh -- vien ', ['Bệnh viện E', 'Bệnh viện Bạch Mai', 'Phòng khám Bệnh viện Đại học Y']],
  ])('%j finds %j', (q, expected) => {
    expect(names(q)).toEqual(expected);
  });

  it('ranks a name starting with the query before one holding it, and that before scattered words, whatever their length', () => {
    const ranked = buildPoiIndex([
      entry('Viện Bệnh học'),
      entry('Khoa Bệnh viện'),
      entry('Bệnh viện Đa khoa Quốc tế Thu Cúc cơ sở Thụy Khuê'),
    ]);
    expect(ranked.search({ q: 'benh vien', limit: 5 }).items.map((e) => e.name)).toEqual([
      'Bệnh viện Đa khoa Quốc tế Thu Cúc cơ sở Thụy Khuê',
      'Khoa Bệnh viện',
      'Viện Bệnh học',
    ]);
    // Within a rank, the shorter name first.
    expect(names('vien')).toEqual([
      'Bệnh viện E',
      'Bệnh viện Bạch Mai',
      'Phòng khám Bệnh viện Đại học Y',
      'Học viện Y Dược học cổ truyền Việt Nam',
    ]);
  });

  it('filters by category, counts every match and returns at most the limit', () => {
    expect(names('vien', { category: 'education' })).toEqual(['Học viện Y Dược học cổ truyền Việt Nam']);
    expect(names('dong', { category: 'market' })).toEqual(['Chợ Đồng Xuân']);
    expect(index.search({ q: 'benh vien', limit: 1 })).toMatchObject({ total: 3, items: [{ name: 'Bệnh viện E' }] });
  });

  it('never finds the unnamed points by name, and a query of punctuation finds nothing', () => {
    expect(index.size).toBe(CITY.length);
    expect(index.search({ q: 'cho', limit: 50 }).items.every((e) => e.name !== null)).toBe(true);
    expect(index.search({ q: '!!! --', limit: 50 })).toEqual({ total: 0, items: [] });
  });

  it('answers exactly what a scan of ASCII names finds, over 25,000 points', () => {
    // Syllables with their ASCII spelling written by hand: an oracle that does not use foldForSearch.
    const SYLLABLES: Array<[string, string]> = [
      ['Bệnh', 'benh'],
      ['viện', 'vien'],
      ['Đồng', 'dong'],
      ['Xuân', 'xuan'],
      ['Trường', 'truong'],
      ['Hòa', 'hoa'],
      ['Phường', 'phuong'],
      ['Thượng', 'thuong'],
      ['Đình', 'dinh'],
      ['Cầu', 'cau'],
      ['Giấy', 'giay'],
      ['Lĩnh', 'linh'],
      ['Ngọc', 'ngoc'],
      ['Hà', 'ha'],
      ['Đông', 'dong'],
      ['Sơn', 'son'],
      ['Mỹ', 'my'],
      ['Ứng', 'ung'],
      ['Hòe', 'hoe'],
      ['Khương', 'khuong'],
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const kinds = Object.keys(POI_KIND_CATEGORY) as PoiKind[];
    const ascii = new Map<number, string[]>();
    const entries: PoiEntry[] = [];
    for (let i = 0; i < 25_000; i++) {
      const picked = Array.from({ length: 2 + random(4) }, () => SYLLABLES[random(SYLLABLES.length)]);
      const e = entry(picked.map(([w]) => w).join(' '), kinds[random(kinds.length)]);
      ascii.set(
        e.id,
        picked.map(([, a]) => a),
      );
      entries.push(e);
    }
    const big = buildPoiIndex(entries);
    for (let q = 0; q < 40; q++) {
      const words = Array.from({ length: 1 + random(2) }, () => {
        const a = SYLLABLES[random(SYLLABLES.length)][1];
        return a.slice(0, 2 + random(a.length - 1));
      });
      const category = q % 4 === 0 ? entries[q].category : undefined;
      const expected = entries.filter(
        (e) =>
          (!category || e.category === category) &&
          words.every((w) => ascii.get(e.id)!.some((name) => name.startsWith(w))),
      );
      const got = big.search({ q: words.join(' '), category, limit: 10 });
      expect(got.total, words.join(' ')).toBe(expected.length);
      expect(got.items.length).toBe(Math.min(10, expected.length));
      const ids = new Set(expected.map((e) => e.id));
      for (const item of got.items) expect(ids.has(item.id)).toBe(true);
    }
  });
});
