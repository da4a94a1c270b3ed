import { describe, expect, it } from 'vitest';
import {
  areaCode,
  areaLabels,
  choroplethScale,
  labelLevelForZoom,
  labelText,
  openPer10k,
  project,
  thinLabels,
  type AreaLabel,
} from './areas';
import { CIVIDIS } from './colour';
import { AREAS } from './fixtures/areas';
import type { AreaDatum } from './types';

const datum = (code: string, open: number, population: number | null): AreaDatum => ({
  code,
  nameVi: code,
  nameEn: code,
  population,
  open,
  overdue: 0,
  received: 0,
});

describe('openPer10k', () => {
  it.each([
    [datum('a', 27, 135_000), 2],
    [datum('b', 0, 50_000), 0],
    [datum('c', 5, null), null],
    [datum('d', 5, 0), null],
    [undefined, null],
  ])('%#', (d, want) => expect(openPer10k(d)).toBe(want));
});

describe('choroplethScale', () => {
  it('classes rates of areas with a population, darker = more on the light theme', () => {
    const values = new Map(
      [datum('a', 10, 10_000), datum('b', 20, 10_000), datum('c', 30, 10_000), datum('x', 99, null)].map((d) => [
        d.code,
        d,
      ]),
    );
    const s = choroplethScale(values, 'light');
    expect(s.domain).toEqual([10, 30]);
    expect(s.colour(30)).toEqual(CIVIDIS[0]);
    expect(s.colour(10)).toEqual(CIVIDIS[8]);
  });
});

describe('areaLabels', () => {
  const labels = areaLabels(AREAS);

  it('makes one label per polygon area, skipping other geometries', () => {
    expect(labels.map((l) => l.code)).toEqual(['002', '00235', '017']);
  });

  it('composes decomposed Vietnamese (one glyph per letter in the atlas)', () => {
    const hk = labels[0];
    expect(hk.nameVi).toBe('Quận Hoàn Kiếm');
    expect(hk.nameVi).toBe(hk.nameVi.normalize('NFC'));
    expect([...hk.nameVi].length).toBe(14);
  });

  it('writes the name in the chosen language', () => {
    expect(labelText(labels[1], 'vi')).toBe('Phường Ô Chợ Dừa');
    expect(labelText(labels[1], 'en')).toBe('O Cho Dua Ward');
  });

  it('weighs by population, else by size', () => {
    expect(labels[0].weight).toBe(135_618);
    expect(labels[2].weight).toBeGreaterThan(0);
  });

  it('takes the code from properties or the feature id', () => {
    expect(areaCode({ type: 'Feature', id: 7, properties: {}, geometry: null as never })).toBe('7');
    expect(areaCode(null)).toBeNull();
    expect(areaLabels(null)).toEqual([]);
  });
});

describe('thinLabels', () => {
  const at = (code: string, lng: number, weight: number): AreaLabel => ({
    code,
    nameVi: `Phường ${code}`,
    nameEn: `Ward ${code}`,
    position: [lng, 21.03],
    weight,
  });
  const crowded = [at('a', 105.85, 10), at('b', 105.851, 50), at('c', 105.95, 5)];

  it('drops the lighter of two overlapping labels', () => {
    expect(thinLabels(crowded, 10, 'vi', 13).map((l) => l.code)).toEqual(['b', 'c']);
  });

  it('keeps both once zoomed in far enough', () => {
    expect(
      thinLabels(crowded, 17, 'vi', 13)
        .map((l) => l.code)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
  });

  it('projects like Web Mercator with 512-px tiles', () => {
    expect(project([0, 0], 0)).toEqual([256, 256]);
    const [x] = project([180, 0], 1);
    expect(x).toBe(1024);
  });
});

describe('labelLevelForZoom', () => {
  it.each([
    [9, 'district'],
    [11.49, 'district'],
    [11.5, 'commune'],
    [15, 'commune'],
  ])('%s → %s', (z, level) => expect(labelLevelForZoom(z)).toBe(level));
});
