import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 binaries (initdb and pg_ctl are not on PATH there). */
const PG_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
/** How long pg_ctl waits for the server to start or stop before it reports failure. */
const PG_CTL_WAIT_S = 30;

/** Where initdb lives, or null (the fault tests skip without it). */
export function findPgBin(): string | null {
  return PG_BIN_DIRS.find((d) => existsSync(join(d, 'initdb'))) ?? null;
}

/** A TCP port nobody listens on right now (asked of the OS, never guessed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ThrowawayCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** Stops the server (`pg_ctl stop -m fast`: backends are terminated, as in an outage). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Whether pg_isready says it accepts connections. */
  isReady(): Promise<boolean>;
  /** Stops it (if running) and deletes its directory. */
  remove(): Promise<void>;
}

/**
 * A PostgreSQL cluster of a test's own, in a temp directory on a free port: for tests that stop
 * Postgres or kill a process mid-write, which must never touch the shared server on :5432.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error(`initdb not found in ${PG_BIN_DIRS.join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'citydesk-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  const port = await freePort();
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  // Sockets in the temp directory, not /var/run/postgresql (which :5432's server owns); fsync off:
  // the tests kill the API, not the machine.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', String(PG_CTL_WAIT_S), 'start']);
  };
  let running = false;
  await start();
  running = true;
  const cluster: ThrowawayCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', String(PG_CTL_WAIT_S), 'stop']);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async isReady() {
      try {
        await run(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
        return true;
      } catch {
        return false;
      }
    },
    async remove() {
      if (running) await cluster.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
