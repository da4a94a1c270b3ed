import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AppError } from './errors';

/**
 * Refuses a request body over `maxBytes` with 413 `body_too_large`. Hono's bodyLimit asks for
 * `c.req.raw.body`, which makes the Node adapter build a full web Request (a stream, an
 * AbortSignal) for every request, GETs included: a fifth of the API's CPU under ingest load
 * (bench/ingest.ts profile). A declared Content-Length is checked from the header alone, and the
 * adapter then reads the body straight from the socket; only a chunked body, whose size is known
 * by reading it, goes through Hono's counting reader.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new AppError(413, 'body_too_large', `Request body over ${maxBytes} bytes / Nội dung yêu cầu quá lớn`);
  };
  const counting = honoBodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(length) || Number(length) > maxBytes) tooLarge();
      return next();
    }
    return counting(c, next);
  };
}
