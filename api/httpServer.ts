import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { connectionCapFor, openFileLimit } from './edge/fdLimit';

/**
 * The Node HTTP server around the app, with the bounds a public port needs (an outside probe
 * held 9,000 slow-header and 9,000 slow-body connections for 75 s with none closed):
 * - all headers within HEADERS_TIMEOUT_MS, the whole request (headers and body) within
 *   REQUEST_TIMEOUT_MS, checked every CONNECTIONS_CHECK_MS (Node's default check is every 30 s);
 * - a socket silent both ways for IDLE_SOCKET_MS is closed. SSE streams are not: their
 *   heartbeat writes every 15 s (api/stream/hub.ts), and a write resets the idle clock;
 * - an idle keep-alive connection is kept KEEP_ALIVE_MS for the next request;
 * - at most connectionCapFor(RLIMIT_NOFILE) sockets, so the process keeps descriptors for its
 *   database and files when flooded (api/edge/fdLimit.ts).
 */
export const HEADERS_TIMEOUT_MS = 10_000;
/** A 64 KB report body takes well under a second even on a poor mobile link. */
export const REQUEST_TIMEOUT_MS = 30_000;
export const CONNECTIONS_CHECK_MS = 1_000;
/** Four heartbeats' worth: a live stream always writes within it. */
export const IDLE_SOCKET_MS = 60_000;
/** Node's default; a load balancer in front should idle out first (e.g. nginx keepalive_timeout 4s). */
export const KEEP_ALIVE_MS = 5_000;

export interface ServerTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleSocketMs: number;
  keepAliveMs: number;
  checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  idleSocketMs: IDLE_SOCKET_MS,
  keepAliveMs: KEEP_ALIVE_MS,
  checkEveryMs: CONNECTIONS_CHECK_MS,
};

export interface ListenOptions {
  port: number;
  hostname?: string;
  timeouts?: Partial<ServerTimeouts>;
  /** Defaults to connectionCapFor(the process's open-file limit). */
  maxConnections?: number;
}

/** Serves `fetch` with the bounds above; resolves once listening. */
export function listenHttp(
  fetch: (req: Request, env: never) => Response | Promise<Response>,
  opts: ListenOptions,
): Promise<{ server: ServerType; port: number }> {
  const t = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: fetch as never,
        port: opts.port,
        hostname: opts.hostname,
        serverOptions: {
          headersTimeout: t.headersTimeoutMs,
          requestTimeout: t.requestTimeoutMs,
          keepAliveTimeout: t.keepAliveMs,
          connectionsCheckingInterval: t.checkEveryMs,
        },
      },
      (info: AddressInfo) => resolve({ server, port: info.port }),
    );
    const http = server as Server;
    http.maxConnections = opts.maxConnections ?? connectionCapFor(openFileLimit());
    // With no 'timeout' listener, Node destroys the idle socket.
    http.setTimeout(t.idleSocketMs);
    http.once('error', reject);
  });
}
