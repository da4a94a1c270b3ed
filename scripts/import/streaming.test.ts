import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityClock } from '../../core/cityClock';
import { type TestDatabase, TEST_DRIVERS, createTestDatabase } from '../../db/testing';
import { loadCityPack } from '../../seeds/packs';
import { writeSyntheticCsv } from './syntheticCsv';

/**
 * The import streams: 200,000 rows (~33 MiB of CSV; as parsed records, several times that) go in
 * through the real CLI in a child process whose JavaScript heap is capped at 64 MiB. Reading the
 * file whole, or holding its records, dies of "heap out of memory"; streaming it finishes.
 * PGlite, whose inserts are slower than Postgres's COPY, takes 100,000 rows (~17 MiB): on
 * the CLI's start-up (pack, area indexes, a new PGlite) under the same cap, reading that file whole
 * and splitting its lines, or holding its records from the reader, each still died of heap out of
 * memory (70,000 rows read whole did not), so it proves the same of the PGlite writer in half the time.
 */
const ROWS = { postgres: 200_000, pglite: 100_000 } as const;
/** The file's least size, for each row count above (~171 bytes a row). */
const MIN_MIB = { postgres: 30, pglite: 15 } as const;
const HEAP_CAP_MIB = 64;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

describe.each(TEST_DRIVERS)('a file larger than the heap, on %s', (driver) => {
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-import-stream-'));
  const file = join(dir, 'big.csv');
  let db: TestDatabase | null = null;

  beforeAll(async () => {
    if (driver === 'postgres') db = await createTestDatabase('postgres');
    const pack = await loadCityPack('hanoi');
    const until = new Date();
    await writeSyntheticCsv(file, ROWS[driver], pack, { until, offsetMs: cityClock(pack.timezone).offsetMs(until) });
  }, 120_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`imports ${ROWS[driver].toLocaleString('en-US')} rows with a ${HEAP_CAP_MIB} MiB heap`, async () => {
    expect(statSync(file).size).toBeGreaterThan(MIN_MIB[driver] * 2 ** 20);
    const env = {
      ...process.env,
      ...(db ? { DATABASE_URL: db.url } : { DATABASE_URL: '', DATA_DIR: join(dir, 'data') }),
    };
    const { stdout } = await run(
      process.execPath,
      [`--max-old-space-size=${HEAP_CAP_MIB}`, '--import', 'tsx', 'scripts/import/cli.ts', 'reports', file],
      { cwd: ROOT, env, maxBuffer: 16 * 2 ** 20 },
    );
    expect(stdout).toContain(`added ${ROWS[driver].toLocaleString('en-US')} reports`);
    expect(stdout).not.toContain('rejected');
  }, 600_000);
});
