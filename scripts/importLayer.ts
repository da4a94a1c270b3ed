import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { openStore } from '../db/store';
import { EnvError, parseEnv } from '../api/env';
import { loadCityPack } from '../seeds/packs';
import { LayerFileError, type LayerMeta, layerFromGeoJson } from './layerFile';

/**
 * `npm run import:layer -- --kind traffic FILE [--code CODE] [--name-vi …] [--name-en …]
 * [--source …] [--licence …] [--date YYYY-MM-DD] [--simulated]`
 *
 * Reads a GeoJSON FeatureCollection, validates all of it, then upserts the layer and replaces its
 * features in one transaction (nothing half-stored), in the database of DATABASE_URL or DATA_DIR.
 * With the embedded database, stop the server first: PGlite allows one process per data directory.
 */

const USAGE =
  'usage: npm run import:layer -- --kind planning|environment|traffic|transit FILE [--code CODE] [--name-vi NAME] [--name-en NAME] [--source TEXT] [--licence TEXT] [--date YYYY-MM-DD] [--simulated]';

const options = z.object({
  kind: z.enum(['planning', 'environment', 'traffic', 'transit'], {
    error: 'expected planning, environment, traffic or transit',
  }),
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _, starting with a letter')
    .optional(),
  'name-vi': z.string().trim().min(1).max(200).optional(),
  'name-en': z.string().trim().min(1).max(200).optional(),
  source: z.string().trim().min(1).max(500).optional(),
  licence: z.string().trim().min(1).max(200).optional(),
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
    .optional(),
  simulated: z.boolean().optional(),
});

/** A default code from the file name: "Hanoi Flood Points.geojson" + traffic → traffic_hanoi_flood_points. */
function codeFor(kind: string, file: string): string {
  const slug = basename(file, extname(file))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 50);
  return slug.startsWith(`${kind}_`) ? slug : `${kind}_${slug || 'layer'}`;
}

const parseCliOptions = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      code: { type: 'string' },
      'name-vi': { type: 'string' },
      'name-en': { type: 'string' },
      source: { type: 'string' },
      licence: { type: 'string' },
      date: { type: 'string' },
      simulated: { type: 'boolean' },
    },
  });

export function parseCliArgs(argv: string[]): { file: string; meta: LayerMeta } {
  let parsed: ReturnType<typeof parseCliOptions>;
  try {
    parsed = parseCliOptions(argv);
  } catch (e) {
    throw new LayerFileError(`${(e as Error).message}\n${USAGE}`);
  }
  if (parsed.positionals.length !== 1) throw new LayerFileError(`expected one FILE\n${USAGE}`);
  const o = options.safeParse(parsed.values);
  if (!o.success) {
    const issue = o.error.issues[0];
    throw new LayerFileError(`--${issue.path.join('.')}: ${issue.message}\n${USAGE}`);
  }
  const file = parsed.positionals[0];
  const v = o.data;
  const code = v.code ?? codeFor(v.kind, file);
  const name = basename(file, extname(file));
  return {
    file,
    meta: {
      code,
      kind: v.kind,
      nameVi: v['name-vi'] ?? v['name-en'] ?? name,
      nameEn: v['name-en'] ?? v['name-vi'] ?? name,
      source: v.source ?? `Imported from ${basename(file)}`,
      licence: v.licence ?? 'not stated',
      simulated: v.simulated ?? false,
      dataDate: v.date ?? null,
    },
  };
}

/** Validates the file and stores the layer; throws LayerFileError (bad input) or the database's error. */
export async function importLayerFile(argv: string[], env: Record<string, string | undefined>) {
  const { file, meta } = parseCliArgs(argv);
  const { DATABASE_URL, DATA_DIR, CITY } = parseEnv(env);
  const pack = await loadCityPack(CITY);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new LayerFileError(`${file}: ${(e as Error).message}`);
  }
  const layer = layerFromGeoJson(json, meta, pack);
  const store = await openStore({
    databaseUrl: DATABASE_URL,
    dataDir: join(DATA_DIR, 'pglite'),
    publicIdPrefix: pack.publicIdPrefix,
    timezone: pack.timezone,
  });
  try {
    const stored = await store.layers.import(layer);
    return { code: layer.code, kind: layer.kind, features: stored.features, database: store.kind };
  } finally {
    await store.close();
  }
}

async function main() {
  try {
    const r = await importLayerFile(process.argv.slice(2), process.env);
    console.log(`citydesk: imported ${r.features} features into layer ${r.code} (${r.kind}, ${r.database})`);
  } catch (e) {
    const known = e instanceof LayerFileError || e instanceof EnvError;
    console.error(
      `citydesk import:layer: ${known ? e.message : `failed, nothing stored: ${e instanceof Error ? e.message : e}`}`,
    );
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
