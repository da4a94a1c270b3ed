/**
 * Import: `npm run import -- reports FILE` of 1,000,000 CSV rows into real Postgres, beside plain
 * `COPY` of the same rows through psql, in the same run.
 *
 * ours     — scripts/import/syntheticCsv.ts writes 1,000,000 rows (citydesk's own columns: ids,
 *            zone-less local times over 30 days, categories by code and by Vietnamese name, two in
 *            three closed, points inside Hanoi's communes) to a temp file; then runImport (the CLI's
 *            `npm run import -- reports FILE` (the CLI, in a child process whose JavaScript heap
 *            is capped at HEAP_CAP_MIB) reads, checks and stores it into a fresh database: areas
 *            and H3 cells located, deadlines and working hours on the SLA calendar, COPY into
 *            reports a batch per transaction with its event. rows/s = rows stored / wall time of
 *            the child (starting Node, opening the database and loading the pack included).
 *            Memory: the child's RSS sampled every 100 ms; the file (several times the heap cap
 *            as parsed records) can only get through a capped heap if it streams.
 * baseline — the rows exactly as ours stored them, written out by `COPY reports TO` (not timed),
 *            then `psql -c "\copy reports from FILE"` into a second fresh database with the same
 *            migrations and pack: what Postgres alone takes to store these rows, with every index.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { cityClock } from '../core/cityClock';
import { writeSyntheticCsv } from '../scripts/import/syntheticCsv';
import { POSTGRES_BATCH_ROWS } from '../scripts/import/copyWriter';
import { loadCityPack } from '../seeds/packs';
import { benchDatabase } from './lib/db';
import { rssBytes } from './lib/proc';
import { type BenchResult, type Figure, machineInfo, ratioOf } from './lib/results';
import { round } from './lib/stats';

const QUICK = process.env.BENCH_QUICK === '1';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS) || (QUICK ? 100_000 : 1_000_000);
const TARGET_RPS = 50_000;
const TARGET_RATIO = 0.5;
const MIB = 2 ** 20;
const RSS_SAMPLE_MS = 100;
/** The importer's JavaScript heap: far below the file (~165 MiB) and its parsed records. */
const HEAP_CAP_MIB = 128;
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The CLI in a child process; resolves with its wall time, peak RSS (sampled) and stdout. */
async function importInChild(file: string, databaseUrl: string) {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_CAP_MIB}`,
      '--import',
      'tsx',
      'scripts/import/cli.ts',
      'reports',
      file,
      '--city',
      'hanoi',
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(child.pid!));
    } catch {}
  }, RSS_SAMPLE_MS);
  const [code] = await once(child, 'exit');
  clearInterval(sampler);
  if (code !== 0) throw new Error(`import: the CLI exited with ${code}`);
  return { seconds: (performance.now() - t0) / 1000, peakRss: peak, stdout };
}

function psql(url: string, command: string): number {
  const t0 = performance.now();
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', url, '-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - t0) / 1000;
}

async function count(url: string): Promise<{ reports: number; events: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql<{ reports: string; events: string }[]>`
      select (select count(*) from reports) as reports,
             (select count(*) from events where type = 'reports.imported') as events`;
    return { reports: Number(r.reports), events: Number(r.events) };
  } finally {
    await sql.end();
  }
}

export async function runImportBench(): Promise<BenchResult> {
  process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
  const machine = await machineInfo(process.env.DATABASE_URL);
  const pack = await loadCityPack('hanoi');
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-bench-import-'));
  const file = join(dir, 'reports.csv');
  const copyFile = join(dir, 'reports.copy');
  const ours = await benchDatabase();
  const base = await benchDatabase();
  try {
    console.log(`import: writing ${ROWS.toLocaleString('en-US')} rows …`);
    const until = new Date();
    await writeSyntheticCsv(file, ROWS, pack, { until, offsetMs: cityClock(pack.timezone).offsetMs(until) });
    const fileBytes = statSync(file).size;

    console.log(`import: ours (npm run import -- reports, heap capped at ${HEAP_CAP_MIB} MiB) …`);
    const child = await importInChild(file, ours.url!);
    const oursS = child.seconds;
    const stored = await count(ours.url!);
    const added = Number(/added ([\d,]+) reports/.exec(child.stdout)?.[1]?.replace(/,/g, '') ?? 0);

    console.log('import: baseline (psql \\copy of the same rows) …');
    psql(ours.url!, `\\copy reports to '${copyFile}'`);
    // Migrations and the pack (categories are a foreign key of reports) through the real store.
    const store = await base.open();
    await store.catalog.loadPack(pack);
    await store.close();
    const baseS = psql(base.url!, `\\copy reports from '${copyFile}'`);
    const baseStored = (await count(base.url!)).reports;

    const oursRps = Math.round(stored.reports / oursS);
    const baseRps = Math.round(baseStored / baseS);
    const ratio = ratioOf(oursRps, baseRps);
    const peakMiB = round(child.peakRss / MIB, 1)!;
    const fileMiB = round(fileBytes / MIB, 1)!;
    const figures: Figure[] = [
      {
        figure: `rows/s importing ${ROWS.toLocaleString('en-US')} CSV rows; baseline: psql \\copy of the same rows`,
        unit: 'rows/s',
        ours: oursRps,
        baseline: baseRps,
        ratio,
        target: `≥ ${TARGET_RPS.toLocaleString('en-US')}, ratio ≥ ${TARGET_RATIO}`,
        met: oursRps >= TARGET_RPS && ratio !== null && ratio >= TARGET_RATIO,
      },
      {
        figure: 'wall time',
        unit: 's',
        ours: round(oursS, 1),
        baseline: round(baseS, 1),
        ratio: ratioOf(oursS, baseS),
        target: null,
        met: null,
      },
      {
        figure: `peak RSS of the importer (heap capped at ${HEAP_CAP_MIB} MiB; file ${fileMiB} MiB)`,
        unit: 'MiB',
        ours: peakMiB,
        baseline: null,
        ratio: null,
        target: `finishes under the cap`,
        met: true,
      },
      {
        figure: 'every row stored, one event per batch',
        unit: 'bool',
        ours: stored.reports === ROWS && added === ROWS && stored.events === Math.ceil(ROWS / POSTGRES_BATCH_ROWS),
        baseline: baseStored === ROWS,
        ratio: null,
        target: 'yes',
        met: stored.reports === ROWS && added === ROWS && stored.events === Math.ceil(ROWS / POSTGRES_BATCH_ROWS),
      },
    ];
    const notes = [
      `${ROWS.toLocaleString('en-US')} rows, ${fileMiB} MiB of CSV (scripts/import/syntheticCsv.ts); ours stored ${stored.reports.toLocaleString('en-US')} reports with ${stored.events} reports.imported events (one per batch of ${POSTGRES_BATCH_ROWS.toLocaleString('en-US')}). The importer's summary: ${child.stdout.trim().split('\n').join(' / ')}`,
      'Baseline: the stored rows exported with COPY TO (not timed), then psql \\copy into a fresh database with the same schema and pack: Postgres alone storing the same rows with every index of reports.',
      'Ours includes opening the database, loading the pack, reading and checking every row (areas, H3 cells, SLA calendar), the per-chunk lookups of stored ids, and the commits; the importer and Postgres share the machine.',
    ];
    return { name: 'import', date: new Date().toISOString(), machine, figures, notes };
  } finally {
    await ours.drop();
    await base.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
