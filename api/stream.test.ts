import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { buildNewReport } from './domain/intake';
import type { NewReportBody } from './schemas';
import { collectSse, eventIds, openSse, reachedId } from './sseClient';
import { postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as, type Requester } from './testClient';

const ids = eventIds;

describe.each(TEST_DRIVERS)('GET /api/stream on %s', (driver) => {
  let t: TestApp;
  /** The operations centre: every staff route, the whole city. */
  let ops: Requester;
  let opsHeaders: Record<string, string>;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp(driver, { hub: { heartbeatMs: 300, maxReplayEvents: 1_000, ringEvents: 50 } });
    opsHeaders = await t.headersFor('operator');
    ops = as(t.app, opsHeaders);
    base = await t.listen();
  });
  afterAll(async () => t?.close());

  it('sends a new report to a connected client as report.created with the event id', async () => {
    const stream = await openSse(`${base}/api/stream`, { headers: opsHeaders });
    const created = await (
      await postJson(t.app, '/api/reports', reportBody({ reporter: { name: 'Trần Văn Bình', phone: '0911222333' } }))
    ).json();
    const msgs = await stream.collect((all) => all.some((m) => m.event === 'report.created'));
    stream.close();
    const msg = msgs.find((m) => m.event === 'report.created')!;
    const data = JSON.parse(msg.data);
    expect(data.report).toMatchObject({ id: created.id, publicId: created.publicId, status: 'received' });
    expect(Number(msg.id)).toBe(data.id);
    expect(msg.data).not.toContain('0911222333');
    expect(msg.data).not.toContain('Trần Văn Bình');
  });

  it('sends heartbeat comments while idle', async () => {
    const res = await fetch(`${base}/api/stream`, { headers: opsHeaders });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const until = Date.now() + 5_000;
    while (!/: hb \d+/.test(text) && Date.now() < until) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/: hb \d+/);
  });

  it('resumes from Last-Event-ID (header or ?since=) with exactly the missed events', async () => {
    const { maxId: start } = await t.store.events.eventBounds();
    for (let i = 0; i < 60; i++) await postJson(t.app, '/api/reports', reportBody());
    const { maxId: end } = await t.store.events.eventBounds();
    const expected = Array.from({ length: end - start }, (_, i) => start + 1 + i);
    const viaHeader = await collectSse(`${base}/api/stream`, reachedId(end), {
      lastEventId: start,
      headers: opsHeaders,
    });
    expect(ids(viaHeader)).toEqual(expected);
    const viaQuery = await collectSse(`${base}/api/stream?since=${start}`, reachedId(end), { headers: opsHeaders });
    expect(ids(viaQuery)).toEqual(expected);
  });

  it('answers a gap too old to replay with reset and the id to go on from', async () => {
    for (let i = 0; i < 3; i++) await postJson(t.app, '/api/reports', reportBody());
    const { maxId } = await t.store.events.eventBounds();
    const msgs = await collectSse(`${base}/api/stream`, (all) => all.length >= 1, {
      lastEventId: maxId + 10_000,
      headers: opsHeaders,
    });
    expect(msgs[0]).toMatchObject({ event: 'reset', id: String(maxId) });
    expect(JSON.parse(msgs[0].data)).toEqual({ lastId: maxId });
  });

  it('rejects a malformed Last-Event-ID with 400', async () => {
    const res = await fetch(`${base}/api/stream`, { headers: { 'Last-Event-ID': 'drop table' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe('Last-Event-ID');
  });

  it('gives an area chief only that area, and the public no text, contact or exact point', async () => {
    const inHoanKiem = reportBody({ title: 'Đèn đường hỏng phố Tràng Tiền', reporter: { email: 'secret@example.vn' } });
    const inSocSon = reportBody({ lat: 21.2573, lng: 105.8486, title: 'Rác thải ở Sóc Sơn' });
    // The chief of district 002, and an anonymous reader: the audience is who they are.
    const areaStream = await openSse(`${base}/api/stream`, {
      headers: await t.headersFor('chief', { areaCode: '002' }),
    });
    const pubStream = await openSse(`${base}/api/stream`);
    const socSon = await (await postJson(t.app, '/api/reports', inSocSon)).json();
    const hk = await (await postJson(t.app, '/api/reports', inHoanKiem)).json();
    // An overlay reading, which every audience hears, written last: once a stream has it, it has
    // had everything before it that it was going to get.
    const [layer] = await t.store.layers.list(new Date());
    const { eventId: last } = await t.store.layers.writeTick(
      { layer: layer!.code, at: new Date(), readings: [] },
      true,
    );
    const [area, pub] = await Promise.all([areaStream.collect(reachedId(last!)), pubStream.collect(reachedId(last!))]);
    areaStream.close();
    pubStream.close();
    expect(hk.areas.district.code).toBe('002');
    expect(socSon.areas.district.code).not.toBe('002');
    const areaMsgs = area.filter((m) => m.event === 'report.created');
    expect(areaMsgs.map((m) => JSON.parse(m.data).report.id)).toEqual([hk.id]);
    expect(ids(pub).at(-1)).toBe(last);
    const pubText = pub.map((m) => m.data).join('\n');
    for (const secret of [
      'Tràng Tiền',
      'secret@example.vn',
      String(hk.lat),
      hk.publicId,
      hk.cells.r10,
      hk.cells.r8,
      hk.cells.r6,
    ]) {
      expect(pubText).not.toContain(secret);
    }
  });

  it('drops a client that stops reading, while the others keep up', async () => {
    const url = new URL(`${base}/api/stream`);
    const stalled = connect(Number(url.port), url.hostname);
    await new Promise((r) => stalled.once('connect', r));
    const firstFrame = new Promise((r) => stalled.once('data', r));
    stalled.write(
      `GET /api/stream HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${opsHeaders.authorization}\r\nAccept: text/event-stream\r\n\r\n`,
    );
    await firstFrame; // the hub has it as a client
    stalled.pause(); // never read again: the kernel buffers fill, then ours
    const { maxId: start } = await t.store.events.eventBounds();
    // The kernel absorbs ~4 MB on loopback before our buffer grows, so write ~6 MB of events.
    const long = 'Cống thoát nước bị tắc nghẽn nghiêm trọng '.repeat(5).slice(0, 199);
    const batch = Array.from({ length: 250 }, () =>
      buildNewReport(reportBody({ title: long }) as NewReportBody, t.runtime.intake, new Date(), 'import'),
    );
    const total = 8_000;
    // Subscribed (first frame in) before the writing starts: signing in costs the server a read.
    const readerStream = await openSse(`${base}/api/stream`, { lastEventId: start, headers: opsHeaders });
    const reader = readerStream.collect(reachedId(start + total), 90_000);
    for (let i = 0; i < total / batch.length; i++) {
      await t.store.reports.insert(batch);
      // PGlite runs in this thread: give the reading client a turn, as a real one would have.
      await new Promise((r) => setTimeout(r, 30));
    }
    const got = ids(await reader);
    readerStream.close();
    expect(got).toEqual(Array.from({ length: total }, (_, i) => start + 1 + i));
    const until = Date.now() + 10_000;
    while (t.runtime.hub.stats().dropped < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(t.runtime.hub.stats().dropped).toBeGreaterThanOrEqual(1);
    stalled.destroy();
  }, 120_000);

  it('a client that drops at random points and resumes gets every event once, in order, while two writers race', async () => {
    const { maxId: start } = await t.store.events.eventBounds();
    const writer = async (lat: number) => {
      for (let i = 0; i < 40; i++) {
        const r = await (await postJson(t.app, '/api/reports', reportBody({ lat }))).json();
        if (i % 3 === 0) await postJson(ops, `/api/reports/${r.id}/transitions`, { action: 'accept' });
      }
    };
    const writing = Promise.all([writer(21.028), writer(21.03), t.store.reports.insert([]), writer(21.031)]);
    const received: number[] = [];
    let last = start;
    let done = false;
    void writing.then(() => (done = true));
    let seed = 7;
    const rand = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 200; round++) {
      const { maxId } = await t.store.events.eventBounds();
      if (done && last >= maxId) break;
      const take = 1 + Math.floor(rand() * 15);
      // A client that reads `take` events and drops, or drops after 400 ms once the writers are done.
      const msgs = await collectSse(`${base}/api/stream`, (all) => ids(all).length >= take, {
        lastEventId: last,
        timeoutMs: 400,
        headers: opsHeaders,
      });
      for (const id of ids(msgs)) {
        received.push(id);
        last = id;
      }
    }
    await writing;
    const { maxId: end } = await t.store.events.eventBounds();
    expect(received).toEqual(Array.from({ length: end - start }, (_, i) => start + 1 + i));
  });
});
