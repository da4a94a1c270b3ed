/**
 * Import: `npm run import -- reports FILE` of 1,000,000 CSV rows into real Postgres, beside plain
 * `COPY` of the same rows through psql, in the same run.
 *
 * ours     — scripts/import/syntheticCsv.ts writes 1,000,000 rows (citydesk's own columns: ids,
 *            zone-less local times over 30 days, categories by code and by Vietnamese name, two in
 *            three closed, points inside Hanoi's communes) to a temp file; then runImport (the CLI's
 *            own function, in this process) reads, checks and stores it into a fresh database:
 *            areas and H3 cells located, deadlines and working hours on the SLA calendar, COPY
 *            into reports a batch per transaction with its event. rows/s = rows stored / wall
 *            time of runImport (opening the database and loading the pack included).
 *            Memory: this process's RSS sampled every 100 ms during the import; peak and growth
 *            over the RSS just before it (the file is never held: growth stays below its size).
 * baseline — the rows exactly as ours stored them, written out by `COPY reports TO` (not timed),
 *            then `psql -c "\copy reports from FILE"` into a second fresh database with the same
 *            migrations and pack: what Postgres alone takes to store these rows, with every index.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { cityClock } from '../core/cityClock';
import { runImport } from '../scripts/import/cli';
import { writeSyntheticCsv } from '../scripts/import/syntheticCsv';
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

    console.log('import: ours (npm run import -- reports) …');
    global.gc?.();
    const rssBefore = rssBytes(process.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssBytes(process.pid));
    }, RSS_SAMPLE_MS);
    const t0 = performance.now();
    const summary = await runImport(['reports', file, '--city', 'hanoi'], { DATABASE_URL: ours.url });
    const oursS = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rssBytes(process.pid));
    const stored = await count(ours.url!);

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
    const growthMiB = round((rssPeak - rssBefore) / MIB, 1)!;
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
        figure: `RSS growth during the import (file ${fileMiB} MiB)`,
        unit: 'MiB',
        ours: growthMiB,
        baseline: null,
        ratio: null,
        target: `< ${fileMiB} (the file)`,
        met: growthMiB < fileMiB,
      },
      {
        figure: 'peak RSS of the importing process',
        unit: 'MiB',
        ours: round(rssPeak / MIB, 1),
        baseline: null,
        ratio: null,
        target: null,
        met: null,
      },
      {
        figure: 'every row stored, one event per batch',
        unit: 'bool',
        ours: stored.reports === ROWS && summary.added === ROWS && stored.events === summary.batches,
        baseline: baseStored === ROWS,
        ratio: null,
        target: 'yes',
        met: stored.reports === ROWS && summary.added === ROWS && stored.events === summary.batches,
      },
    ];
    const notes = [
      `${ROWS.toLocaleString('en-US')} rows, ${fileMiB} MiB of CSV (scripts/import/syntheticCsv.ts); ours stored ${stored.reports.toLocaleString('en-US')} reports in ${summary.batches} batches with ${stored.events} reports.imported events, rejected ${summary.rejected}; RSS before ${round(rssBefore / MIB, 1)} MiB (pack loaded).`,
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
