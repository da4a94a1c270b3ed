import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Who is on the other end of a request: its IP (the key of every per-client limit) and the
 * origin it used (the absolute URLs a map style needs). Decided here only. Forwarded headers
 * (X-Forwarded-For/-Host/-Proto) are anyone's to write, so they count only when the TCP peer is
 * one of TRUSTED_PROXIES; otherwise a forged X-Forwarded-Host would land in a cached style.json
 * and a forged X-Forwarded-For would give every request a fresh rate-limit bucket.
 */

/** The proxies whose forwarded headers are believed (TRUSTED_PROXIES), as a CIDR list. */
export interface TrustedProxies {
  readonly list: BlockList;
  readonly empty: boolean;
  /** As configured, for logs. */
  readonly text: string;
}

export const NO_PROXIES: TrustedProxies = { list: new BlockList(), empty: true, text: '' };

/** `10.0.0.0/8, 127.0.0.1, ::1/128` → a matcher; throws with the bad entry named. */
export function parseTrustedProxies(text: string): TrustedProxies {
  const list = new BlockList();
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [addr, prefix, extra] = entry.split('/');
    const family = isIP(addr);
    const max = family === 4 ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (family === 0 || extra !== undefined || !(bits >= 0 && bits <= max))
      throw new Error(`"${entry}" is not an IP address or CIDR block (e.g. 10.0.0.0/8, ::1)`);
    list.addSubnet(addr, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { list, empty: entries.length === 0, text: entries.join(',') };
}

/** `::ffff:1.2.3.4` (an IPv4 peer on a dual-stack socket) is 1.2.3.4. */
function normalise(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
}

function trusted(proxies: TrustedProxies, ip: string): boolean {
  if (proxies.empty) return false;
  const family = isIP(ip);
  return family !== 0 && proxies.list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** A host[:port] as a browser sends it; anything else in a forwarded header is ignored. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(:\d{1,5})?$/i;

export interface Client {
  /** The client's address; `unknown` when the request came without a socket (in-process tests). */
  ip: string;
  /** A TCP peer was seen (always, behind the Node server). Per-client limits need one. */
  known: boolean;
  /** `https://desk.example.vn`: what the browser used, from the forwarded headers only if trusted. */
  origin: string;
}

/** The last (nearest) value of a comma-separated forwarded header: the one our proxy wrote. */
function nearest(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const parts = header.split(',');
  return parts[parts.length - 1].trim() || undefined;
}

export function resolveClient(req: Request, peer: string | undefined, proxies: TrustedProxies): Client {
  const url = new URL(req.url);
  const direct: Client = { ip: peer ? normalise(peer) : 'unknown', known: Boolean(peer), origin: url.origin };
  if (!peer || !trusted(proxies, direct.ip)) return direct;

  // X-Forwarded-For: right to left, skipping our proxies; the first address not ours is the client.
  let ip = direct.ip;
  const hops = (req.headers.get('x-forwarded-for') ?? '').split(',').map((s) => normalise(s.trim()));
  while (trusted(proxies, ip) && hops.length) {
    const hop = hops.pop() as string;
    if (hop === '') continue;
    if (isIP(hop) === 0) break;
    ip = hop;
  }
  const proto = nearest(req.headers.get('x-forwarded-proto') ?? undefined)?.toLowerCase();
  const host = nearest(req.headers.get('x-forwarded-host') ?? undefined);
  const scheme = proto === 'http' || proto === 'https' ? proto : url.protocol.slice(0, -1);
  return { ip, known: true, origin: `${scheme}://${host && HOST.test(host) ? host : url.host}` };
}

const clients = new WeakMap<Request, Client>();
const proxiesOf = new WeakMap<Request, TrustedProxies>();

function peerOf(c: Context): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
}

/** Installed first in the app: records which proxies this app trusts, for `clientOf`. */
export function clientMiddleware(proxies: TrustedProxies): MiddlewareHandler {
  return async (c, next) => {
    proxiesOf.set(c.req.raw, proxies);
    await next();
  };
}

/** The request's client, decided once (with no proxies trusted when the middleware did not run). */
export function clientOf(c: Context): Client {
  const req = c.req.raw;
  let client = clients.get(req);
  if (!client) {
    client = resolveClient(req, peerOf(c), proxiesOf.get(req) ?? NO_PROXIES);
    clients.set(req, client);
  }
  return client;
}

export function clientIp(c: Context): string {
  return clientOf(c).ip;
}

export function publicOrigin(c: Context): string {
  return clientOf(c).origin;
}

/**
 * The key per-client limits count under: the address, except that an IPv6 client owns a whole
 * /64 (one home or phone gets 2^64 addresses), so it is counted by that prefix.
 */
export function clientKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head, tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
