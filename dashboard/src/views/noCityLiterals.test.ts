import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/**
 * What would tie the dashboard to one city: its names, its zone, its coordinates (Hanoi lies at
 * 105.3–106.0° E, 20.5–21.4° N), and locale tags, which are the city's number format. The product
 * name iHanoi (the city's own reporting app, cited in comments) is not the city's name.
 */
const CITY_LITERALS: Array<[string, RegExp]> = [
  ['city name', /H[àa] N[ộo]i|\bHa ?noi\b|New York|\bNYC\b|Manhattan|Brooklyn/i],
  ['time zone', /Asia\/|America\/|Ho_Chi_Minh|Bangkok|Saigon/],
  ['longitude', /\b10[56]\.\d{2,}/],
  ['latitude', /\b2[01]\.\d{2,}/],
  ['locale tag', /['"`][a-z]{2}-[A-Z]{2}['"`]/],
];

/** Source files the app ships: tests and their fixtures are test data, free to name any city. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(path);
    return /\.(ts|tsx|css|html)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('dashboard/src names no city', () => {
  it('scans a real tree', () => expect(sources(SRC).length).toBeGreaterThan(50));

  it.each(CITY_LITERALS)('no %s literal outside tests', (_kind, pattern) => {
    const hits = sources(SRC).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(SRC, path)}:${i + 1}` }))
        .filter(({ line }) => pattern.test(line))
        .map(({ line, at }) => `${at}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });

  it.each([
    ['city name', "appName: 'citydesk Hà Nội'"],
    ['time zone', "const TZ = 'Asia/Ho_Chi_Minh'"],
    ['longitude', 'longitude: 105.84'],
    ['latitude', 'latitude: 21.02'],
    ['locale tag', "{ vi: 'vi-VN' }"],
  ])('would catch a %s', (kind, line) => {
    const pattern = CITY_LITERALS.find(([k]) => k === kind)![1];
    expect(pattern.test(line)).toBe(true);
  });
});
