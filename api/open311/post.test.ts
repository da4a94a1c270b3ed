import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PROXIES } from '../auth/clientIp';
import { TEST_DRIVERS } from '../../db/testing';
import { startTestApp, type TestApp } from '../testing';
import { issueApiKey, revokeApiKey } from './keys';

/**
 * Filing through Open311 beyond the client flow (api/open311/open311.test.ts): a place named by
 * address_string, the title and the contact's name built from the form, and the keys — each
 * limited on its own at the filing rate, revoked at once, its last use recorded.
 */
const RATE = { count: 2, perMs: 3_600_000 };

describe.each(TEST_DRIVERS)('Open311 filing (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, {
      edge: { trustedProxies: NO_PROXIES, filingRate: RATE, signinRate: null, streamsPerClient: 0 },
    });
  });
  afterAll(async () => t?.close());

  const post = (form: Record<string, string>) =>
    t.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  const storedOf = async (res: Response) => {
    const [{ service_request_id }] = (await res.json()) as [{ service_request_id: string }];
    const row = (await t.store.reports.get((await t.store.reports.idByPublicId(service_request_id))!))!;
    return { row, contact: await t.store.reports.contact(row.id) };
  };

  it('locates address_string through the city’s places, keeps it for the agency, and builds title and name', async () => {
    const { key } = await issueApiKey(t.store, 'kiosk', new Date());
    const [place] = t.runtime.poi.search({ q: 'benh vien', limit: 1 }).items;
    expect(place?.name).toBeTruthy();
    const res = await post({
      api_key: key,
      service_code: 'environment_waste',
      address_string: place!.name!,
      description: `${'Rác '.repeat(60)}tràn ra đường`,
      first_name: 'Thị Lan',
      last_name: 'Trần',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { row, contact } = await storedOf(res);
    expect({ lat: row.lat, lng: row.lng }).toEqual({ lat: place!.lat, lng: place!.lng });
    expect(row.description.endsWith(`\n\nĐịa chỉ / Address: ${place!.name}`)).toBe(true);
    // The description's first line, cut at a word within 200 characters.
    expect(row.title.length).toBeLessThanOrEqual(200);
    expect(row.title).toMatch(/^(Rác )+Rác…$/);
    expect(row.severity).toBe('normal');
    // Vietnamese order, family name first (the pack's first language is vi).
    expect(contact).toEqual({ name: 'Trần Thị Lan', phone: null, email: null });
  });

  it('limits each key on its own at the filing rate, in the standard’s shape with Retry-After', async () => {
    const a = (await issueApiKey(t.store, 'app-a', new Date())).key;
    const b = (await issueApiKey(t.store, 'app-b', new Date())).key;
    const form = (api_key: string) => ({
      api_key,
      service_code: 'traffic_roads',
      lat: '21.0287',
      long: '105.8524',
      description: 'Ổ gà',
    });
    expect((await post(form(a))).status).toBe(201);
    expect((await post(form(a))).status).toBe(201);
    const limited = await post(form(a));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual([{ code: 429, description: expect.stringContaining('rate_limited') }]);
    // Another client's key is not held back by the first one's.
    expect((await post(form(b))).status).toBe(201);
  });

  it('refuses a revoked key at once, and records a key’s last use only when it filed', async () => {
    const { key, row } = await issueApiKey(t.store, 'app-c', new Date());
    expect(row.lastUsedAt).toBeNull();
    const bad = await post({ api_key: key, service_code: 'traffic_roads', lat: '0', long: '0', description: 'x' });
    expect(bad.status).toBe(400);
    expect((await t.store.apiKeys.liveOf('app-c'))?.lastUsedAt).toBeNull();
    const ok = await post({
      api_key: key,
      service_code: 'traffic_roads',
      lat: '21.0287',
      long: '105.8524',
      description: 'Ổ gà',
    });
    expect(ok.status).toBe(201);
    expect((await t.store.apiKeys.liveOf('app-c'))?.lastUsedAt).toBeInstanceOf(Date);
    await revokeApiKey(t.store, 'app-c', new Date());
    const revoked = await post({
      api_key: key,
      service_code: 'traffic_roads',
      lat: '21.0287',
      long: '105.8524',
      description: 'Ổ gà',
    });
    expect(revoked.status).toBe(403);
  });
});
