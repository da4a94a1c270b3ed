import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The Content-Security-Policy of every response (the API's JSON too: nothing there should run),
 * checked against the built dashboard in Chromium (dashboard/e2e/security.test.ts):
 * - scripts only from our origin (Vite emits module files, no inline script, and neither deck.gl's
 *   shaders nor MapLibre's expressions need eval);
 * - MapLibre's worker is a module file of ours (dashboard/src/map/maplibreSetup.ts); `blob:` stays
 *   allowed for workers because MapLibre falls back to a blob worker when given none;
 * - styles: ours, plus inline ones — Solid templates and MapLibre's controls set style attributes;
 * - images: ours, `data:` (the favicon, MapLibre's icons) and `blob:` (decoded tiles and sprites);
 * - connections: ours, plus the origin of MAP_STYLE_URL when an online basemap is configured.
 */
export function contentSecurityPolicy(mapStyleUrl?: string) {
  const mapOrigin = mapStyleUrl ? [new URL(mapStyleUrl).origin] : [];
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...mapOrigin],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...mapOrigin],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameSrc: ["'none'"],
  };
}

/** `/public?embed=1` is made to sit in other sites' pages (newsrooms, the city portal). */
export function isEmbeddable(path: string, embed: string | undefined): boolean {
  return path === '/public' && embed === '1';
}

/**
 * hono/secure-headers on every response: framing refused (`frame-ancestors 'none'` and
 * X-Frame-Options DENY) except on the embeddable public page, which any site may frame.
 */
export function securityHeaders(opts: { mapStyleUrl?: string } = {}): MiddlewareHandler {
  const csp = contentSecurityPolicy(opts.mapStyleUrl);
  const common = {
    // HSTS only means something over TLS; half a year, and no includeSubDomains: the city's other
    // hosts are not ours to commit.
    strictTransportSecurity: 'max-age=15552000',
    referrerPolicy: 'strict-origin-when-cross-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  };
  const closed = secureHeaders({
    ...common,
    xFrameOptions: 'DENY',
    contentSecurityPolicy: { ...csp, frameAncestors: ["'none'"] },
  });
  const framed = secureHeaders({
    ...common,
    xFrameOptions: false,
    // Other sites load this page into their own: it is a resource they may embed.
    crossOriginResourcePolicy: 'cross-origin',
    contentSecurityPolicy: { ...csp, frameAncestors: ['*'] },
  });
  return (c, next) => (isEmbeddable(c.req.path, c.req.query('embed')) ? framed(c, next) : closed(c, next));
}
