import { beforeAll, describe, expect, it } from 'vitest';
import { newReportBody } from '../../api/schemas';
import { loadCityPack } from '../packs';
import type { CityPack } from '../../core/cityPack';
import type { ReportContent } from '../../core/reportContent';
import { composeText, contentOf, createCategoryPicker, fakeReporter, hasTemplates, toAsciiVi } from './content';
import { createPlaceSampler } from './places';
import { createRng } from './random';

let pack: CityPack;
let content: ReportContent;
beforeAll(async () => {
  pack = await loadCityPack('hanoi');
  content = contentOf(pack);
});

describe('content', () => {
  it('category mix: field and procedure at iHanoi 80:12 (ideas are initiatives); traffic, urban order, environment lead', () => {
    const picker = createCategoryPicker(pack.categories, content.categoryWeights);
    const groupShare = (g: string) =>
      pack.categories.filter((c) => c.group === g).reduce((s, c) => s + picker.share(c.code), 0);
    expect(groupShare('field')).toBeCloseTo(0.8 / 0.92, 6);
    expect(groupShare('procedure')).toBeCloseTo(0.12 / 0.92, 6);
    const field = pack.categories
      .filter((c) => c.group === 'field')
      .sort((a, b) => picker.share(b.code) - picker.share(a.code));
    expect(
      field
        .slice(0, 3)
        .map((c) => c.code)
        .sort(),
    ).toEqual(['environment_waste', 'traffic_roads', 'urban_order_sidewalks']);

    const rng = createRng('mix');
    const n = 20_000;
    let fieldCount = 0;
    for (let i = 0; i < n; i++) if (picker.pick(rng).group === 'field') fieldCount++;
    expect(Math.abs(fieldCount / n - 0.8 / 0.92)).toBeLessThan(0.015);
  });

  it('every pack category has its own templates', () => {
    for (const c of pack.categories) expect(hasTemplates(content, c.code), c.code).toBe(true);
  });

  it('texts are varied, complete and pass the API schema', () => {
    const places = createPlaceSampler(pack);
    const rng = createRng('text');
    const titles = new Set<string>();
    for (const category of pack.categories) {
      for (let i = 0; i < 80; i++) {
        const place = places.sample(category.code, rng);
        const { title, description } = composeText(category, place, rng, content);
        titles.add(title);
        expect(title + description).not.toMatch(/[{}]|undefined|null/);
        const reporter = fakeReporter(rng, content);
        const parsed = newReportBody.safeParse({
          category: category.code,
          lat: place.lat,
          lng: place.lng,
          title,
          description,
          reporter,
        });
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      }
    }
    expect(titles.size).toBeGreaterThan(400);
  });

  it('~60% leave a contact; phones 09xxxxxxxx; emails on reserved domains', () => {
    const rng = createRng('reporter');
    const n = 10_000;
    let withContact = 0;
    for (let i = 0; i < n; i++) {
      const r = fakeReporter(rng, content);
      if (!r) continue;
      withContact++;
      expect(r.name || r.phone || r.email).toBeTruthy();
      if (r.phone) expect(r.phone).toMatch(/^09\d{8}$/);
      if (r.email) expect(r.email).toMatch(/^[a-z0-9.]+@example\.(com|org|net)$/);
    }
    expect(Math.abs(withContact / n - 0.6)).toBeLessThan(0.02);
  });

  it('folds Vietnamese to ASCII', () => {
    expect(toAsciiVi('Nguyễn Thị Hằng Đặng')).toBe('nguyen thi hang dang');
  });
});
