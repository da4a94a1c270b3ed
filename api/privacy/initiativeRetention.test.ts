import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { as, type Requester } from '../testClient';
import { HOAN_KIEM_LAKE, postJson, startTestApp, type TestApp } from '../testing';
import { eraseExpiredInitiativeContacts } from './retention';

const T0 = new Date('2025-03-03T02:00:00Z');
const DAY_MS = 86_400_000;
const DAYS = 365;
const day = (n: number) => new Date(T0.getTime() + n * DAY_MS);

/** Moves that end an initiative, or not, from submitted (core/initiatives.ts). */
const PATHS: Record<string, string[]> = {
  implementedLongAgo: ['under_review', 'accepted', 'implemented'],
  declinedLongAgo: ['declined'],
  accepted: ['under_review', 'accepted'],
  submitted: [],
  declinedRecently: [],
};

/**
 * Initiative submitters' contacts under the retention job, on a clock of the test's: erased (and
 * each erasure logged once, however many processes run the job) 365 days after the initiative ended,
 * implemented or declined; those still under way and those ended more recently keep theirs; the
 * initiative, its answers and supports stay.
 */
describe.each(TEST_DRIVERS)('initiative contact retention on %s', (driver) => {
  let t: TestApp;
  let ops: Requester;
  let clock = T0;
  const ids: Record<string, { id: number; publicId: string }> = {};

  async function move(name: string, ...to: string[]) {
    for (const step of to) {
      const res = await postJson(ops, `/api/initiatives/${ids[name]!.publicId}/moves`, {
        to: step,
        answer: { vi: 'Thành phố đã xem xét.' },
      });
      expect(res.status, `${name}: ${step}`).toBe(200);
    }
  }

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    ops = as(t.app, await t.headersFor('operator'));
    for (const name of Object.keys(PATHS)) {
      const res = await postJson(t.app, '/api/initiatives', {
        title: 'Đèn tín hiệu cho người đi bộ ở phố Đinh Tiên Hoàng',
        text: 'Đề xuất lắp đèn cho người đi bộ gần cổng trường.',
        topic: 'transport',
        ...HOAN_KIEM_LAKE,
        submitter: { name: `Người gửi ${name}`, phone: '0987 654 321', email: `${name}@example.vn` },
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      ids[name] = { id: (await t.store.initiatives.idByPublicId(body.publicId))!, publicId: body.publicId };
    }
    clock = day(1);
    for (const [name, path] of Object.entries(PATHS)) await move(name, ...path);
    clock = day(200);
    await move('declinedRecently', 'declined');
  });
  afterAll(async () => t?.close());

  const contactOf = (name: string) => t.store.initiatives.contact(ids[name]!.id);

  it('erases nothing before the retention has run out', async () => {
    clock = day(1 + DAYS - 1);
    expect(await eraseExpiredInitiativeContacts(t.store, clock, DAYS)).toEqual([]);
  });

  it('erases the contacts of initiatives ended more than 365 days ago, each logged once, and keeps the rest', async () => {
    clock = day(1 + DAYS + 1);
    const ended = [ids.implementedLongAgo!.id, ids.declinedLongAgo!.id].sort((a, b) => a - b);
    // Two API processes running the job at once.
    const [a, b] = await Promise.all([
      eraseExpiredInitiativeContacts(t.store, clock, DAYS),
      eraseExpiredInitiativeContacts(t.store, clock, DAYS),
    ]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(ended);
    const log = await t.store.audit.list({ action: 'initiative.contact.erased' });
    expect(log.map((r) => r.detail?.initiativeId).sort()).toEqual(ended.sort());
    expect(log[0]).toMatchObject({ userId: null, reportId: null, at: clock });
    expect(log[0]!.detail).toMatchObject({ reason: 'retention', retentionDays: DAYS });
    expect(await contactOf('implementedLongAgo')).toBeNull();
    expect(await contactOf('declinedLongAgo')).toBeNull();
    for (const name of ['accepted', 'submitted', 'declinedRecently'])
      expect(await contactOf(name), name).toMatchObject({ email: `${name}@example.vn` });
    // The initiative and its answers stay.
    expect(await t.store.initiatives.get(ids.implementedLongAgo!.id)).toMatchObject({ status: 'implemented' });
    expect(await t.store.initiatives.answers(ids.implementedLongAgo!.id)).toHaveLength(3);
    expect(await t.store.initiatives.contactErasedAt(ids.implementedLongAgo!.id)).toEqual(clock);
    // Run again: nothing left, nothing logged twice.
    expect(await eraseExpiredInitiativeContacts(t.store, clock, DAYS)).toEqual([]);
    expect(await t.store.audit.list({ action: 'initiative.contact.erased' })).toHaveLength(2);
  });

  it('erases one at its submitter’s request, logging who, once', async () => {
    const { id } = ids.submitted!;
    const [first, second] = await Promise.all([
      t.store.initiatives.eraseContact(id, clock, 'Phòng Pháp chế'),
      t.store.initiatives.eraseContact(id, clock, 'Phòng Pháp chế'),
    ]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await contactOf('submitted')).toBeNull();
    const log = (await t.store.audit.list({ action: 'initiative.contact.erased' })).filter(
      (r) => r.detail?.initiativeId === id,
    );
    expect(log.map((r) => r.detail)).toEqual([{ initiativeId: id, reason: 'request', by: 'Phòng Pháp chế' }]);
  });
});
