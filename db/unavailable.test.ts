import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { reconnectBackoffS, DB_BOUNDS } from './pool';
import { describeDatabaseError, isDatabaseUnavailable } from './unavailable';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
/** As drizzle throws it: the driver's error as `cause`, the query's parameters in the message. */
const wrapped = (cause: Error) => new DrizzleQueryError('insert into contacts values ($1)', ['0912 345 678'], cause);

describe('isDatabaseUnavailable', () => {
  it('knows a database that is down, restarting, gone mid-query or too slow, through drizzle’s wrapper', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'CONNECT_TIMEOUT',
      'CONNECTION_CLOSED',
      'CONNECTION_ENDED',
      '57P01', // admin_shutdown: pg_ctl stop -m fast
      '57P03', // cannot_connect_now: starting up
      '57014', // statement_timeout, or our acquire timeout
      '08006', // connection_failure
      '53300', // too_many_connections
    ]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
      expect(isDatabaseUnavailable(wrapped(withCode(code))), `wrapped ${code}`).toBe(true);
    }
  });

  it('leaves a wrong query or bad data a bug or a 4xx, not a 503', () => {
    for (const code of ['42601', '22P02', '23505', '22021', 'ERR_INVALID_ARG_TYPE']) {
      expect(isDatabaseUnavailable(wrapped(withCode(code))), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('no code'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('describes the error by code and the driver’s message, never the query’s parameters', () => {
    const text = describeDatabaseError(wrapped(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')));
    expect(text).toBe('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432');
    expect(
      describeDatabaseError(new DrizzleQueryError('select $1', ['0912 345 678'], undefined as never)),
    ).not.toContain('0912');
  });
});

describe('reconnectBackoffS', () => {
  it('retries fast at first and never waits longer than the bound (postgres.js’s default reaches 20 s)', () => {
    expect(reconnectBackoffS(1)).toBeLessThanOrEqual(0.05);
    const waits = Array.from({ length: 30 }, (_, i) => reconnectBackoffS(i));
    expect(Math.max(...waits)).toBe(DB_BOUNDS.maxBackoffS);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
  });
});
