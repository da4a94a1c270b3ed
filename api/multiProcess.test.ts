import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/testing';
import { collectSse, eventIds, openSse, SSE_WAIT_MS } from './sseClient';
import { loadCityPack } from '../seeds/packs';
import { headersForNewAccount } from './auth/testAccounts';
import { reportBody } from './testing';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts `api/server.ts` as its own process, the way `npm start` does, and waits for its port. */
async function startServer(databaseUrl: string): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    // Anonymous writers file 240 reports from one address: above the per-client filing limit.
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', SIMULATE: 'off', FILING_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = log.match(/http:\/\/localhost:(\d+)/);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

/**
 * Resolves once the server's hub has read the whole log. Its hub hears of a commit by NOTIFY like
 * any other process's, so right after a write it may not have read it yet, and a client that
 * connects then is sent that event too: correct, but not the "next" event a test is waiting for.
 */
async function caughtUp(base: string) {
  const deadline = Date.now() + SSE_WAIT_MS;
  for (;;) {
    // /readyz asks the database for its last event id (/healthz answers from memory only).
    const { stream } = (await (await fetch(`${base}/readyz`)).json()).checks;
    if (stream.position >= stream.lastEventId) return;
    if (Date.now() > deadline)
      throw new Error(`${base} stream stuck at ${stream.position} < ${stream.lastEventId}: ${stream.error ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The database's last event id, as /readyz reads it. */
async function dbLastEventId(base: string): Promise<number> {
  return (await (await fetch(`${base}/readyz`)).json()).checks.stream.lastEventId as number;
}

/** Subscribes (the first frame has arrived) and returns a reader of the first event of `type`. */
async function firstEvent(url: string, type: string, headers: Record<string, string>) {
  const stream = await openSse(url, { headers });
  return async () => {
    const got = await stream.collect((all) => all.some((m) => m.event === type));
    stream.close();
    const m = got.find((m) => m.event === type);
    if (!m) throw new Error(`no ${type} on ${url} within ${SSE_WAIT_MS} ms`);
    return JSON.parse(m.data);
  };
}

describe.skipIf(!process.env.DATABASE_URL)('two API processes on one Postgres', () => {
  let db: TestDatabase;
  const servers: Array<{ base: string; child: ChildProcess }> = [];
  /** An operator's token, valid on both processes (the accounts live in the shared database). */
  let ops: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    // The first creates the schema; start them one after the other so migrations do not race.
    servers.push(await startServer(db.url!));
    servers.push(await startServer(db.url!));
    const store = await db.open();
    try {
      ops = await headersForNewAccount(store, await loadCityPack('hanoi'), 'operator');
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(
      servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)))),
    );
    await db?.drop();
  });

  it('a report created through one arrives at a client of the other, and back', async () => {
    const [a, b] = servers;
    for (const [writer, reader] of [
      [a, b],
      [b, a],
    ]) {
      // The reader's hub may still be reading the previous round's report, written elsewhere.
      await caughtUp(reader.base);
      const arrived = await firstEvent(`${reader.base}/api/stream`, 'report.created', ops);
      const res = await fetch(`${writer.base}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(reportBody()),
      });
      const created = await res.json();
      expect(res.status).toBe(201);
      const event = await arrived();
      expect(event.report.publicId).toBe(created.publicId);
    }
  });

  it('a transition through one reaches the other’s clients, and both agree on the log', async () => {
    const [a, b] = servers;
    const created = await (
      await fetch(`${a.base}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(reportBody()),
      })
    ).json();
    const arrived = await firstEvent(`${a.base}/api/stream`, 'report.accepted', ops);
    await fetch(`${b.base}/api/reports/${created.id}/transitions`, {
      method: 'POST',
      headers: { ...ops, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    expect((await arrived()).report.id).toBe(created.id);
    await Promise.all([a, b].map((s) => caughtUp(s.base)));
    const [ha, hb] = await Promise.all([a, b].map(async (s) => (await fetch(`${s.base}/healthz`)).json()));
    expect(ha.stream.lastId).toBe(hb.stream.lastId);
    expect([ha.stream.readErrors, hb.stream.readErrors]).toEqual([0, 0]);
  });

  it('a client that drops at random and resumes on either process gets every event once, in order, while both write', async () => {
    const [a, b] = servers;
    const start = await dbLastEventId(a.base);
    const write = async (s: { base: string }, lat: number) => {
      for (let i = 0; i < 60; i++) {
        await fetch(`${s.base}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(reportBody({ lat })),
        });
      }
    };
    let done = false;
    const writing = Promise.all([write(a, 21.028), write(b, 21.031), write(a, 21.029), write(b, 21.03)]).then(
      () => (done = true),
    );
    const received: number[] = [];
    let created = 0;
    let last = start;
    let seed = 3;
    const rand = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 400; round++) {
      const server = rand() < 0.5 ? a : b;
      const take = 1 + Math.floor(rand() * 12);
      // A client that reads `take` events and drops, or drops after 400 ms once the writers are done.
      const msgs = await collectSse(`${server.base}/api/stream`, (all) => eventIds(all).length >= take, {
        lastEventId: last,
        timeoutMs: 400,
        headers: ops,
      });
      for (const m of msgs) {
        if (!m.id || m.event === 'reset') continue;
        received.push(Number(m.id));
        if (m.event === 'report.created') created++;
        last = Number(m.id);
      }
      const end = await dbLastEventId(a.base);
      if (done && last >= end) break;
    }
    await writing;
    const end = await dbLastEventId(a.base);
    // 240 reports; the log may also hold hotspot.* events (240 reports in one spot make a hotspot).
    expect(created).toBe(240);
    expect(received).toEqual(Array.from({ length: end - start }, (_, i) => start + 1 + i));
  }, 120_000);
});
