import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/roles';
import { TEST_DRIVERS } from '../../db/testing';
import { hashPassword } from '../auth/password';
import { ACCOUNT_POLICY, CLIENT_POLICY } from '../auth/throttle';
import { type TestApp, startTestApp } from '../testing';

/** Cheap parameters for the accounts these tests make; the real ones are tested in password.test.ts. */
const FAST = { ln: 10, r: 8, p: 1 };
const HOUR = 3_600_000;

describe.each(TEST_DRIVERS)('sign-in routes (%s)', (driver) => {
  let t: TestApp;
  let clock = new Date('2026-03-02T02:00:00.000Z');
  let epoch = 0;
  /** Each test in its own hour window, two hours apart: failures an hour old are forgotten. */
  const freshHour = () => (clock = new Date(Date.UTC(2026, 2, 2, 2 * ++epoch)));
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock, overlays: false });
  });
  afterAll(() => t?.close());

  let n = 0;
  async function account(role: Role = 'operator', password = 'đúng-mật-khẩu', extra = {}) {
    const name = `user${++n}`;
    const areaCode = role === 'chief' ? '001' : undefined;
    const agencyCode = role === 'agency' ? 'SGTVT' : undefined;
    const user = await t.store.users.add({
      name,
      role,
      areaCode,
      agencyCode,
      passwordHash: await hashPassword(password, FAST),
      at: clock,
      ...extra,
    });
    return { name, password, user: user! };
  }
  const signin = (body: unknown, headers: Record<string, string> = {}, base = 'http://localhost') =>
    t.app.request(`${base}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const cookieOf = (res: Response) => /^(citydesk_session=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const me = async (headers: Record<string, string>) =>
    (await (await t.app.request('/api/auth/me', { headers })).json()).user;

  it('signs in with a session cookie: HttpOnly, SameSite=Lax, Path=/, Secure only over TLS', async () => {
    freshHour();
    const a = await account('chief');
    const res = await signin({ name: a.name, password: a.password });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { id: a.user.id, name: a.name, role: 'chief', areaCode: '001' } });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^citydesk_session=[A-Za-z0-9_-]{43}; Max-Age=86400; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(await me({ cookie: cookieOf(res)! })).toMatchObject({ name: a.name, role: 'chief', areaCode: '001' });
    // The stored session id is the secret's hash, never the secret.
    const secret = cookieOf(res)!.split('=')[1]!;
    expect(await t.store.sessions.find(secret)).toBeNull();

    const tls = await signin({ name: a.name, password: a.password }, {}, 'https://localhost');
    expect(tls.headers.get('set-cookie')).toMatch(/; Secure/);
    const [entry] = await t.store.audit.list({ userId: a.user.id, action: 'signin' });
    expect(entry).toMatchObject({ role: 'chief', at: clock });
    expect((await t.store.users.byId(a.user.id))?.lastSignInAt).toEqual(clock);
  });

  it('accepts the name in any case and with spaces around it', async () => {
    freshHour();
    const a = await account('agency');
    const res = await signin({ name: `  ${a.name.toUpperCase()} `, password: a.password });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ role: 'agency', agencyCode: 'SGTVT' });
  });

  it('gives one answer for an unknown name, a wrong password and a token-only account', async () => {
    freshHour();
    const a = await account();
    const tokenOnly = (await t.store.users.add({ name: 'robot', role: 'operator', passwordHash: null, at: clock }))!;
    const answers = await Promise.all([
      signin({ name: a.name, password: 'sai' }),
      signin({ name: 'nobody-here', password: a.password }),
      signin({ name: tokenOnly.name, password: '' + 'x' }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'Wrong name or password / Sai tên đăng nhập hoặc mật khẩu' },
      });
    }
    const failed = await t.store.audit.list({ action: 'signin.failed', since: clock });
    expect(failed.map((f) => f.detail?.name).sort()).toEqual([a.name, 'nobody-here', 'robot'].sort());
    expect(failed.find((f) => f.detail?.name === a.name)?.userId).toBe(a.user.id);
  });

  it('refuses a disabled account, telling only someone who knows the password', async () => {
    freshHour();
    const a = await account('operator', 'pw', { name: 'retired' });
    await t.store.users.disable(a.user.id, clock);
    expect((await (await signin({ name: 'retired', password: 'wrong' })).json()).error.code).toBe(
      'invalid_credentials',
    );
    const res = await signin({ name: 'retired', password: 'pw' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('account_disabled');
  });

  it('slows an account after repeated failures: 429 with Retry-After, doubling, cleared by success', async () => {
    freshHour();
    const a = await account();
    for (let i = 1; i < ACCOUNT_POLICY.free; i += 1) {
      expect((await signin({ name: a.name, password: 'sai' })).status).toBe(401);
    }
    // The fifth failure locks for 1 s; even the right password waits.
    expect((await signin({ name: a.name, password: 'sai' })).status).toBe(401);
    const locked = await signin({ name: a.name, password: a.password });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    expect((await locked.json()).error.code).toBe('too_many_attempts');
    // The sixth failure locks for 2 s, the seventh for 4 s.
    later(1000);
    expect((await signin({ name: a.name, password: 'sai' })).status).toBe(401);
    expect((await signin({ name: a.name, password: a.password })).headers.get('retry-after')).toBe('2');
    later(2000);
    expect((await signin({ name: a.name, password: 'sai' })).status).toBe(401);
    later(1000);
    expect((await signin({ name: a.name, password: a.password })).headers.get('retry-after')).toBe('3');
    later(3000);
    expect((await signin({ name: a.name, password: a.password })).status).toBe(200);
    // Success forgets the account's failures: the next typo costs nothing.
    expect((await signin({ name: a.name, password: 'sai' })).status).toBe(401);
    expect((await signin({ name: a.name, password: a.password })).status).toBe(200);
  });

  it('slows a client trying many accounts, whichever account it names next', async () => {
    freshHour();
    const accounts = [];
    for (let i = 0; i <= CLIENT_POLICY.free; i += 1) accounts.push(await account());
    for (const a of accounts.slice(0, CLIENT_POLICY.free)) {
      expect((await signin({ name: a.name, password: 'sai' })).status).toBe(401);
    }
    const fresh = accounts[CLIENT_POLICY.free]!;
    const res = await signin({ name: fresh.name, password: fresh.password });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    later(1000);
    expect((await signin({ name: fresh.name, password: fresh.password })).status).toBe(200);
  });

  it('refuses a sign-in posted from another site (login CSRF), and bad bodies with 400', async () => {
    freshHour();
    const a = await account();
    const res = await signin({ name: a.name, password: a.password }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf');
    expect((await signin({ name: a.name, password: a.password }, { origin: 'http://localhost' })).status).toBe(200);
    for (const body of [
      {},
      { name: a.name },
      { name: a.name, password: 5 },
      { name: a.name, password: 'x', role: 'admin' },
    ]) {
      const bad = await signin(body);
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.code).toBe('invalid_request');
    }
  });

  it('signs out: 204, the session gone, its cookie refused afterwards; Origin required', async () => {
    freshHour();
    const a = await account();
    const cookie = cookieOf(await signin({ name: a.name, password: a.password }))!;
    const signout = (headers: Record<string, string>) =>
      t.app.request('/api/auth/signout', { method: 'POST', headers });
    const csrf = await signout({ cookie });
    expect(csrf.status).toBe(403);
    expect(await me({ cookie })).toMatchObject({ name: a.name });
    const res = await signout({ cookie, origin: 'http://localhost' });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^citydesk_session=; Max-Age=0/);
    expect((await t.app.request('/api/categories', { headers: { cookie } })).status).toBe(401);
    expect((await t.store.audit.list({ userId: a.user.id, action: 'signout' })).length).toBe(1);
    // Signing out again, or with no session, is still 204.
    expect((await signout({ cookie, origin: 'http://localhost' })).status).toBe(204);
    expect((await signout({})).status).toBe(204);
  });

  it('answers /me: null for the public and a stale cookie (clearing it), the user for a token', async () => {
    freshHour();
    expect(await me({})).toBeNull();
    const stale = await t.app.request('/api/auth/me', { headers: { cookie: 'citydesk_session=gone' } });
    expect(stale.status).toBe(200);
    expect(await stale.json()).toEqual({ user: null });
    expect(stale.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(await me(await t.headersFor('admin'))).toMatchObject({ role: 'admin' });
    const badToken = await t.app.request('/api/auth/me', { headers: { authorization: 'Bearer cdt_nope' } });
    expect(badToken.status).toBe(401);
  });

  it('signs in again over a stale cookie, replacing it', async () => {
    freshHour();
    const a = await account();
    const res = await signin({ name: a.name, password: a.password }, { cookie: 'citydesk_session=stale' });
    expect(res.status).toBe(200);
    expect(cookieOf(res)).not.toBe('citydesk_session=stale');
  });

  it('works over a real socket, the client counted by its address', async () => {
    freshHour();
    const a = await account();
    const base = await t.listen();
    const res = await fetch(`${base}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ name: a.name, password: a.password }),
    });
    expect(res.status).toBe(200);
    const [entry] = await t.store.audit.list({ userId: a.user.id, action: 'signin' });
    expect(entry?.detail).toEqual({ client: '127.0.0.1' });
    const cookie = cookieOf(res)!;
    const who = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    expect((await who.json()).user.name).toBe(a.name);
  });

  it('ends a session a day after sign-in however busy, and clears it for /me', async () => {
    freshHour();
    const a = await account();
    const cookie = cookieOf(await signin({ name: a.name, password: a.password }))!;
    // Used every 7 h (inside the 8 h idle limit) up to 23 h: still signed in.
    for (const step of [7, 7, 7, 2]) {
      later(step * HOUR);
      expect(await me({ cookie })).toMatchObject({ name: a.name });
    }
    later(HOUR);
    expect(await me({ cookie })).toBeNull();
  });
});
