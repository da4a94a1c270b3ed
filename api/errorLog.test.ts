import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Connection, connect } from '../db/connect';
import { createStore } from '../db/store';
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from '../db/testing';
import type { NewReport } from '../db/types';
import { loadCityPack } from '../seeds/packs';
import { createApp } from './app';
import { buildNewReport } from './domain/intake';
import { describeError } from './errorLog';
import { createRuntime } from './runtime';
import { newReportBody } from './schemas';
import { postJson, reportBody } from './testing';

/** What a reporter sent; none of it may appear in a log line. */
const SECRETS = {
  title: 'Nhà số 17 ngõ Bí Mật bị nứt',
  description: 'Gọi chị Hằng sau 18 giờ',
  name: 'Trần Thị Bí Mật',
  phone: '0912345678',
  email: 'bimat@example.vn',
};

describe.each(TEST_DRIVERS)('failed-query logs on %s', (driver) => {
  let testDb: TestDatabase;
  let conn: Connection;
  let app: ReturnType<typeof createApp>;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    conn = await connect({ databaseUrl: testDb.url });
    const store = createStore(conn, { publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' });
    const runtime = await createRuntime({ store, pack: await loadCityPack('hanoi'), overlays: false });
    stop = runtime.stop;
    app = createApp(runtime);
    // The fault: this reporter's contact row breaks a constraint, so the batch's insert fails with
    // the report's text and the contact among its parameters.
    await conn.db.execute(
      sql.raw(`alter table report_contacts add constraint probe_fault check (name <> '${SECRETS.name}')`),
    );
  });
  afterAll(async () => {
    await stop?.();
    await conn?.close();
    await testDb?.drop();
  });

  it('a forced database error is logged with its code and route, and none of the values sent', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : String((a as Error)?.stack ?? a))).join(' '));
    });
    try {
      const res = await postJson(
        app,
        '/api/reports',
        reportBody({
          title: SECRETS.title,
          description: SECRETS.description,
          reporter: { name: SECRETS.name, phone: SECRETS.phone, email: SECRETS.email },
        }),
      );
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    } finally {
      spy.mockRestore();
    }
    const log = lines.join('\n');
    // It was logged, usefully: the route and Postgres's code for a check violation.
    expect(log).toContain('POST /api/reports');
    expect(log).toContain('23514');
    for (const value of Object.values(SECRETS)) expect(log).not.toContain(value);
  });

  it('a value the database refused as data is described without it', async () => {
    const pack = await loadCityPack('hanoi');
    const store = createStore(conn, { publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' });
    const runtime = await createRuntime({ store, pack, overlays: false });
    try {
      const item = buildNewReport(newReportBody.parse(reportBody()), runtime.intake, new Date(), 'web');
      const bad: NewReport = { ...item, report: { ...item.report, title: `${SECRETS.title} \ud800` } };
      const err = await store.reports.insert([bad]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      // What console.error(err) printed before: the values are in there.
      expect(`${String((err as Error).message)} ${JSON.stringify(err)}`).toContain('Bí Mật');
      const line = describeError(err);
      expect(line).toMatch(/\b22[0-9A-Z]{3}\b/);
      expect(line).not.toContain('Bí Mật');
    } finally {
      await runtime.stop();
    }
  });
});
