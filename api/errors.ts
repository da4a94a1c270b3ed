import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A failure the client can act on; mapped to `{"error":{code,message,field}}` in one place. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** Response headers the answer needs (Retry-After on a 429, a cleared cookie on a 401). */
  headers?: Record<string, string>;
}

export class ValidationError extends AppError {
  constructor(message: string, field?: string, code = 'invalid_request') {
    super(400, code, message, field);
  }
}

export class OutsideCity extends AppError {
  constructor(cityName: string) {
    super(422, 'outside_city', `The location is outside ${cityName} / Vị trí nằm ngoài địa bàn`, 'lat');
  }
}

export class NotFound extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found / Không tìm thấy`);
  }
}

export class IllegalTransition extends AppError {
  constructor(action: string, status: string) {
    super(409, 'illegal_transition', `Cannot ${action} a report that is ${status}`, 'action');
  }
}

export class Unavailable extends AppError {
  constructor(message: string) {
    super(503, 'unavailable', message);
  }
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_S = 5;

/** The database is down, restarting or too slow within our bounds (db/unavailable.ts): retry later. */
export class DatabaseUnavailable extends AppError {
  constructor() {
    super(
      503,
      'database_unavailable',
      'The database is unavailable; please retry shortly / Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau',
    );
    this.headers = { 'Retry-After': String(DATABASE_RETRY_AFTER_S) };
  }
}

export function errorBody(e: AppError) {
  return { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
}

/**
 * A value the database refused as data (an invalid character, a number or date out of its range):
 * the client's to fix. Raised for an item alone, never for the batch it travelled in.
 */
export class UnstorableInput extends AppError {
  constructor(field?: string) {
    super(
      400,
      'unstorable_input',
      `${field ? `${field}: ` : ''}a value cannot be stored as sent / Không thể lưu giá trị đã gửi`,
      field,
    );
  }
}
