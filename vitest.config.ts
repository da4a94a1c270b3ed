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
          // Each worker runs its files one after another in one process instead of a new process
          // per file: the app's modules are loaded and PGlite's WASM compiled once per worker, not
          // ~190 times (the project 18.7 → 8.8 min on 2 busy cores). Every suite opens its own
          // database and app and closes them; nothing in the suite mocks modules or leaves fake
          // timers, environment or globals changed behind it.
          isolate: false,
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
