import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** When the limit cannot be read: the common Linux soft default. */
const FALLBACK_FDS = 1_024;

/**
 * The process's open-file limit (RLIMIT_NOFILE, soft): from /proc/self/limits on Linux, else
 * `ulimit -n` in a shell, else 1,024. Node 20 has no process.getrlimit.
 */
export function openFileLimit(): number {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (m) return m[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(m[1]);
  } catch {}
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 2_000 }).trim();
    if (/^\d+$/.test(out)) return Number(out);
    if (out === 'unlimited') return Number.MAX_SAFE_INTEGER;
  } catch {}
  return FALLBACK_FDS;
}

/**
 * Descriptors kept back from connections: the database pool and its LISTEN connection, PGlite's
 * and the dashboard's files, logs. A tenth of the limit, at least 256.
 */
export function reservedFds(limit: number): number {
  return Math.max(256, Math.floor(limit / 10));
}

/**
 * How many SSE clients one process takes: below the descriptor limit by the reserve, so that at
 * the cap a new stream still gets its 503 (and /healthz its answer) instead of a reset.
 * 20,000 descriptors → 18,000 streams; 1,024 → 768.
 */
export function streamCapFor(limit: number): number {
  return Math.max(1, limit - reservedFds(limit));
}

/**
 * The server's connection cap (http.Server.maxConnections): every descriptor but a few for the
 * database and files, so the process itself never runs out (EMFILE would fail a query or a file
 * read, not just a connection). Between this and the stream cap sit the connections that let
 * /healthz and the API answer while the streams are full.
 */
export function connectionCapFor(limit: number): number {
  return Math.max(1, limit - Math.min(128, Math.floor(reservedFds(limit) / 2)));
}
