import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../../db/testing';
import { type TestApp, reportBody, startTestApp } from '../testing';
import { SESSION_COOKIE } from './cookie';
import { issueToken } from './tokens';

const T0 = new Date('2026-03-02T02:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

describe.each(TEST_DRIVERS)('authenticator (%s)', (driver) => {
  let t: TestApp;
  let clock = T0;
  const at = (ms: number) => (clock = new Date(T0.getTime() + ms));
  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock, overlays: false });
  });
  afterAll(() => t?.close());

  /** A user with a browser session started at `clock`; returns the Cookie header. */
  async function signedIn(name: string): Promise<{ cookie: string; userId: number }> {
    const user = (await t.store.users.add({ name, role: 'operator', passwordHash: null, at: clock }))!;
    const { setCookie } = await t.runtime.auth.startSession(user, new Request('http://localhost/'), false);
    const secret = /citydesk_session=([^;]+)/.exec(setCookie)![1];
    return { cookie: `${SESSION_COOKIE}=${secret}`, userId: user.id };
  }
  const viewerOf = (headers: Record<string, string>, method = 'GET') =>
    t.runtime.auth.viewerOf(new Request('http://localhost/api/reports', { method, headers }));
  const get = (headers: Record<string, string>) => t.app.request('/api/categories', { headers });

  it('makes a request without credentials the public', async () => {
    expect(await viewerOf({})).toEqual({ kind: 'public' });
    expect((await get({})).status).toBe(200);
  });

  it('signs in a bearer token as its user, with the role and area', async () => {
    const headers = await t.headersFor('chief', { areaCode: '002' });
    expect(await viewerOf(headers)).toMatchObject({ kind: 'staff', via: 'token', role: 'chief', areaCode: '002' });
    expect(await viewerOf(await t.headersFor('agency', { agencyCode: 'SGTVT' }))).toMatchObject({
      role: 'agency',
      agencyCode: 'SGTVT',
    });
    expect((await get(headers)).status).toBe(200);
  });

  it.each([
    ['an unknown token', 'Bearer cdt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token without our prefix', 'Bearer abc'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s with 401, never the public', async (_, authorization) => {
    const res = await get({ authorization });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('invalid_token');
  });

  it('refuses a revoked token and a disabled user', async () => {
    const user = (await t.store.users.add({ name: 'rev', role: 'operator', passwordHash: null, at: clock }))!;
    const a = await issueToken(t.store, user.id, null, clock);
    const b = await issueToken(t.store, user.id, null, clock);
    await t.store.tokens.revoke(user.id, clock, a.id);
    expect((await get({ authorization: `Bearer ${a.token}` })).status).toBe(401);
    expect((await get({ authorization: `Bearer ${b.token}` })).status).toBe(200);
    await t.store.users.disable(user.id, clock);
    const res = await get({ authorization: `Bearer ${b.token}` });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('account_disabled');
  });

  it('marks a token used at most once a minute', async () => {
    at(0);
    const user = (await t.store.users.add({ name: 'touchy', role: 'operator', passwordHash: null, at: clock }))!;
    const { token } = await issueToken(t.store, user.id, null, clock);
    const lastUsed = async () => (await t.store.tokens.listOf(user.id))[0]!.lastUsedAt;
    await viewerOf({ authorization: `Bearer ${token}` });
    expect(await lastUsed()).toEqual(T0);
    at(30_000);
    await viewerOf({ authorization: `Bearer ${token}` });
    expect(await lastUsed()).toEqual(T0);
    at(MIN);
    await viewerOf({ authorization: `Bearer ${token}` });
    expect(await lastUsed()).toEqual(clock);
  });

  it('ends a session left idle longer than the idle limit, and clears its cookie', async () => {
    at(0);
    const { cookie } = await signedIn('idle');
    at(8 * HOUR - MIN);
    expect(await viewerOf({ cookie })).toMatchObject({ via: 'session', role: 'operator' });
    // Idle counts from the last use (moved at most once a minute), not from sign-in.
    at(16 * HOUR - 2 * MIN);
    expect(await viewerOf({ cookie })).toMatchObject({ via: 'session' });
    at(24 * HOUR - MIN);
    const res = await get({ cookie });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('session_expired');
    expect(res.headers.get('set-cookie')).toMatch(/^citydesk_session=; Max-Age=0/);
  });

  it('ends a busy session at its absolute end', async () => {
    at(0);
    const { cookie } = await signedIn('busy');
    for (let h = 1; h < 24; h += 1) {
      at(h * HOUR);
      expect(await viewerOf({ cookie })).toMatchObject({ via: 'session' });
    }
    at(24 * HOUR);
    await expect(viewerOf({ cookie })).rejects.toMatchObject({ status: 401, code: 'session_expired' });
    // The expired row is gone: going back in time does not revive it.
    at(HOUR);
    await expect(viewerOf({ cookie })).rejects.toMatchObject({ code: 'session_expired' });
  });

  it('refuses an unknown session cookie with 401', async () => {
    const res = await get({ cookie: `${SESSION_COOKIE}=not-a-session` });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('session_expired');
  });

  it('ends the sessions of a disabled user', async () => {
    at(0);
    const { cookie, userId } = await signedIn('gone');
    await t.store.users.disable(userId, clock);
    expect((await get({ cookie })).status).toBe(401);
  });

  describe('CSRF', () => {
    const post = (headers: Record<string, string>) =>
      t.app.request('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(reportBody()),
      });

    it.each([
      ['no Origin', {}],
      ['another site', { origin: 'https://evil.example' }],
      ['another port of this host', { origin: 'http://localhost:8081' }],
      ['the null origin', { origin: 'null' }],
    ])('refuses a cookie POST with %s (403 csrf), storing nothing', async (_, origin: Record<string, string>) => {
      at(0);
      const { cookie } = await signedIn(`csrf-${Object.values(origin)[0] ?? 'none'}`.replace(/\W/g, '-'));
      const before = (await t.store.events.eventBounds()).maxId;
      const res = await post({ cookie, ...origin });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('csrf');
      expect((await t.store.events.eventBounds()).maxId).toBe(before);
    });

    it('accepts a cookie POST from this origin, a bearer POST without Origin, and a cookie GET', async () => {
      at(0);
      const { cookie } = await signedIn('csrf-ok');
      expect((await post({ cookie, origin: 'http://localhost' })).status).toBe(201);
      expect((await post(await t.headersFor('operator'))).status).toBe(201);
      expect((await get({ cookie, origin: 'https://evil.example' })).status).toBe(200);
    });
  });
});
