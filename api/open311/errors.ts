import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../errors';
import { type Format, renderBody, splitFormat } from './formats';

/** Where GeoReport v2 is served; errors under it take the standard's shape (api/app.ts asks isOpen311Path). */
export const OPEN311_BASE = '/open311/v2';

export function isOpen311Path(path: string): boolean {
  return path === OPEN311_BASE || path.startsWith(`${OPEN311_BASE}/`);
}

/** A missing, unknown or revoked api_key: the standard's 403. */
export class InvalidApiKey extends AppError {
  constructor() {
    super(
      403,
      'invalid_api_key',
      'api_key: missing, unknown or revoked / Khóa API không hợp lệ hoặc đã bị thu hồi',
      'api_key',
    );
  }
}

/** A path without `.json` or `.xml`, or one naming something GeoReport v2 does not have. */
export class UnknownOpen311Path extends AppError {
  constructor(path: string) {
    super(404, 'not_found', `No Open311 resource ${path}: paths end in .json or .xml / Không có tài nguyên này`);
  }
}

/**
 * Our errors in GeoReport v2's terms, decided here once. The standard knows 400 (bad input), 403
 * (the api_key) and 404: a refused credential (401 elsewhere in the API) is its 403, a place
 * outside the city (422) and an illegal move (409) its 400. Limits and outages keep their own
 * status (413, 429 with Retry-After, 503), which any HTTP client understands.
 */
export function open311Status(status: number): ContentfulStatusCode {
  if (status === 401) return 403;
  if (status === 409 || status === 422) return 400;
  return status as ContentfulStatusCode;
}

/** `{code, description}` per the standard; the description names the field and keeps our code. */
export function open311ErrorList(e: AppError) {
  const status = open311Status(e.status);
  // A list parameter's item (`status.0`) is the parameter to the client: Open311 lists are comma-separated text.
  const message = e.message.replace(/^([a-z_]+)\.\d+: /, '$1: ');
  const field = e.field?.replace(/\.\d+$/, '');
  const prefix = field && !message.startsWith(`${field}:`) ? `${field}: ` : '';
  return { status, body: [{ code: status, description: `${prefix}${message} (${e.code})` }] };
}

/** The format an error answers in: the path's extension, JSON when it has none. */
export function formatOfPath(path: string): Format {
  return splitFormat(path.split('/').pop() ?? '')?.format ?? 'json';
}

/** The one place an error under /open311/v2 becomes a response (api/app.ts onError and notFound). */
export function open311ErrorResponse(c: Context, e: AppError): Response {
  const { status, body } = open311ErrorList(e);
  const { text, contentType } = renderBody(formatOfPath(c.req.path), 'errors', body);
  return c.body(text, status, { 'content-type': contentType, ...e.headers });
}
