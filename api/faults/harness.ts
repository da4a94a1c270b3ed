import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openStore } from '../../db/store';
import { issueToken } from '../auth/tokens';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How long a spawned API may take to migrate, load the city pack and listen. */
export const API_START_MS = 60_000;

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  /** Everything it printed so far (for a failing assertion's message). */
  output(): string;
  /** Resolves with the exit code or signal once it has exited. */
  exited: Promise<number | string | null>;
}

/** `api/server.ts` as its own process, as `npm start` runs it, on a free port; resolves once it listens. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', SIMULATE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`API did not listen within ${API_START_MS} ms: ${log}`)),
      API_START_MS,
    );
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = log.match(/http:\/\/localhost:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code}) before listening: ${log}`));
    });
  });
  return { base: `http://127.0.0.1:${port}`, child, output: () => log, exited };
}

/** SIGTERM, and resolves once it has exited (SIGKILL if it has not within 10 s). */
export async function stopApiProcess(p: ApiProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  await p.exited;
  clearTimeout(timer);
}

/**
 * Bearer headers of a new operator, made in the database the way `npm run user` does, so the
 * test's stream is the operations centre's (every event) whatever the public stream becomes.
 */
export async function operatorHeaders(databaseUrl: string, name: string): Promise<Record<string, string>> {
  const store = await openStore({ databaseUrl, publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' });
  try {
    const at = new Date();
    const user = await store.users.add({ name, role: 'operator', passwordHash: null, at });
    if (!user) throw new Error(`user ${name} exists`);
    const { token } = await issueToken(store, user.id, 'fault test', at);
    return { authorization: `Bearer ${token}` };
  } finally {
    await store.close();
  }
}

/** Direct reads of the cluster the API writes to: the test's ground truth. */
export function truth(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  return {
    async eventIdsAfter(id: number): Promise<number[]> {
      const rows = await sql`select id::int8 as id from events where id > ${id} order by id`;
      return rows.map((r) => Number(r.id));
    },
    async maxEventId(): Promise<number> {
      const [r] = await sql`select coalesce(max(id), 0)::int8 as id from events`;
      return Number(r.id);
    },
    /** report id → how many report.created events it has. */
    async createdEvents(): Promise<Map<number, number>> {
      const rows = await sql`select report_id::int8 as id, count(*)::int as n from events
        where type = 'report.created' group by report_id`;
      return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
    },
    async reportIds(): Promise<Set<number>> {
      const rows = await sql`select id::int8 as id from reports`;
      return new Set(rows.map((r) => Number(r.id)));
    },
    /** Titles stored more than once (each submission of the tests has its own title). */
    async duplicateTitles(): Promise<string[]> {
      const rows = await sql`select title from reports group by title having count(*) > 1`;
      return rows.map((r) => String(r.title));
    },
    /** Backends whose last statement was a LISTEN: the API's commit-signal connection. */
    async listeners(): Promise<number> {
      const [r] = await sql`select count(*)::int as n from pg_stat_activity where query ilike 'listen %'`;
      return Number(r.n);
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export interface Timed<T> {
  ms: number;
  value?: T;
  error?: string;
}

/** Runs a request and how long it took; a network error is returned, not thrown. */
export async function timed<T>(f: () => Promise<T>): Promise<Timed<T>> {
  const t0 = performance.now();
  try {
    const value = await f();
    return { ms: performance.now() - t0, value };
  } catch (e) {
    return { ms: performance.now() - t0, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Polls `fact` (each try bounded by its own request timeouts) until it holds or `ms` passes. */
export async function until(fact: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fact())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
