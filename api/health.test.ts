import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';

describe.each(TEST_DRIVERS)('/healthz, /readyz and /metrics on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/healthz answers from memory with the database last known reachable', async () => {
    expect((await postJson(t.app, '/api/reports', reportBody())).status).toBe(201);
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      database: driver,
      db: { reachable: true, lastError: null },
      stream: { readErrors: 0 },
    });
  });

  it('/readyz checks the database, the migrations and the stream follower', async () => {
    const created = await (await postJson(t.app, '/api/reports', reportBody())).json();
    const last = (await t.store.readiness.maxEventId()) as number;
    await t.runtime.hub.log.catchUp(last);
    const res = await t.app.request('/readyz');
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      checks: {
        database: { ok: true },
        migrations: { ok: true, expected: expect.stringMatching(/^\d{4}_/) },
        stream: { ok: true, position: last, lastEventId: last },
      },
    });
    expect(created.id).toBeGreaterThan(0);
  });

  it('/metrics is refused to the public (401) and to staff other than admin (403)', async () => {
    expect((await t.app.request('/metrics')).status).toBe(401);
    const operator = await t.headersFor('operator');
    expect((await t.app.request('/metrics', { headers: operator })).status).toBe(403);
  });

  it('/metrics gives an admin requests by route pattern (not raw path), the stream, the pool and ingest batches', async () => {
    const admin = await t.headersFor('admin');
    await t.app.request('/api/reports/987654', { headers: admin });
    await t.app.request('/no/such/path/1');
    await t.app.request('/no/such/path/2');
    const res = await t.app.request('/metrics', { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/citydesk_http_requests_total\{method="GET",route="\/api\/reports\/:id",status="404"\} 1/);
    expect(text).toMatch(/citydesk_http_requests_total\{method="GET",route="unmatched",status="404"\} 2/);
    expect(text).not.toContain('987654');
    expect(text).not.toContain('/no/such/path');
    expect(text).toMatch(/citydesk_http_request_duration_seconds_count\{method="POST",route="\/api\/reports"\} [1-9]/);
    expect(text).toMatch(/citydesk_stream_clients\{audience="ops"\} 0/);
    expect(text).toMatch(/citydesk_events_followed_total \d+/);
    expect(text).toMatch(/citydesk_stream_dropped_clients_total 0/);
    expect(text).toMatch(/citydesk_db_reachable 1/);
    expect(text).toMatch(/citydesk_db_pool_size \d+/);
    expect(text).toMatch(/citydesk_db_queries_in_flight \d+/);
    // Two POSTs above, each its own batch at least.
    expect(Number(/citydesk_ingest_batch_size_sum (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });

  it('/metrics is open to a scraper on the same host (loopback)', async () => {
    const base = await t.listen();
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('citydesk_http_requests_total');
  });
});
