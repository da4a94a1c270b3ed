import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { eventIds, openSse, reachedId, type SseStream } from './sseClient';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

const SOC_SON = '016';

/**
 * Alerts and news on the stream: every audience hears them at once — the public one too, whose
 * report news stays counts per delayed window — and no projection says who published them.
 */
describe.each(TEST_DRIVERS)('alert events on the stream (%s)', (driver) => {
  let t: TestApp;
  let base: string;
  let ops: Requester;
  let opsHeaders: Record<string, string>;
  let chiefHeaders: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(driver);
    base = await t.listen();
    opsHeaders = await t.headersFor('operator');
    chiefHeaders = await t.headersFor('chief', { areaCode: SOC_SON });
    ops = as(t.app, opsHeaders);
  });
  afterAll(async () => t?.close());

  it('reaches the public stream at once, with nothing else new, and every staff audience too', async () => {
    const streams: Record<string, SseStream> = {
      public: await openSse(`${base}/api/stream`),
      ops: await openSse(`${base}/api/stream`, { headers: opsHeaders }),
      // A chief of another area: alerts are everyone's, whatever their place.
      chiefElsewhere: await openSse(`${base}/api/stream`, { headers: chiefHeaders }),
    };
    const send = (method: string, url: string, body: unknown) =>
      ops.request(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // A report filed between them: the press must not hear of it one by one.
    expect((await postJson(t.app, '/api/reports', reportBody())).status).toBe(201);
    const published = await send('POST', '/api/alerts', {
      kind: 'heat',
      severity: 'danger',
      titleVi: 'Nắng nóng gay gắt',
      titleEn: 'Severe heat',
      bodyVi: 'Nhiệt độ trên 40 °C, hạn chế ra ngoài.',
      bodyEn: 'Above 40 °C; stay indoors.',
      area: '002',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(published.status).toBe(201);
    const alert = await published.json();
    expect((await send('PATCH', `/api/alerts/${alert.id}`, { severity: 'warning' })).status).toBe(200);
    expect((await send('POST', `/api/alerts/${alert.id}/withdraw`, {})).status).toBe(200);
    const news = await send('POST', '/api/news', {
      titleVi: 'Tin thành phố',
      titleEn: 'City news',
      bodyVi: 'Nội dung',
      bodyEn: 'Text',
    });
    expect(news.status).toBe(201);
    const last = (await news.json()).eventId as number;

    const heard = Object.fromEntries(
      await Promise.all(
        Object.entries(streams).map(async ([who, s]) => {
          const msgs = await s.collect(reachedId(last));
          s.close();
          return [who, msgs] as const;
        }),
      ),
    );
    const alertTypes = ['alert.published', 'alert.updated', 'alert.withdrawn', 'news.published'];
    for (const [who, msgs] of Object.entries(heard)) {
      expect(eventIds(msgs).at(-1), who).toBe(last);
      expect(
        msgs.filter((m) => m.event.startsWith('alert.') || m.event.startsWith('news.')).map((m) => m.event),
        who,
      ).toEqual(alertTypes);
      const withdrawn = JSON.parse(msgs.find((m) => m.event === 'alert.withdrawn')!.data);
      expect(withdrawn.alert).toMatchObject({ id: alert.id, status: 'withdrawn', severity: 'warning' });
      // Who did it is the event row's, for staff's history; no stream carries it.
      for (const m of msgs) expect(m.data, who).not.toMatch(/actor|userId/);
    }
    // The press: the alert and news events and nothing else new (the report is not one of them).
    expect(heard.public!.filter((m) => m.id).map((m) => m.event)).toEqual(alertTypes);
    expect(heard.ops!.map((m) => m.event)).toContain('report.created');
  });
});
