import { defineConfig } from 'vitest/config';

const common = {
  // PGlite boots a WASM Postgres per suite; give it room on 2 shared cores.
  testTimeout: 60_000,
  hookTimeout: 180_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...common,
          name: 'unit+integration',
          include: ['{core,geo,db,api,seeds,dashboard,scripts}/**/*.test.ts'],
          exclude: ['dashboard/e2e/**', '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...common,
          // The browser runs last and alone: software WebGL needs both cores to keep its timings.
          name: 'browser',
          include: ['dashboard/e2e/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
