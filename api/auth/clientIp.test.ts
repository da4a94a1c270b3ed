import { describe, expect, it } from 'vitest';
import { NO_PROXIES, clientKey, parseTrustedProxies, resolveClient } from './clientIp';

const req = (headers: Record<string, string> = {}, url = 'http://desk.example.vn:8080/api/map/style.json') =>
  new Request(url, { headers });

describe('parseTrustedProxies', () => {
  it.each([
    ['', '203.0.113.9', false],
    ['10.0.0.0/8', '10.200.3.4', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    [' 192.168.1.0/24 , ::1 ', '::1', true],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::/32', '2001:db9::5', false],
  ])('%j trusts %s: %s', (list, peer, expected) => {
    const proxies = parseTrustedProxies(list);
    const client = resolveClient(req({ 'x-forwarded-for': '198.51.100.7' }), peer, proxies);
    expect(client.ip === '198.51.100.7').toBe(expected);
  });

  it.each(['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '::1/129', '10.0.0/8', '10.0.0.0/x'])(
    'refuses %j, naming it',
    (entry) => {
      expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(entry);
    },
  );
});

describe('resolveClient', () => {
  const proxy = parseTrustedProxies('10.0.0.0/8');

  it('ignores every forwarded header from a peer that is not a trusted proxy', () => {
    const forged = { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect(resolveClient(req(forged), '203.0.113.9', proxy)).toEqual({
      ip: '203.0.113.9',
      known: true,
      origin: 'http://desk.example.vn:8080',
    });
    expect(resolveClient(req(forged), '203.0.113.9', NO_PROXIES).origin).toBe('http://desk.example.vn:8080');
  });

  it('believes a trusted proxy: the client is the first address from the right that is not ours', () => {
    const headers = {
      'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.1.1.1',
      'x-forwarded-host': 'evil.example, citydesk.hanoi.gov.vn',
      'x-forwarded-proto': 'https',
    };
    expect(resolveClient(req(headers), '10.0.0.2', proxy)).toEqual({
      ip: '198.51.100.7',
      known: true,
      origin: 'https://citydesk.hanoi.gov.vn',
    });
  });

  it('a dual-stack peer (::ffff:a.b.c.d) is its IPv4 address', () => {
    expect(resolveClient(req(), '::ffff:10.0.0.2', NO_PROXIES).ip).toBe('10.0.0.2');
    expect(resolveClient(req({ 'x-forwarded-for': '198.51.100.7' }), '::ffff:10.0.0.2', proxy).ip).toBe('198.51.100.7');
  });

  it.each([
    ['a host with a path', 'evil.example/x'],
    ['a user part', 'a@evil.example'],
    ['spaces', 'evil example'],
  ])('keeps the direct host when a trusted proxy forwards %s', (_what, host) => {
    expect(resolveClient(req({ 'x-forwarded-host': host }), '10.0.0.2', proxy).origin).toBe(
      'http://desk.example.vn:8080',
    );
  });

  it('stops at a malformed X-Forwarded-For entry rather than believing what is left of it', () => {
    const headers = { 'x-forwarded-for': '1.2.3.4, not-an-ip, 10.9.9.9' };
    expect(resolveClient(req(headers), '10.0.0.2', proxy).ip).toBe('10.9.9.9');
  });

  it('without a socket (in-process app.request) the client is unknown', () => {
    expect(resolveClient(req(), undefined, proxy)).toMatchObject({ ip: 'unknown', known: false });
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb::9', '2001:db8:aa:bb::/64'],
    ['2001:DB8:00aa:bb:ffff::1', '2001:db8:aa:bb::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});
