/**
 * The API server for benchmarks: what api/server.ts does minus the simulation and backfill, on
 * the Postgres database in DATABASE_URL. Run as a child of a benchmark (IPC: sends
 * `{type: 'ready', port, headers}` (an operator's bearer token for the staff routes and the ops stream), answers `{cmd: 'stats'}`, takes a CPU profile between `{cmd:
 * 'profile-start'}` and `{cmd: 'profile-stop', file}`, hands over its stream trace on `{cmd: 'trace'}`, collects garbage on `{cmd: 'gc'}` (with --expose-gc), stops on `{cmd: 'stop'}`), or by hand:
 * `DATABASE_URL=… PORT=8080 npx tsx bench/apiServer.ts`.
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../api/app';
import { headersForNewAccount } from '../api/auth/testAccounts';
import { createRuntime } from '../api/runtime';
import { Broadcaster } from '../api/stream/broadcaster';
import { type Store, openStore } from '../db/store';
import type { EventRow } from '../db/types';
import { profileStart, profileStop } from './lib/profiler';
import { wallNow } from './lib/stats';
import { loadCityPack } from '../seeds/packs';

/**
 * Timestamps of the stream path, for explaining fan-out latency: when each NOTIFY arrived, and
 * when each hub broadcast started and ended (which event ids, to how many clients). Collected by
 * wrapping the store and Broadcaster.prototype.deliver from outside; the app code is unchanged.
 */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const trace = {
  notified: [] as Array<[number, number]>,
  broadcasts: [] as Array<{
    firstId: number;
    lastId: number;
    events: number;
    start: number;
    end: number;
    clients: number;
  }>,
};

function traced(store: Store): Store {
  return {
    ...store,
    events: {
      ...store.events,
      onEvents: (listener) =>
        store.events.onEvents((maxId) => {
          trace.notified.push([maxId, wallNow()]);
          listener(maxId);
        }),
    },
  };
}

const broadcasterProto = Broadcaster.prototype as unknown as {
  deliver(rows: EventRow[]): Promise<void>;
  clients: Set<unknown>;
};
const originalDeliver = broadcasterProto.deliver;
broadcasterProto.deliver = function (this: typeof broadcasterProto, rows: EventRow[]) {
  const start = wallNow();
  const clients = this.clients.size;
  const delivered = originalDeliver.call(this, rows);
  // The hub writes in slices across turns of the event loop: the broadcast ends when every client has it.
  if (rows.length && clients) {
    void delivered.then(() =>
      trace.broadcasts.push({
        firstId: rows[0].id,
        lastId: rows[rows.length - 1].id,
        events: rows.length,
        start,
        end: wallNow(),
        clients,
      }),
    );
  }
  return delivered;
};

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const pack = await loadCityPack('hanoi');
  const store = await openStore({ databaseUrl, publicIdPrefix: pack.publicIdPrefix, timezone: pack.timezone });
  const runtime = await createRuntime({ store: traced(store), pack });
  const app = createApp(runtime);
  // The stream's clients are the operations centre: an operator's token, made in the bench database.
  const headers = await headersForNewAccount(store, pack, 'operator');
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close();
    await runtime.stop();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.send) {
    process.on('message', (m: { cmd?: string }) => {
      if (m.cmd === 'stop') void stop();
      if (m.cmd === 'stats') process.send!({ type: 'stats', hub: runtime.hub.stats(), memory: process.memoryUsage() });
      if (m.cmd === 'gc') {
        (globalThis as { gc?: () => void }).gc?.();
        process.send!({ type: 'gc' });
      }
      if (m.cmd === 'trace') {
        const loop = {
          p50: loopDelay.percentile(50) / 1e6,
          p99: loopDelay.percentile(99) / 1e6,
          max: loopDelay.max / 1e6,
        };
        process.send!({ type: 'trace', ...trace, loop });
        loopDelay.reset();
        trace.notified = [];
        trace.broadcasts = [];
      }
      if (m.cmd === 'profile-start') void profileStart().then(() => process.send!({ type: 'profiling' }));
      if (m.cmd === 'profile-stop') {
        void profileStop((m as { file: string }).file).then(() => process.send!({ type: 'profiled' }));
      }
    });
    process.on('disconnect', () => void stop());
    process.send({ type: 'ready', port, headers });
  } else {
    console.log(`bench api: http://127.0.0.1:${port} (${headers.authorization})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.send?.({ type: 'error', message: String(e?.stack ?? e) });
  process.exit(1);
});
