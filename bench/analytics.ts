/**
 * Analytics over 1,000,000 reports in real Postgres (issue #4): KPIs for every commune, Gi* over
 * every res-8 cell of Hanoi, the 14-day emerging-hotspot run, and the incremental update after
 * one event — each beside a raw baseline measured in the same run, on the same data.
 *
 * Data: bench/analyticsData.ts loads BENCH_ANALYTICS_REPORTS (default 1,000,000) reports over 30
 * days into a fresh database with one INSERT … SELECT. Then a real runtime (api/runtime.ts) starts
 * on it, as an API process would: its analytics load every report into memory once.
 *
 * ours     — in this process, in the runtime's own objects:
 *            KPIs: `GET /api/kpis/areas?level=commune` through app.request (no network: the
 *            handler, the in-memory pass, 126 rows shaped to JSON);
 *            Gi*: z, p and 90/95/99% bins of every cell from the maintained state, and a cold run
 *            (getisOrdGiStar over a prebuilt neighbour index, from the cell values);
 *            emerging: the 14 daily slices rebuilt from the in-memory columns + Gi* per slice +
 *            Mann-Kendall + the pattern of every cell;
 *            incremental: one report changes (the mirror upserts its row, the model moves the
 *            counts of its cell's ring), then every cell's z (+ patterns).
 * baseline — KPIs: `select commune_code, count(*) from reports group by commune_code` (the floor
 *            of any SQL that reads every report), and the same KPIs in SQL (db/queries/kpis.ts,
 *            exact percentiles); Gi*: geo/bench/naiveGiStar.ts (the textbook formula, gridDisk per
 *            cell per run) on the same values; emerging: naive Gi* per slice + the same trend tests;
 *            incremental: the full pass it replaces (rebuild from the columns).
 * Each figure is the median of several runs after a warm-up.
 */
import postgres from 'postgres';
import { headersForNewAccount } from '../api/auth/testAccounts';
import { as } from '../api/testClient';
import { createApp } from '../api/app';
import { buildNewReport } from '../api/domain/intake';
import { createRuntime } from '../api/runtime';
import { binOfZ } from '../geo/confidence';
import { classifyEhsa } from '../geo/ehsaPatterns';
import { getisOrdGiStar } from '../geo/hotspots';
import { mannKendall } from '../geo/mannKendall';
import { naiveGiStar } from '../geo/bench/naiveGiStar';
import { localDayEnds } from '../api/analytics/localDays';
import type { AnalyticsRow } from '../db/queries/analyticsRows';
import { openStore } from '../db/store';
import { loadCityPack } from '../seeds/packs';
import { loadAnalyticsDataset } from './analyticsData';
import { benchDatabase } from './lib/db';
import { type BenchResult, type Figure, machineInfo, ratioOf } from './lib/results';
import { round } from './lib/stats';

const QUICK = process.env.BENCH_QUICK === '1';
const REPORTS = Number(process.env.BENCH_ANALYTICS_REPORTS) || (QUICK ? 200_000 : 1_000_000);
const RUNS = QUICK ? 5 : 15;
const DAY_MS = 86_400_000;

const KPI_TARGET_MS = 50;
const GI_TARGET_MS = 200;
const EHSA_TARGET_MS = 1_000;

/** Median wall time in ms of `fn` over `runs` runs after `warm` unrecorded ones. */
async function time(fn: () => unknown, runs = RUNS, warm = 2): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

function figure(name: string, unit: string, ours: number, baseline: number | null, targetMs?: number): Figure {
  const digits = unit === 'µs' ? 1 : 2;
  return {
    figure: name,
    unit,
    ours: round(ours, digits),
    baseline: baseline === null ? null : round(baseline, digits),
    ratio: ratioOf(ours, baseline, 3),
    target: targetMs === undefined ? null : `≤ ${targetMs}`,
    met: targetMs === undefined ? null : ours <= targetMs,
  };
}

export async function runAnalytics(): Promise<BenchResult> {
  const pack = await loadCityPack('hanoi');
  const db = await benchDatabase();
  const notes: string[] = [];
  try {
    const machine = await machineInfo(db.url!);
    const setup = await db.open();
    await setup.catalog.loadPack(pack);
    await setup.close();
    const now = new Date();
    console.log(`analytics: loading ${REPORTS.toLocaleString('en')} reports …`);
    const loadS = await loadAnalyticsDataset(db.url!, pack, REPORTS, now);
    const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
    // Index-only scans need the visibility map; production tables have it from autovacuum.
    await sql`vacuum analyze reports`;

    const store = await openStore({
      databaseUrl: db.url!,
      publicIdPrefix: pack.publicIdPrefix,
      timezone: pack.timezone,
    });
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const runtime = await createRuntime({ store, pack, overlays: false, now: () => now });
    const startS = (performance.now() - t0) / 1000;
    const rssMiB = (process.memoryUsage().rss - rss0) / 2 ** 20;
    const reportBytes = runtime.analytics.mirror.cols.bytesPerReport();
    // The KPI routes are the operations centre's: asked with an operator's token.
    const app = as(createApp(runtime), await headersForNewAccount(store, pack, 'operator'));
    const { analytics } = runtime;
    const model = analytics.hotspots.model;
    const figures: Figure[] = [];
    try {
      // KPIs for every commune.
      const since = new Date(now.getTime() - 30 * DAY_MS);
      const w = { since, until: now, now };
      const url = `/api/kpis/areas?level=commune&since=${since.toISOString()}&until=${now.toISOString()}`;
      const check = await (await app.request(url)).json();
      if (check.items.length !== 126) throw new Error(`expected 126 communes, got ${check.items.length}`);
      const tKpi = await time(async () => (await app.request(url)).text());
      const tCount = await time(() => sql`select commune_code, count(*) from reports group by commune_code`);
      const tKpiSql = await time(() => store.kpis.tallies(w, 'commune', {}), QUICK ? 1 : 3, 1);
      figures.push(figure('KPIs for all 126 communes (GET /api/kpis/areas)', 'ms', tKpi, tCount, KPI_TARGET_MS));
      figures.push(figure('… baseline: the same KPIs in SQL (exact percentiles)', 'ms', tKpi, tKpiSql));
      const tKpiCity = await time(async () => (await app.request(`/api/kpis?since=${since.toISOString()}`)).text());
      const tKpiCitySql = await time(() => store.kpis.tallies(w, 'city', {}), QUICK ? 1 : 3, 1);
      figures.push(figure('KPIs for the city (GET /api/kpis); baseline: the same in SQL', 'ms', tKpiCity, tKpiCitySql));

      // Gi* over every res-8 cell.
      const cells = model.index.cells;
      const values = new Map<string, number>();
      for (const c of cells) {
        const v = model.valueOf('open', c)!;
        if (v) values.set(c, v);
      }
      const tNaive = await time(() => naiveGiStar(values, cells, model.opts.k), QUICK ? 2 : 5, 1);
      const tState = await time(() => model.cells('open', model.opts.k, false).length);
      const tCold = await time(() => getisOrdGiStar(values, { index: model.index }));
      const tFdr = await time(() => model.cells('open', model.opts.k, true).length);
      figures.push(
        figure(
          `Gi* every res-8 cell (${cells.length} cells, k=1): maintained state + patterns`,
          'ms',
          tState,
          tNaive,
          GI_TARGET_MS,
        ),
      );
      figures.push(
        figure('Gi* every res-8 cell: cold, from cell values (prebuilt index)', 'ms', tCold, tNaive, GI_TARGET_MS),
      );
      figures.push(figure('Gi* every res-8 cell + BH FDR + patterns', 'ms', tFdr, tNaive, GI_TARGET_MS));

      // The 14-day emerging-hotspot run.
      const days = model.opts.days;
      const { ends, day } = localDayEnds(now.getTime(), days, pack.timezone);
      const tEhsa = await time(
        () => {
          model.rebuild(ends, day);
          return model.cells('open', model.opts.k, false).length;
        },
        QUICK ? 3 : 7,
        1,
      );
      const slices = Array.from({ length: days }, (_, t) => {
        const m = new Map<string, number>();
        for (const c of cells) {
          const v = model.series(c)[t]!;
          if (v) m.set(c, v);
        }
        return m;
      });
      const tEhsaNaive = await time(
        () => {
          const zs = slices.map((s) => naiveGiStar(s, cells, model.opts.k));
          for (const c of cells) {
            const series = zs.map((z) => z.get(c)!);
            classifyEhsa(
              series.map((z) => Math.sign(binOfZ(z))),
              mannKendall(series),
            );
          }
        },
        1,
        0,
      );
      figures.push(
        figure(
          `emerging hotspots, ${days} daily slices from ${REPORTS.toLocaleString('en')} reports`,
          'ms',
          tEhsa,
          tEhsaNaive,
          EHSA_TARGET_MS,
        ),
      );

      // Incremental: one event.
      const cols = analytics.mirror.cols;
      const id = cols.size; // any id present (the dataset numbers reports 1..N)
      const [row] = await store.analytics.analyticsRowsByIds([id]);
      if (!row) throw new Error(`report ${id} not found`);
      const open: AnalyticsRow = { ...row, status: 'in_progress', endedMs: null, resolvedMs: null };
      const closed: AnalyticsRow = { ...row, status: 'resolved', endedMs: now.getTime(), resolvedMs: now.getTime() };
      let flip = 0;
      const oneEvent = () => cols.upsert(flip++ % 2 ? open : closed);
      const tUpsert =
        (await time(() => {
          for (let i = 0; i < 1_000; i++) oneEvent();
        })) / 1_000;
      const tRebuild = await time(() => model.rebuild(ends, day), QUICK ? 3 : 7, 1);
      figures.push(
        figure('incremental: one report changes → counts and Gi* sums updated', 'µs', tUpsert * 1000, tRebuild * 1000),
      );
      const tOneAll = await time(() => {
        oneEvent();
        return model.cells('open', model.opts.k, false).length;
      });
      figures.push(
        figure('incremental: one report changes → every z, bin and pattern', 'ms', tOneAll, tRebuild + tState),
      );
      // End to end through the database: insert a report, the mirror re-reads it, the model moves.
      const item = buildNewReport(
        { category: 'traffic_roads', lat: 21.0287, lng: 105.8524, title: 'Ổ gà', description: 'Ổ gà giữa đường' },
        runtime.intake,
        now,
        'import',
      );
      const tEndToEnd = await time(
        async () => {
          await store.reports.insert([item]);
          await analytics.mirror.sync();
        },
        QUICK ? 5 : 11,
        2,
      );
      const reloadStart = performance.now();
      let after = 0;
      for (;;) {
        const page = await store.analytics.analyticsPage(after, 50_000);
        if (page.length < 50_000) break;
        after = page[page.length - 1]!.id;
      }
      const tReload = performance.now() - reloadStart;
      figures.push(figure('new report end to end: committed → mirror and model current', 'ms', tEndToEnd, tReload));
      figures.push(figure('memory: bytes a report in the analytics columns', 'B', reportBytes, null));

      notes.push(
        `${REPORTS.toLocaleString('en')} reports loaded in ${round(loadS, 1)} s (bench/analyticsData.ts); the runtime then started in ${round(startS, 1)} s, ` +
          `loading every report into memory (+${round(rssMiB, 0)} MiB RSS) and building the hotspot model over ${cells.length} res-8 cells (${model.outside} open reports outside the study area).`,
        `KPI baseline: \`select commune_code, count(*) from reports group by commune_code\` (parallel seq scan, all reports), and the same KPIs as one SQL query (db/queries/kpis.ts; percentile_disc is exact, the in-memory percentiles are within 0.55% — log bins of 1/64 octave).`,
        `Gi* baseline: geo/bench/naiveGiStar.ts on the same cell values (gridDisk per cell per run). "maintained state" reads z from the sums kept under every event (O(n)), then p-values, bins and the emerging pattern of every cell.`,
        `Emerging: rebuild = 14 daily slices (open backlog at the end of each local day, from each report's status history: created/ended times and a reopened report's spells away, read from its events) from the in-memory columns + the Gi* states + Mann-Kendall and the ArcGIS pattern of every cell; baseline = naive Gi* per slice + the same trend tests on the same slices (one run).`,
        `Memory: the width of one report's row in the in-memory columns (one element of every typed array and its id slot) plus its share of the reopened reports' spells away (a sparse map, ${cols.awayCount.toLocaleString('en')} reports), as ReportColumns.bytesPerReport() counts it; the RSS growth above also holds the dictionaries, spare capacity and the model.`,
        `Incremental baseline: the full pass the update replaces (model.rebuild from the columns; + every z for the second figure). End to end: store.reports.insert of one report then analytics.mirror.sync() (hub reads the event, the mirror re-reads the row, the model moves); baseline: re-reading every report from Postgres, which a full resync without the mirror would need.`,
      );
    } finally {
      await runtime.stop();
      await store.close();
      await sql.end();
    }
    return { name: 'analytics', date: new Date().toISOString(), machine, figures, notes };
  } finally {
    await db.drop();
  }
}
