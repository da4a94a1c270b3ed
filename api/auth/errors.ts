import { AppError } from '../errors';
import { clearedSessionCookie } from './cookie';

/** A session cookie that signs nobody in (unknown, idle too long, past its end): the cookie is cleared. */
export class SessionExpired extends AppError {
  constructor() {
    super(
      401,
      'session_expired',
      'Your session has ended; sign in again / Phiên làm việc đã hết, vui lòng đăng nhập lại',
    );
    this.headers = { 'set-cookie': clearedSessionCookie() };
  }
}

/** A bearer token that is malformed, unknown or revoked. */
export class InvalidToken extends AppError {
  constructor() {
    super(401, 'invalid_token', 'Invalid or revoked API token / Mã truy cập không hợp lệ hoặc đã bị thu hồi');
    this.headers = { 'www-authenticate': 'Bearer error="invalid_token"' };
  }
}

export class AccountDisabled extends AppError {
  constructor() {
    super(401, 'account_disabled', 'This account is disabled / Tài khoản đã bị khóa');
  }
}

/** A state-changing request carried by a cookie from another origin (or with no Origin at all). */
export class CsrfRefused extends AppError {
  constructor() {
    super(
      403,
      'csrf',
      'Request refused: it did not come from this site / Yêu cầu bị từ chối: không xuất phát từ trang này',
    );
  }
}

/** The same answer for an unknown name and a wrong password. */
export class InvalidCredentials extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'Wrong name or password / Sai tên đăng nhập hoặc mật khẩu');
  }
}

export class TooManyAttempts extends AppError {
  constructor(readonly retryAfterSec: number) {
    super(
      429,
      'too_many_attempts',
      `Too many failed sign-ins; try again in ${retryAfterSec} s / Đăng nhập sai quá nhiều lần, thử lại sau ${retryAfterSec} giây`,
    );
    this.headers = { 'retry-after': String(retryAfterSec) };
  }
}
