import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { EnvError, parseEnv } from '../../api/env';
import { connect } from '../../db/connect';
import { loadCityPack } from '../../seeds/packs';
import { ImportError } from './importError';
import { type ImportSummary, importReports } from './importReports';
import { DEFAULT_MAPPING, IMPORT_FORMATS, type ImportFormat, loadMapping } from './mapping';
import type { ProgressEffects } from './progress';

/**
 * `npm run import -- reports FILE [--format csv|geojson|open311] [--map MAPPING] [--city CODE]`
 *
 * Imports a city's report history into the database of DATABASE_URL or DATA_DIR (with the
 * embedded database, stop the server first: PGlite allows one process per data directory).
 * See README, "Importing report history".
 */
const USAGE =
  'usage: npm run import -- reports FILE [--format csv|geojson|open311] [--map nyc311|open311|citydesk|MAPPING.json] [--city CODE]';

export interface CliRequest {
  file: string;
  format: ImportFormat;
  map: string;
  city: string | undefined;
}

/** The format from the file's name when not given: .csv, .geojson; any other .json is an Open311 dump. */
function formatOf(file: string): ImportFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.geojson')) return 'geojson';
  if (lower.endsWith('.json')) return 'open311';
  return null;
}

export function parseCliArgs(argv: string[]): CliRequest {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new ImportError(`${(e as Error).message}\n${USAGE}`);
  }
  const [what, file, ...rest] = parsed.positionals;
  if (what !== 'reports') throw new ImportError(`expected "reports" first\n${USAGE}`);
  if (!file || rest.length) throw new ImportError(`expected one FILE\n${USAGE}`);
  const given = parsed.values.format;
  if (given !== undefined && !IMPORT_FORMATS.includes(given as ImportFormat))
    throw new ImportError(`--format: expected csv, geojson or open311\n${USAGE}`);
  const format = (given as ImportFormat | undefined) ?? formatOf(file);
  if (!format)
    throw new ImportError(`--format: cannot tell from the file's name; give csv, geojson or open311\n${USAGE}`);
  return { file, format, map: parsed.values.map ?? DEFAULT_MAPPING[format], city: parsed.values.city };
}

const OPTIONS = {
  format: { type: 'string' },
  map: { type: 'string' },
  city: { type: 'string' },
} as const;

/** Parses, opens the database, imports; throws ImportError/EnvError (bad input) or the database's error. */
export async function runImport(
  argv: string[],
  env: Record<string, string | undefined>,
  progress?: ProgressEffects,
): Promise<ImportSummary & { database: string }> {
  const req = parseCliArgs(argv);
  const { DATABASE_URL, DATA_DIR, CITY } = parseEnv(env);
  const pack = await loadCityPack(req.city ?? CITY).catch((e: Error) => {
    throw new ImportError(`--city: ${e.message}`);
  });
  const mapping = await loadMapping(req.map);
  const conn = await connect({ databaseUrl: DATABASE_URL, dataDir: join(DATA_DIR, 'pglite') });
  try {
    const summary = await importReports({
      file: req.file,
      format: req.format,
      mapping,
      pack,
      conn,
      databaseUrl: DATABASE_URL,
      progress,
    });
    return { ...summary, database: conn.kind };
  } finally {
    await conn.close();
  }
}

/** The summary as printed: what was added, what was there already, what was rejected and where. */
export function summaryText(s: ImportSummary & { database: string }): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `citydesk: read ${n(s.read)} records in ${s.seconds.toFixed(1)} s (${n(Math.round(s.read / Math.max(s.seconds, 1e-3)))} rows/s, ${s.database})`,
    s.added === 0 && s.alreadyStored > 0
      ? `citydesk: nothing new: all ${n(s.alreadyStored)} good records were already imported / không có gì mới: đã nhập từ trước`
      : `citydesk: added ${n(s.added)} reports${s.alreadyStored ? `, ${n(s.alreadyStored)} already imported (skipped)` : ''}`,
  ];
  if (s.rejected)
    lines.push(`citydesk: rejected ${n(s.rejected)} records, each with its line and reason in ${s.rejectsFile}`);
  return lines;
}

async function main() {
  try {
    const summary = await runImport(process.argv.slice(2), process.env);
    for (const line of summaryText(summary)) console.log(line);
  } catch (e) {
    const known = e instanceof ImportError || e instanceof EnvError;
    console.error(
      `citydesk import: ${known ? e.message : `failed (batches committed before stay; run it again to finish): ${e instanceof Error ? e.message : e}`}`,
    );
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
