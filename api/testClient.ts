/** Anything with Hono's `app.request` shape: the app itself, or one acting as a signed-in user. */
export interface Requester {
  request(url: string, init?: RequestInit): Response | Promise<Response>;
}

/**
 * The app as seen by the holder of `headers` (from `t.headersFor(role)`): every request carries
 * them, so a test reads like the anonymous one with `as(t.app, ops)` in place of `t.app`.
 */
export function as(app: Requester, headers: Record<string, string>): Requester {
  return {
    request: (url, init = {}) => {
      const merged = new Headers(init.headers);
      for (const [k, v] of Object.entries(headers)) if (!merged.has(k)) merged.set(k, v);
      return app.request(url, { ...init, headers: merged });
    },
  };
}
