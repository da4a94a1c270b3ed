import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityPack } from '../../core/cityPack';
import { ROLES } from '../../core/roles';
import type { Store } from '../../db/store';
import { TEST_DRIVERS, type TestDatabase, createTestDatabase } from '../../db/testing';
import { loadCityPack } from '../../seeds/packs';
import { DEMO_PASSWORD, ensureDemoAccounts } from './demoAccounts';
import { verifyPassword } from './password';

describe.each(TEST_DRIVERS)('demo accounts (%s)', (driver) => {
  let dbs: TestDatabase[] = [];
  let stores: Store[] = [];
  let pack: CityPack;
  async function emptyStore(): Promise<Store> {
    const db = await createTestDatabase(driver);
    const store = await db.open();
    await store.catalog.loadPack(pack);
    dbs.push(db);
    stores.push(store);
    return store;
  }
  beforeAll(async () => {
    pack = await loadCityPack('hanoi');
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const d of dbs) await d.drop();
    dbs = [];
    stores = [];
  });

  it('with the demo on, makes one account per role once, with the documented password', async () => {
    const store = await emptyStore();
    const lines: string[] = [];
    const made = await ensureDemoAccounts(store, pack, true, (l) => lines.push(l));
    const users = await store.users.list();
    expect(users.map((u) => [u.name, u.role, u.areaCode, u.agencyCode])).toEqual([
      ['demo-admin', 'admin', null, null],
      ['demo-agency', 'agency', null, 'ward_committee'],
      ['demo-district', 'chief', '001', null],
      ['demo-operator', 'operator', null, null],
      ['demo-ward', 'chief', '00004', null],
    ]);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(made.length).toBe(5);
    expect(await verifyPassword(DEMO_PASSWORD, users[0]!.passwordHash!)).toBe(true);
    expect(lines[0]).toContain(`password "${DEMO_PASSWORD}"`);
    expect(lines.join('\n')).toContain('demo-district  chief 001 — Quận Ba Đình');
    // The next start finds users and makes none.
    expect(await ensureDemoAccounts(store, pack, true, () => {})).toEqual([]);
    expect(await store.users.count()).toBe(5);
  });

  it('with SIMULATE=off, makes none and says how to make the first admin', async () => {
    const store = await emptyStore();
    const lines: string[] = [];
    expect(await ensureDemoAccounts(store, pack, false, (l) => lines.push(l))).toEqual([]);
    expect(await store.users.count()).toBe(0);
    expect(lines.join('\n')).toContain('npm run user -- add admin --role admin');
  });
});
