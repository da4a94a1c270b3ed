import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCityPack } from '../../seeds/packs';
import type { Store } from '../store';
import { TEST_DRIVERS, type TestDatabase, createTestDatabase } from '../testing';

const T0 = new Date('2026-03-02T03:00:00.000Z');
const at = (sec: number) => new Date(T0.getTime() + sec * 1000);

describe.each(TEST_DRIVERS)('auth stores (%s)', (driver) => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
    store = await db.open();
    await store.catalog.loadPack(await loadCityPack('hanoi'));
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('adds a user once per name, and keeps role and area together', async () => {
    const u = await store.users.add({ name: 'lan', role: 'chief', areaCode: '002', passwordHash: 'x', at: T0 });
    expect(u).toMatchObject({ name: 'lan', role: 'chief', areaCode: '002', agencyCode: null, passwordChangedAt: T0 });
    expect(await store.users.add({ name: 'lan', role: 'operator', passwordHash: null, at: T0 })).toBeNull();
    // A chief without an area, an operator with one, an area the pack lacks: refused by the database.
    await expect(store.users.add({ name: 'a', role: 'chief', passwordHash: null, at: T0 })).rejects.toThrow();
    await expect(
      store.users.add({ name: 'b', role: 'operator', areaCode: '002', passwordHash: null, at: T0 }),
    ).rejects.toThrow();
    await expect(
      store.users.add({ name: 'c', role: 'chief', areaCode: '999', passwordHash: null, at: T0 }),
    ).rejects.toThrow();
    expect((await store.users.list()).map((r) => r.name)).toEqual(['lan']);
  });

  it('ends sessions when a user is disabled or changes password', async () => {
    const u = (await store.users.add({ name: 'minh', role: 'operator', passwordHash: 'h', at: T0 }))!;
    const session = { userId: u.id, createdAt: T0, lastSeenAt: T0, expiresAt: at(3600), userAgent: null };
    await store.sessions.create({ id: 's1', ...session });
    expect((await store.sessions.find('s1'))?.user.name).toBe('minh');
    await store.sessions.touch('s1', at(60));
    expect((await store.sessions.find('s1'))?.session.lastSeenAt).toEqual(at(60));
    await store.users.setPassword(u.id, 'h2', at(120));
    expect(await store.sessions.find('s1')).toBeNull();
    await store.sessions.create({ id: 's2', ...session });
    await store.users.disable(u.id, at(180));
    expect(await store.sessions.find('s2')).toBeNull();
    expect((await store.users.byId(u.id))?.disabledAt).toEqual(at(180));
    await store.sessions.create({ id: 's3', ...session });
    expect(await store.sessions.deleteExpired(at(3600))).toBe(0);
    expect(await store.sessions.deleteExpired(at(3601))).toBe(1);
  });

  it('finds tokens by hash and revokes them', async () => {
    const u = (await store.users.add({
      name: 'api',
      role: 'agency',
      agencyCode: 'SGTVT',
      passwordHash: null,
      at: T0,
    }))!;
    const t = await store.tokens.create({ userId: u.id, label: 'open311', tokenHash: 'th1', at: T0 });
    expect((await store.tokens.find('th1'))?.user.agencyCode).toBe('SGTVT');
    expect(await store.tokens.revoke(u.id, at(5), t.id)).toBe(1);
    expect(await store.tokens.revoke(u.id, at(6), t.id)).toBe(0);
    expect((await store.tokens.find('th1'))?.token.revokedAt).toEqual(at(5));
  });

  it('records and filters the audit log, newest first', async () => {
    await store.audit.record({ action: 'signin', userId: 1, role: 'chief', at: at(1) });
    await store.audit.record({ action: 'contact.read', userId: 1, role: 'chief', reportId: 42, at: at(2) });
    await store.audit.record({ action: 'contact.read', userId: 2, role: 'operator', reportId: 43, at: at(3) });
    const reads = await store.audit.list({ action: 'contact.read' });
    expect(reads.map((r) => r.reportId)).toEqual([43, 42]);
    expect((await store.audit.list({ userId: 1 })).map((r) => r.action)).toEqual(['contact.read', 'signin']);
    expect((await store.audit.list({ reportId: 42 })).length).toBe(1);
    expect((await store.audit.list({ since: at(2), until: at(3) })).map((r) => r.reportId)).toEqual([42]);
    const [first] = await store.audit.list({ limit: 1 });
    expect((await store.audit.list({ beforeId: first!.id, limit: 1 }))[0]?.reportId).toBe(42);
  });

  it('counts failures per key, locks by the policy, forgets old ones', async () => {
    const lockMs = (n: number) => (n >= 3 ? 1000 * 2 ** (n - 3) : 0);
    const forget = 600_000;
    expect((await store.signInFailures.fail('account:x', at(0), forget, lockMs)).failures).toBe(1);
    await store.signInFailures.fail('account:x', at(1), forget, lockMs);
    const third = await store.signInFailures.fail('account:x', at(2), forget, lockMs);
    expect(third).toEqual({ failures: 3, lockedUntil: at(3) });
    expect(await store.signInFailures.lockedUntil(['client:1', 'account:x'], at(2))).toEqual(at(3));
    expect(await store.signInFailures.lockedUntil(['account:x'], at(3))).toBeNull();
    // Ten minutes without a failure: the count starts again.
    expect((await store.signInFailures.fail('account:x', at(2 + 601), forget, lockMs)).failures).toBe(1);
    await store.signInFailures.clear('account:x');
    expect((await store.signInFailures.fail('account:x', at(700), forget, lockMs)).failures).toBe(1);
    // Pruning keeps a key still failing recently or still locked, drops the rest.
    for (let i = 0; i < 4; i += 1) await store.signInFailures.fail('account:y', at(700), forget, lockMs);
    await store.signInFailures.fail('account:z', at(10), forget, lockMs);
    expect(await store.signInFailures.prune(at(701))).toBe(2);
    expect(await store.signInFailures.lockedUntil(['account:y'], at(700))).toEqual(at(702));
    expect(await store.signInFailures.prune(at(703))).toBe(1);
  });
});
