import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPackFolder } from './load';

/**
 * A broken pack fails at load with the file and the field named. Each case copies the New York pack
 * (the smaller files; the geometry is read in place through the manifest's paths) into a folder of its
 * own, breaks one thing and loads it.
 */
const NYC = new URL('../nyc/', import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'citydesk-pack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function brokenPack(edit: (files: Record<string, unknown>) => void): URL {
  const dir = join(root, `p${n++}`, 'broken');
  cpSync(new URL('.', NYC).pathname, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const files: Record<string, unknown> = {
    'pack.json': { ...json('pack.json'), code: 'broken' },
    'categories.json': json('categories.json'),
    'calendar.json': json('calendar.json'),
    'sla.json': json('sla.json'),
  };
  edit(files);
  for (const [name, value] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  }
  return pathToFileURL(`${dir}/`);
}

type Files = Record<string, unknown> & {
  'pack.json': Record<string, unknown> & { levels: Record<string, Record<string, unknown>> };
};

describe('loadPackFolder', () => {
  it('loads an intact copy', async () => {
    const { pack } = await loadPackFolder(brokenPack(() => {}));
    expect(pack.code).toBe('broken');
    expect(pack.areas).toHaveLength(64);
  });

  it.each<[string, (f: Files) => void, RegExp]>([
    [
      'a manifest that is not JSON',
      (f) => void ((f as Record<string, unknown>)['pack.json'] = '{ "code": '),
      /broken\/pack\.json: invalid JSON/,
    ],
    [
      'a code that is not the folder',
      (f) => void (f['pack.json'].code = 'nyc'),
      /pack\.json: code: "nyc" must be the folder's name "broken"/,
    ],
    ['an unknown field', (f) => void (f['pack.json'].colour = 'red'), /pack\.json: \(root\): .*colour/],
    ['a missing time zone', (f) => void delete f['pack.json'].timezone, /pack\.json: timezone: /],
    [
      'an unknown time zone',
      (f) => void (f['pack.json'].timezone = 'Mars/Olympus'),
      /pack\.json: timezone: unknown time zone Mars\/Olympus/,
    ],
    [
      'a declared language without names',
      (f) => void (f['pack.json'].languages = ['en', 'vi']),
      /pack\.json: name\.vi: missing vi text/,
    ],
    [
      'a file outside the folder',
      (f) => void (f['pack.json'].sla = '../hanoi/sla.json'),
      /pack\.json: sla: must be a path inside the pack folder/,
    ],
    [
      'a missing file',
      (f) => void (f['pack.json'].categories = 'nope.json'),
      /broken\/nope\.json: cannot read \(ENOENT\)/,
    ],
    [
      'a code of the wrong shape',
      (f) => void (f['pack.json'].levels.district.codePattern = '^[A-Z]{2}$'),
      /areas_boroughs\.csv: code \d: does not match levels\.district\.codePattern/,
    ],
    [
      'a code property the features lack',
      (f) => void (f['pack.json'].levels.commune.codeProperty = 'boro_cd'),
      /nyc_community_districts_dcp2013\.geojson: features\[0\]\.properties\.boro_cd: missing/,
    ],
    [
      'a category without its English name',
      (f) => void delete (f['categories.json'] as Array<Record<string, unknown>>)[2].nameEn,
      /broken\/categories\.json: 2\.nameEn: missing en text/,
    ],
    [
      'a duplicate category',
      (f) => void (f['categories.json'] as unknown[]).push((f['categories.json'] as unknown[])[0]),
      /categories\.json: 22\.code: duplicate code noise_residential/,
    ],
    [
      'a calendar in another zone',
      (f) => void ((f['calendar.json'] as Record<string, unknown>).timezone = 'Asia/Ho_Chi_Minh'),
      /calendar\.json: timezone: "Asia\/Ho_Chi_Minh" is not the pack's "America\/New_York"/,
    ],
    [
      'a holiday with a bad date',
      (f) => void ((f['calendar.json'] as { holidays: Array<{ date: string }> }).holidays[0].date = '1/1/2025'),
      /calendar\.json: holidays\.0\.date: /,
    ],
    [
      'an SLA of zero hours',
      (f) => void ((f['sla.json'] as Record<string, unknown>).acceptWithinHours = 0),
      /sla\.json: acceptWithinHours: /,
    ],
  ])('fails on %s, naming the file and field', async (_, edit, message) => {
    await expect(loadPackFolder(brokenPack(edit as (f: Record<string, unknown>) => void))).rejects.toThrow(message);
  });

  it('fails on an attribute row with no feature, and on a parent that is no area', async () => {
    const dir = brokenPack(() => {});
    const cds = new URL('areas_community_districts.csv', dir);
    const text = readFileSync(cds, 'utf8');
    writeFileSync(cds, `${text}999,Nowhere CD,9,1\n`);
    await expect(loadPackFolder(dir)).rejects.toThrow(
      /areas_community_districts\.csv: code 999: does not match|no feature in .* for code 999/,
    );
    writeFileSync(cds, text.replace('101,Manhattan CD 1,1,', '101,Manhattan CD 1,7,'));
    await expect(loadPackFolder(dir)).rejects.toThrow(
      /areas_community_districts\.csv: code 101: parent_code: 7 is no area of the upper level/,
    );
  });
});
