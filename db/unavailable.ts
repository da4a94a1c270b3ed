/**
 * Whether an error means "the database cannot answer now" (down, restarting, unreachable, or too
 * slow within our bounds) rather than "this query is wrong". The first is a 503 the client retries;
 * the second stays a bug. drizzle wraps the driver's error in DrizzleQueryError (its `cause`), so
 * the whole cause chain is looked at.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; err && typeof err === 'object' && depth < 8; depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && isUnavailableCode(code)) return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}

/** Socket errors: the server is not there, or went away mid-query. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** postgres.js's own connection errors. */
const DRIVER_CODES = new Set(['CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED']);

/** Our bounds (db/pool.ts): a query that waited too long for a connection. */
export const ACQUIRE_TIMEOUT_CODE = 'CITYDESK_ACQUIRE_TIMEOUT';

/**
 * SQLSTATEs: class 08 (connection exception); 57P01–57P03 (the server shuts down, crashed, or is
 * starting); 57014 (cancelled: statement_timeout, or our acquire timeout); 25P03 (idle-in-
 * transaction timeout); 53300 (too many connections).
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57014', '25P03', '53300']);

function isUnavailableCode(code: string): boolean {
  return (
    SOCKET_CODES.has(code) ||
    DRIVER_CODES.has(code) ||
    code === ACQUIRE_TIMEOUT_CODE ||
    SQLSTATES.has(code) ||
    /^08[0-9A-Z]{3}$/.test(code)
  );
}

/** A short description for logs and /healthz: the code and message, never a query's parameters. */
export function describeDatabaseError(e: unknown): string {
  for (let err = e, depth = 0; err && typeof err === 'object' && depth < 8; depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return `${code}: ${(err as Error).message}`.slice(0, 200);
    err = (err as { cause?: unknown }).cause;
  }
  // A DrizzleQueryError's own message lists the parameters; say only what kind of error it was.
  return e instanceof Error ? e.name : 'unknown error';
}
