import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { fill } from '../i18n/fill';
import { DEFAULT_RETRY_AFTER_S, retryAfterSeconds, signIn } from './authApi';
import { waitText } from './waitText';

const NOW = Date.parse('2026-03-02T02:00:00Z');

/** A fetch that answers with `res` and records what it was asked. */
function answering(res: Response) {
  const asked: Array<{ url: string; init?: RequestInit }> = [];
  const f = (async (url: string, init?: RequestInit) => {
    asked.push({ url, init });
    return res;
  }) as typeof fetch;
  return { f, asked };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('signIn', () => {
  it('posts the name and password as JSON with the cookie, and returns the user', async () => {
    const user = { id: 3, name: 'chief002', role: 'chief', areaCode: '002' };
    const { f, asked } = answering(json(200, { user }));
    expect(await signIn(f, 'chief002', 'pw "quoted" \\ ü', NOW)).toEqual({ kind: 'signedIn', user });
    expect(asked[0].url).toBe('/api/auth/signin');
    expect(asked[0].init?.method).toBe('POST');
    expect(asked[0].init?.credentials).toBe('same-origin');
    expect(JSON.parse(String(asked[0].init?.body))).toEqual({ name: 'chief002', password: 'pw "quoted" \\ ü' });
  });

  it.each([
    ['401 invalid_credentials', json(401, { error: { code: 'invalid_credentials' } }), { kind: 'invalid' }],
    [
      '429 with seconds',
      json(429, { error: { code: 'too_many_attempts' } }, { 'Retry-After': '45' }),
      { kind: 'throttled', retryAfterS: 45 },
    ],
    [
      '429 with a date',
      json(429, {}, { 'Retry-After': new Date(NOW + 90_500).toUTCString() }),
      { kind: 'throttled', retryAfterS: 90 },
    ],
    ['429 without a header', json(429, {}), { kind: 'throttled', retryAfterS: DEFAULT_RETRY_AFTER_S }],
    [
      '400 with a message',
      json(400, { error: { code: 'invalid', message: 'name: required' } }),
      { kind: 'failed', status: 400, message: 'name: required' },
    ],
    ['503 without a body', new Response('', { status: 503 }), { kind: 'failed', status: 503, message: 'HTTP 503' }],
  ])('%s', async (_case, res, outcome) => {
    expect(await signIn(answering(res).f, 'x', 'y', NOW)).toEqual(outcome);
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    ['30', 30],
    [' 7 ', 7],
    ['0', 1],
    [new Date(NOW - 5_000).toUTCString(), 1],
    ['soon', DEFAULT_RETRY_AFTER_S],
    [null, DEFAULT_RETRY_AFTER_S],
  ])('%o → %d s', (header, seconds) => {
    expect(retryAfterSeconds(header, NOW)).toBe(seconds);
  });
});

describe('the 429 message', () => {
  it.each([
    ['vi', 45, 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 45 giây.'],
    ['en', 45, 'Too many failed attempts. Please try again in 45 s.'],
    ['vi', 900, 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.'],
    ['en', 121, 'Too many failed attempts. Please try again in 3 min.'],
  ] as const)('%s, %d s', (lang, seconds, text) => {
    const t = MESSAGES[lang];
    expect(fill(t.tooManyAttempts, { wait: waitText(seconds, t) })).toBe(text);
  });
});
