import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicCountsMessage } from '../core/events';
import { TEST_DRIVERS } from '../db/testing';
import { openSse, type SseStream } from './sseClient';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';

const T0 = new Date('2026-03-02T02:00:00Z');
const MIN_MS = 60_000;
const SECRETS = { title: 'Zqx-TITLE-4417', name: 'Zqx Bí Mật', phone: '0912444717', email: 'zqx@example.vn' };
const SOC_SON = { lat: 21.257311, lng: 105.848623 };

/**
 * The public stream end to end, on a clock of its own: reports filed at 02:00 reach the press as
 * counts of the window [02:00, 02:05) once it is 15 minutes old, never one by one, and the public
 * snapshot counts exactly up to the newest window the stream has given.
 */
describe.each(TEST_DRIVERS)('the public stream on %s', (driver) => {
  let t: TestApp;
  let clock = T0;
  let stream: SseStream;
  let lakeCommune: string;
  let lakeDistrict: string;
  const publicGet = async (url: string) => (await t.app.request(url)).json();

  beforeAll(async () => {
    t = await startTestApp(driver, { now: () => clock });
    stream = await openSse(`${await t.listen()}/api/stream`);
    const bodies = [
      ...[0, 1, 2].map(() =>
        reportBody({
          title: SECRETS.title,
          reporter: { name: SECRETS.name, phone: SECRETS.phone, email: SECRETS.email },
        }),
      ),
      reportBody({ ...SOC_SON, title: SECRETS.title }),
    ];
    for (const [i, body] of bodies.entries()) {
      clock = new Date(T0.getTime() + i * 1000);
      const res = await postJson(t.app, '/api/reports', body);
      expect(res.status).toBe(201);
      const created = await res.json();
      if (i === 0) [lakeCommune, lakeDistrict] = [created.areas.commune.code, created.areas.district.code];
    }
  });
  afterAll(async () => {
    stream?.close();
    await t?.close();
  });

  it('keeps the public snapshot behind the delay: reports of 02:00 are not counted at 02:10', async () => {
    clock = new Date(T0.getTime() + 10 * MIN_MS);
    const areas = await publicGet('/api/public/areas?level=commune');
    expect(areas).toMatchObject({ until: '2026-03-02T01:55:00.000Z', delayMin: 15, windowMin: 5 });
    // Not counted yet, so below the public minimum: the commune is left out.
    expect(areas.items.find((a: { code: string }) => a.code === lakeCommune)).toBeUndefined();
    const kpis = await publicGet('/api/public/kpis');
    expect(kpis).toMatchObject({ received: 0, delayMin: 15 });
  });

  it('gives the window as counts once it is 15 min old, withholding the lone report, and no event per report', async () => {
    clock = new Date(T0.getTime() + 20 * MIN_MS);
    await t.runtime.privacy.windows.tick();
    const all = await stream.collect((msgs) =>
      msgs.some((m) => m.event === 'public.counts' && JSON.parse(m.data).until === '2026-03-02T02:05:00.000Z'),
    );
    const window: PublicCountsMessage = JSON.parse(all.filter((m) => m.event === 'public.counts').at(-1)!.data);
    expect(window).toEqual({
      type: 'public.counts',
      since: '2026-03-02T02:00:00.000Z',
      until: '2026-03-02T02:05:00.000Z',
      windowMin: 5,
      delayMin: 15,
      minCount: 3,
      districts: [{ code: lakeDistrict, received: 3, resolved: null }],
      communes: [{ code: lakeCommune, received: 3, resolved: null }],
    });
    expect(all.filter((m) => m.event.startsWith('report.'))).toEqual([]);
    const text = all.map((m) => m.data).join('\n');
    for (const secret of [...Object.values(SECRETS), '21.0', '105.8', 'createdAt']) expect(text).not.toContain(secret);
  });

  it('gives a snapshot that ends where the stream window ends, so the page adds windows from there once', async () => {
    const areas = await publicGet('/api/public/areas?level=commune');
    expect(areas.until).toBe('2026-03-02T02:05:00.000Z');
    expect(areas.items.find((a: { code: string }) => a.code === lakeCommune).received).toBe(3);
    expect(t.runtime.privacy.windows.current?.until).toBe(areas.until);
    // An `until` past the cutoff is cut to it; a window wholly after it is refused.
    expect((await publicGet('/api/public/kpis?until=2026-03-02T03:00:00Z')).until).toBe('2026-03-02T02:05:00.000Z');
    const late = await t.app.request('/api/public/kpis?since=2026-03-02T02:10:00Z');
    expect(late.status).toBe(400);
    expect((await late.json()).error.field).toBe('since');
  });
});
