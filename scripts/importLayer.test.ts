import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DRIVERS, createTestDatabase } from '../db/testing';
import { openStore } from '../db/store';
import { LayerFileError } from './layerFile';
import { importLayerFile, parseCliArgs } from './importLayer';

const CITY = { publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' };
const point = (lng: number, lat: number, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'Point', coordinates: [lng, lat] },
});
const GOOD = {
  type: 'FeatureCollection',
  features: [
    { ...point(105.85, 21.03, { name: 'Ngã tư Sở' }), id: 'nts' },
    {
      type: 'Feature',
      id: 'ring2',
      properties: { name: 'Vành đai 2' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [105.82, 21.0],
          [105.86, 21.0],
        ],
      },
    },
    {
      type: 'Feature',
      id: 'zone',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [105.8, 21.0],
            [105.81, 21.0],
            [105.81, 21.01],
            [105.8, 21.0],
          ],
        ],
      },
    },
  ],
};

describe('parseCliArgs', () => {
  it('derives a code and names from the file, and takes the options', () => {
    expect(parseCliArgs(['--kind', 'traffic', 'data/Điểm ùn tắc.geojson']).meta).toMatchObject({
      code: 'traffic_diem_un_tac',
      nameEn: 'Điểm ùn tắc',
      licence: 'not stated',
      simulated: false,
    });
    const { meta } = parseCliArgs([
      '--kind',
      'planning',
      'x.geojson',
      '--code',
      'planning_zoning',
      '--name-vi',
      'Quy hoạch',
      '--name-en',
      'Zoning',
      '--source',
      'Sở QH-KT',
      '--licence',
      'CC BY 4.0',
      '--date',
      '2024-06',
    ]);
    expect(meta).toEqual({
      code: 'planning_zoning',
      kind: 'planning',
      nameVi: 'Quy hoạch',
      nameEn: 'Zoning',
      source: 'Sở QH-KT',
      licence: 'CC BY 4.0',
      simulated: false,
      dataDate: '2024-06',
    });
  });

  it.each([
    [['x.geojson'], /--kind: expected planning/],
    [['--kind', 'roads', 'x.geojson'], /--kind: expected planning/],
    [['--kind', 'traffic'], /expected one FILE/],
    [['--kind', 'traffic', 'x.geojson', '--code', 'Bad Code'], /--code: lower-case/],
    [['--kind', 'traffic', 'x.geojson', '--colour', 'red'], /Unknown option/],
  ])('refuses %j with usage', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(LayerFileError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe.each(TEST_DRIVERS)('import:layer on %s', (driver) => {
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-import-'));
  const file = (name: string, json: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };
  let db: TestDatabase | null = null;
  let env: Record<string, string>;
  const open = () => (db ? db.open() : openStore({ ...CITY, dataDir: join(dir, 'pglite') }));
  const stored = async () => {
    const store = await open();
    try {
      const layer = (await store.layers.list(new Date())).find((l) => l.code === 'traffic_hotspots');
      const { maxId } = await store.events.eventBounds();
      return { count: layer?.featureCount ?? null, layer, events: maxId };
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    if (driver === 'postgres') {
      db = await createTestDatabase('postgres');
      env = { DATABASE_URL: db.url! };
    } else {
      env = { DATA_DIR: dir };
    }
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const args = (path: string) => [
    '--kind',
    'traffic',
    path,
    '--code',
    'traffic_hotspots',
    '--name-vi',
    'Điểm nóng',
    '--name-en',
    'Hotspots',
    '--licence',
    'CC0 1.0',
  ];

  it('stores a valid file as a layer with its features, and re-importing replaces them', async () => {
    const r = await importLayerFile(args(file('good.geojson', GOOD)), env);
    expect(r).toMatchObject({ code: 'traffic_hotspots', kind: 'traffic', features: 3, database: driver });
    const first = await stored();
    expect(first.count).toBe(3);
    expect(first.layer).toMatchObject({ kind: 'traffic', nameVi: 'Điểm nóng', licence: 'CC0 1.0', simulated: false });
    await importLayerFile(args(file('fewer.geojson', { ...GOOD, features: GOOD.features.slice(0, 2) })), env);
    expect((await stored()).count).toBe(2);
  });

  it('refuses a bad file naming the feature and field, and stores nothing', async () => {
    const before = await stored();
    const bad = { ...GOOD, features: [...GOOD.features, point(105.85, 121.03)] };
    await expect(importLayerFile(args(file('bad.geojson', bad)), env)).rejects.toThrow(
      /^feature 3: geometry\.coordinates: latitude must be within/,
    );
    await expect(
      importLayerFile(args(file('broken.geojson', '{"type": "FeatureCollection", "features": [')), env),
    ).rejects.toThrow(LayerFileError);
    expect(await stored()).toEqual(before);
  });

  it('rolls back the whole layer when the database refuses part of it', async () => {
    const before = await stored();
    const store = await open();
    try {
      // 1,500 features: the first insert chunk (1,000) succeeds, the second carries a NUL Postgres refuses.
      const features = Array.from({ length: 1_500 }, (_, i) => ({
        key: `k${i}`,
        properties: { n: i === 1_400 ? 'a\u0000b' : i },
        geometry: { type: 'Point' as const, coordinates: [105.85, 21.03] },
      }));
      await expect(
        store.layers.import({
          code: 'traffic_hotspots',
          kind: 'traffic',
          nameVi: 'x',
          nameEn: 'x',
          source: 'x',
          licence: 'x',
          simulated: false,
          dataDate: null,
          features,
        }),
      ).rejects.toThrow();
    } finally {
      await store.close();
    }
    expect(await stored()).toEqual(before);
  });

  it.runIf(driver === 'pglite')('exits non-zero with a one-line error from the command line', async () => {
    const bad = file('cli-bad.geojson', {
      ...GOOD,
      features: [
        GOOD.features[0],
        { ...GOOD.features[1], geometry: { type: 'LineString', coordinates: [[105.8, 21]] } },
      ],
    });
    const run = promisify(execFile);
    const err = await run('npx', ['tsx', 'scripts/importLayer.ts', ...args(bad)], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir },
    }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr.trim()).toBe(
      'citydesk import:layer: feature 1: geometry.coordinates: a line needs at least 2 positions',
    );
  });
});
