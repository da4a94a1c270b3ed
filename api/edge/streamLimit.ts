import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { clientKey, clientOf } from '../auth/clientIp';
import { AppError } from '../errors';

export class TooManyStreams extends AppError {
  constructor(max: number) {
    super(
      429,
      'too_many_streams',
      `At most ${max} live streams per client; close one first / Tối đa ${max} luồng trực tiếp cho mỗi máy khách; hãy đóng bớt`,
    );
    // A stream ends when a tab closes; a minute is a fair first wait for an EventSource.
    this.headers = { 'Retry-After': '60' };
  }
}

/**
 * At most `max` concurrent stream connections per client (IPv6 per /64), counted from the moment
 * the request is let through until its response closes. A request with no TCP peer (in-process
 * `app.request`) has no client to count.
 */
export function streamsPerClient(max: number): MiddlewareHandler<{ Bindings: { outgoing?: ServerResponse } }> {
  const open = new Map<string, number>();
  const release = (key: string) => {
    const n = (open.get(key) ?? 1) - 1;
    if (n > 0) open.set(key, n);
    else open.delete(key);
  };
  return async (c, next) => {
    const client = clientOf(c);
    const outgoing = c.env?.outgoing;
    if (max <= 0 || !client.known || !outgoing) return next();
    const key = clientKey(client.ip);
    const n = open.get(key) ?? 0;
    if (n >= max) throw new TooManyStreams(max);
    open.set(key, n + 1);
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      release(key);
    };
    // 'close' comes once the response is finished or its connection is gone, whichever way.
    outgoing.once('close', done);
    if (outgoing.destroyed) done();
    try {
      await next();
    } catch (e) {
      done();
      throw e;
    }
  };
}
