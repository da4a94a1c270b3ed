/**
 * `npm run bench` runs every benchmark; `npm run bench -- ingest` (or `fanout`, `import`, …) runs one.
 * Each writes bench/results/NAME.json and prints its table; results/README.md is regenerated
 * from all the JSON files afterwards. BENCH_QUICK=1 shortens every window (for trying things out;
 * do not record such a run).
 */
import { runAnalytics } from './analytics';
import { runDashboard } from './dashboard';
import { runFanout } from './fanout';
import { runImportBench } from './import';
import { runIngest } from './ingest';
import { machineCpu } from './lib/proc';
import { type BenchResult, printResult, writeReadme, writeResult } from './lib/results';
import { sleep } from './lib/stats';

/** How busy the machine is before we start: other tenants share these 2 cores. */
async function backgroundBusy(ms = 2000): Promise<number> {
  const a = machineCpu();
  await sleep(ms);
  const b = machineCpu();
  return Math.round(((b.busyMs - a.busyMs) / (b.totalMs - a.totalMs)) * 100);
}

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  ingest: runIngest,
  fanout: runFanout,
  dashboard: runDashboard,
  analytics: runAnalytics,
  import: runImportBench,
};

/** Waits (up to maxMs) until other work leaves the machine mostly idle; returns how busy it was. */
async function waitForQuiet(maxMs = 45_000, threshold = 25): Promise<number> {
  const t0 = performance.now();
  let busy = await backgroundBusy();
  while (busy > threshold && performance.now() - t0 < maxMs) {
    console.log(`bench: machine ${busy}% busy with other work; waiting for it to settle …`);
    busy = await backgroundBusy(5000);
  }
  return busy;
}

async function main() {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !(a in BENCHES));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  const names = asked.length ? asked : Object.keys(BENCHES);
  const started = performance.now();
  const results: BenchResult[] = [];
  for (const name of names) {
    const busy = await waitForQuiet();
    const t0 = performance.now();
    const r = await BENCHES[name]();
    const busyAfter = await backgroundBusy();
    r.notes.push(
      `Run took ${Math.round((performance.now() - t0) / 1000)} s. Machine busy with other work: ${busy}% just before, ${busyAfter}% just after (of ${r.machine.cores} cores; noise).`,
    );
    if (process.env.BENCH_QUICK === '1')
      r.notes.unshift('QUICK RUN (BENCH_QUICK=1): shortened windows, not a recorded result.');
    writeResult(r);
    printResult(r);
    results.push(r);
  }
  writeReadme();
  const missed = results.flatMap((r) => r.figures.filter((f) => f.met === false).map((f) => `${r.name}: ${f.figure}`));
  console.log(
    `\nbench: ${names.join(', ')} in ${Math.round((performance.now() - started) / 1000)} s; results in bench/results/`,
  );
  if (missed.length) console.log(`missed targets:\n  ${missed.join('\n  ')}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
