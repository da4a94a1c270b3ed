import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { as, type Requester } from '../testClient';
import { postJson, reportBody, startTestApp, type TestApp } from '../testing';
import { eraseExpiredContacts } from './retention';

const T0 = new Date('2025-03-03T02:00:00Z');
const DAY_MS = 86_400_000;
const RETENTION_DAYS = 365;
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);

/**
 * The retention job on a clock of the test's: contacts of reports finished (closed, rejected,
 * duplicate) more than 365 days ago are erased and each erasure logged; open reports and those
 * finished more recently keep theirs; the reports themselves stay.
 */
describe.each(TEST_DRIVERS)('contact retention on %s', (driver) => {
  let t: TestApp;
  let ops: Requester;
  let clock = T0;
  const ids: Record<string, number> = {};

  async function file(name: string) {
    const res = await postJson(
      t.app,
      '/api/reports',
      reportBody({ reporter: { name: `Người báo ${name}`, phone: '0912000111', email: `${name}@example.vn` } }),
    );
    expect(res.status).toBe(201);
    ids[name] = (await res.json()).id;
  }
  async function move(name: string, ...actions: string[]) {
    for (const action of actions) {
      const res = await postJson(ops, `/api/reports/${ids[name]}/transitions`, { action });
      expect(res.status, `${name}: ${action}`).toBe(200);
    }
  }
  const detail = async (name: string) => (await ops.request(`/api/reports/${ids[name]}`)).json();

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    for (const name of ['closedLongAgo', 'rejectedLongAgo', 'open', 'closedRecently', 'reopened']) await file(name);
    clock = day(1);
    await move('closedLongAgo', 'accept', 'resolve', 'close');
    await move('rejectedLongAgo', 'reject');
    await move('reopened', 'accept', 'resolve', 'close', 'reopen');
    await move('open', 'accept');
    clock = day(200);
    await move('closedRecently', 'accept', 'resolve', 'close');
  });
  afterAll(async () => t?.close());

  it('erases nothing before the retention has run out', async () => {
    clock = day(1 + RETENTION_DAYS - 1);
    expect(await eraseExpiredContacts(t.store, clock, RETENTION_DAYS)).toEqual([]);
  });

  it('erases the contacts of reports finished more than 365 days ago, logging each, and keeps the rest', async () => {
    clock = day(1 + RETENTION_DAYS + 1);
    // Two API processes running the job at once: each contact is erased and logged once.
    const [a, b] = await Promise.all([
      eraseExpiredContacts(t.store, clock, RETENTION_DAYS),
      eraseExpiredContacts(t.store, clock, RETENTION_DAYS),
    ]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual([ids.closedLongAgo, ids.rejectedLongAgo].sort((x, y) => x - y));
    const log = await t.store.audit.list({ action: 'contact.erased' });
    expect(log.map((r) => r.reportId).sort()).toEqual([ids.closedLongAgo, ids.rejectedLongAgo].sort());
    expect(log[0]).toMatchObject({ userId: null, at: clock, detail: { reason: 'retention', retentionDays: 365 } });
    for (const name of ['open', 'closedRecently', 'reopened']) {
      expect((await detail(name)).reporter, name).toMatchObject({ email: `${name}@example.vn` });
    }
    // Run again: nothing left, nothing logged twice.
    expect(await eraseExpiredContacts(t.store, clock, RETENTION_DAYS)).toEqual([]);
    expect(await t.store.audit.list({ action: 'contact.erased' })).toHaveLength(2);
  });

  it('shows an erased contact as erased, with when, and keeps the report and its statistics', async () => {
    const r = await detail('closedLongAgo');
    expect(r).toMatchObject({ id: ids.closedLongAgo, status: 'closed', reporter: null });
    expect(r.reporterErasedAt).toBe(clock.toISOString());
    expect(JSON.stringify(r)).not.toContain('example.vn');
    expect((await detail('open')).reporterErasedAt).toBeNull();
    expect((await t.store.reports.counts()).reports).toBe(5);
  });
});
