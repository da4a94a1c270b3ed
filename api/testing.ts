import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import type { Connection } from '../db/connect';
import { createTestDatabase, type TestDatabase } from '../db/testing';
import type { Store } from '../db/store';
import { loadCityPack } from '../seeds/packs';
import type { CityPack } from '../core/cityPack';
import type { Role } from '../core/roles';
import { createApp } from './app';
import { type TestAccountOptions, headersForNewAccount } from './auth/testAccounts';
import type { AppDeps } from './context';
import { type ListenOptions, listenHttp } from './httpServer';
import { createRuntime, type RuntimeOptions } from './runtime';

export interface TestApp {
  db: TestDatabase;
  store: Store;
  /** The store's own connection: for a test that reads tables directly (what a refused request left). */
  conn: Connection;
  pack: CityPack;
  runtime: AppDeps & { stop(): Promise<void> };
  app: ReturnType<typeof createApp>;
  /** Serves the app on a free port (once, as api/server.ts does: api/httpServer.ts) and returns its base URL. */
  listen(opts?: Pick<ListenOptions, 'timeouts' | 'maxConnections'>): Promise<string>;
  /** A new account of `role` with an API token: `{ authorization: 'Bearer …' }` to act as it. */
  headersFor(role: Role, opts?: TestAccountOptions): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** A whole API on a database of its own; `close` removes the database. */
export async function startTestApp(
  kind: 'pglite' | 'postgres',
  { city = 'hanoi', ...opts }: Partial<Omit<RuntimeOptions, 'store' | 'pack'>> & { city?: string } = {},
): Promise<TestApp> {
  // Hanoi unless a test names another pack (seeds/<city>/).
  const pack = await loadCityPack(city);
  const db = await createTestDatabase(kind, { publicIdPrefix: pack.publicIdPrefix, timezone: pack.timezone });
  const { store, conn } = await db.openWithConnection();
  const runtime = await createRuntime({ store, pack, ...opts });
  const app = createApp(runtime);
  let server: ServerType | null = null;
  return {
    db,
    store,
    conn,
    pack,
    runtime,
    app,
    headersFor: (role, o) => headersForNewAccount(store, pack, role, o),
    async listen(listenOpts = {}) {
      server ??= (await listenHttp(app.fetch, { port: 0, hostname: '127.0.0.1', ...listenOpts })).server;
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      if (server) {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        await new Promise((r) => server!.close(r));
      }
      await runtime.stop();
      await store.close();
      await db.drop();
    },
  };
}

export const HOAN_KIEM_LAKE = { lat: 21.0287, lng: 105.8524 };

export function reportBody(overrides: Record<string, unknown> = {}) {
  return {
    category: 'traffic_roads',
    ...HOAN_KIEM_LAKE,
    title: 'Ổ gà lớn trên phố Đinh Tiên Hoàng',
    description: 'Ổ gà sâu khoảng 20 cm, xe máy dễ ngã vào buổi tối.',
    ...overrides,
  };
}

export function postJson(
  app: { request: (url: string, init: RequestInit) => Response | Promise<Response> },
  url: string,
  body: unknown,
) {
  return app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
