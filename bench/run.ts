/**
 * `npm run bench` runs every benchmark; `npm run bench -- ingest` (or `fanout`) runs one.
 * Each writes bench/results/NAME.json and prints its table; results/README.md is regenerated
 * from all the JSON files afterwards. BENCH_QUICK=1 shortens every window (for trying things out;
 * do not record such a run).
 */
import { runFanout } from './fanout';
import { runIngest } from './ingest';
import { type BenchResult, printResult, writeReadme, writeResult } from './lib/results';

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  ingest: runIngest,
  fanout: runFanout,
};

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
    const t0 = performance.now();
    const r = await BENCHES[name]();
    r.notes.push(`Run took ${Math.round((performance.now() - t0) / 1000)} s.`);
    if (process.env.BENCH_QUICK === '1') r.notes.unshift('QUICK RUN (BENCH_QUICK=1): shortened windows, not a recorded result.');
    writeResult(r);
    printResult(r);
    results.push(r);
  }
  writeReadme();
  const missed = results.flatMap((r) => r.figures.filter((f) => f.met === false).map((f) => `${r.name}: ${f.figure}`));
  console.log(`\nbench: ${names.join(', ')} in ${Math.round((performance.now() - started) / 1000)} s; results in bench/results/`);
  if (missed.length) console.log(`missed targets:\n  ${missed.join('\n  ')}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
