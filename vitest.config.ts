import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{geo,db,api,seeds,dashboard,scripts}/**/*.test.ts'],
    // PGlite boots a WASM Postgres per suite; give it room on 2 shared cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
