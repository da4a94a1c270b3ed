import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityPack } from '../../core/cityPack';
import type { Store } from '../../db/store';
import { TEST_DRIVERS, type TestDatabase, createTestDatabase } from '../../db/testing';
import { loadCityPack } from '../../seeds/packs';
import {
  AccountError,
  addAccount,
  agencyCodesOf,
  checkAccount,
  disableAccount,
  issueAccountToken,
  setAccountPassword,
} from './accounts';
import { verifyPassword } from './password';
import { secretHash } from './secrets';

const AT = new Date('2026-03-02T02:00:00.000Z');

describe('checkAccount', () => {
  let pack: CityPack;
  beforeAll(async () => {
    pack = await loadCityPack('hanoi');
  });

  it.each([
    [
      { name: 'Lan', role: 'chief', areaCode: '002' },
      { name: 'lan', role: 'chief', areaCode: '002' },
    ],
    [{ name: 'phuong.ba-dinh', role: 'chief', areaCode: '00004' }, { areaCode: '00004' }],
    [{ name: 'xd', role: 'agency', agencyCode: 'dept_construction' }, { agencyCode: 'dept_construction' }],
    [
      { name: 'ops_1', role: 'operator' },
      { areaCode: null, agencyCode: null },
    ],
  ])('accepts %o', (input, expected) => {
    expect(checkAccount(pack, input)).toMatchObject(expected);
  });

  it.each([
    [{ name: 'a', role: 'admin' }, /not a valid name/],
    [{ name: 'lan minh', role: 'admin' }, /not a valid name/],
    [{ name: 'lan', role: 'press' }, /unknown role "press": expected admin, operator, chief, agency/],
    [{ name: 'lan', role: 'chief' }, /a chief needs --area/],
    [{ name: 'lan', role: 'chief', areaCode: '999' }, /no area 999/],
    [{ name: 'lan', role: 'operator', areaCode: '002' }, /--area is for chiefs only/],
    [{ name: 'lan', role: 'agency' }, /an agency needs --agency CODE, one of: .*dept_construction/],
    [{ name: 'lan', role: 'agency', agencyCode: 'SGTVT' }, /unknown agency "SGTVT"/],
    [{ name: 'lan', role: 'chief', areaCode: '002', agencyCode: 'hanoi_water' }, /--agency is for agency/],
  ])('refuses %o', (input, message) => {
    expect(() => checkAccount(pack, input)).toThrow(AccountError);
    expect(() => checkAccount(pack, input)).toThrow(message);
  });

  it('lists each agency code of the pack once', () => {
    const codes = agencyCodesOf(pack);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain('hanoi_water');
  });
});

describe.each(TEST_DRIVERS)('accounts (%s)', (driver) => {
  let db: TestDatabase;
  let store: Store;
  let pack: CityPack;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
    store = await db.open();
    pack = await loadCityPack('hanoi');
    await store.catalog.loadPack(pack);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('adds an account with a generated password, once, and audits it', async () => {
    const r = await addAccount(store, pack, { name: 'Minh', role: 'chief', areaCode: '001' }, AT);
    expect(r.generated).toBe(true);
    expect(r.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await verifyPassword(r.password, r.user.passwordHash!)).toBe(true);
    await expect(
      addAccount(store, pack, { name: 'minh', role: 'operator', password: 'x'.repeat(8) }, AT),
    ).rejects.toThrow(/exists already/);
    await expect(addAccount(store, pack, { name: 'short', role: 'operator', password: 'abc' }, AT)).rejects.toThrow(
      /at least 8 characters/,
    );
    expect(await store.users.byName('short')).toBeNull();
    const [entry] = await store.audit.list({ action: 'user.added' });
    expect(entry?.detail).toMatchObject({ name: 'minh', role: 'chief', areaCode: '001' });
  });

  it('changes a password, ending sessions; disables, revoking tokens', async () => {
    const { user } = await addAccount(store, pack, { name: 'hoa', role: 'operator', password: 'mật-khẩu-1' }, AT);
    await store.sessions.create({
      id: 's',
      userId: user.id,
      createdAt: AT,
      lastSeenAt: AT,
      expiresAt: AT,
      userAgent: null,
    });
    const p = await setAccountPassword(store, 'hoa', 'mật-khẩu-2', AT);
    expect(p.generated).toBe(false);
    expect(await verifyPassword('mật-khẩu-2', (await store.users.byId(user.id))!.passwordHash!)).toBe(true);
    expect(await store.sessions.find('s')).toBeNull();

    const { token } = await issueAccountToken(store, 'hoa', 'script', AT);
    expect((await store.tokens.find(secretHash(token)))?.token.label).toBe('script');
    await disableAccount(store, 'hoa', AT);
    expect((await store.tokens.find(secretHash(token)))?.token.revokedAt).toEqual(AT);
    await expect(disableAccount(store, 'hoa', AT)).rejects.toThrow(/disabled already/);
    await expect(issueAccountToken(store, 'hoa', null, AT)).rejects.toThrow(/disabled/);
    await expect(setAccountPassword(store, 'nobody', undefined, AT)).rejects.toThrow(/no user named nobody/);
    expect((await store.audit.list({})).map((e) => e.action).slice(0, 4)).toEqual([
      'user.disabled',
      'token.created',
      'user.password',
      'user.added',
    ]);
  });
});
