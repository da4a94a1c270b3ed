import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { csrfGuard } from './auth/csrf';
import { viewerMiddleware } from './auth/middleware';
import type { AppDeps } from './context';
import { dashboardRoutes } from './dashboard';
import { bodyLimit } from './bodyLimit';
import { edgeMiddleware } from './edge/edge';
import { describeError } from './errorLog';
import { pathGuard } from './pathGuard';
import { AppError, DatabaseUnavailable, errorBody } from './errors';
import { isDatabaseUnavailable, describeDatabaseError } from '../db/unavailable';
import { healthRoutes } from './routes/health';
import { metricsMiddleware, metricsRoutes } from './metrics/http';
import { createMetrics } from './metrics/registry';
import { adminRoutes } from './routes/admin';
import { alertRoutes } from './routes/alerts';
import { publicAlertRoutes } from './routes/publicAlerts';
import { aggregateRoutes } from './routes/aggregates';
import { authRoutes } from './routes/auth';
import { catalogRoutes } from './routes/catalog';
import { reportChatRoutes } from './chat/reportChatRoutes';
import { threadRoutes } from './chat/threadRoutes';
import { hotspotRoutes } from './routes/hotspots';
import { kpiRoutes } from './routes/kpis';
import { layerRoutes } from './routes/layers';
import { poiRoutes } from './routes/poi';
import { mapRoutes, tileRoutes } from './routes/map';
import { publicRoutes } from './routes/publicRoutes';
import { publicExportRoutes } from './routes/publicExport';
import { reportRoutes } from './routes/reports';
import { reportExportRoutes } from './routes/reportExport';
import { receptionRoutes } from './reception/routes';
import { streamRoutes } from './routes/stream';
import { initiativeKpiRoutes } from './initiatives/kpiRoutes';
import { publicInitiativeRoutes } from './initiatives/publicRoutes';
import { initiativeRoutes } from './initiatives/routes';
import { isOpen311Path, open311ErrorResponse } from './open311/errors';
import { open311Routes } from './open311/routes';
import { openApiRoutes } from './openapi/routes';

/** A report with 4,000 characters of Vietnamese and ten media URLs fits easily in 64 KB. */
const MAX_BODY_BYTES = 64 * 1024;

/** The Hono app, without `listen`: the server entry serves it, tests call `app.request()`. */
export function createApp(deps: AppDeps, opts: { dashboardDir?: string } = {}) {
  const edge = edgeMiddleware(deps);
  const metrics = createMetrics(deps);
  const app = new Hono()
    // Before anything reads the path: dot segments and encoded slashes are refused (api/pathGuard.ts).
    .use('*', pathGuard())
    .use('*', metricsMiddleware(metrics))
    .use('*', edge.all)
    .use('*', bodyLimit(MAX_BODY_BYTES))
    .use('/api/auth/*', edge.auth)
    // Before the viewer: sign-in reads the cookie itself, so a stale one never blocks signing in again.
    .route('/api/auth', authRoutes(deps))
    // Every API request gets its viewer (public, or staff by cookie or token) before any route.
    .use('/api/*', viewerMiddleware(deps.auth), csrfGuard)
    .use('/api/*', edge.perClient)
    .route('/', healthRoutes(deps))
    .route('/', metricsRoutes(metrics, deps.auth))
    // Before reportRoutes: its `/:id` would take `export.csv` for an id.
    .route('/api/reports', reportExportRoutes(deps))
    .route('/api/reports', reportRoutes(deps))
    .route('/api/reports', reportChatRoutes(deps))
    .route('/api/chats', threadRoutes(deps))
    .route('/api', catalogRoutes(deps))
    .route('/api', aggregateRoutes(deps))
    .route('/api', streamRoutes(deps))
    .route('/api', kpiRoutes(deps))
    .route('/api', hotspotRoutes(deps))
    .route('/api', layerRoutes(deps))
    .route('/api', poiRoutes(deps))
    .route('/api/initiatives', initiativeRoutes(deps))
    .route('/api', initiativeKpiRoutes(deps))
    .route('/api/admin', adminRoutes(deps))
    .route('/api/reception', receptionRoutes(deps))
    .route('/api', alertRoutes(deps))
    .route('/api/public', publicRoutes(deps))
    .route('/api/public', publicExportRoutes(deps))
    .route('/api/public', publicAlertRoutes(deps))
    .route('/api/public/initiatives', publicInitiativeRoutes(deps))
    .route('/api/map', mapRoutes(deps))
    .route('/tiles', tileRoutes(deps))
    // Open311 GeoReport v2: reads get the viewer inside (no CSRF: nothing there acts on a cookie), filing an api_key.
    .route('/open311/v2', open311Routes(deps));
  // The contract of every route above (api/openapi/), read from the app once it is complete.
  app.route(
    '/api',
    openApiRoutes(() => app.routes, deps),
  );
  if (opts.dashboardDir) app.route('/', dashboardRoutes(opts.dashboardDir));

  app.notFound((c) => {
    const e = new AppError(404, 'not_found', `No route ${c.req.method} ${c.req.path}`);
    return isOpen311Path(c.req.path) ? open311ErrorResponse(c, e) : c.json(errorBody(e), 404);
  });
  app.onError((err, c) => {
    const e = appErrorOf(err, c);
    // Under /open311/v2 every error takes the standard's errors/error shape (api/open311/errors.ts).
    return isOpen311Path(c.req.path) ? open311ErrorResponse(c, e) : c.json(errorBody(e), e.status, e.headers);
  });
  return app;
}

/** Any error as the AppError it answers with; the unexpected ones are logged (kind and route only). */
function appErrorOf(err: Error, c: Context): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    // Hono's own 400s: malformed JSON, a wrong Content-Type.
    const code = /json/i.test(err.message) ? 'invalid_json' : 'bad_request';
    return new AppError(err.status as 400, code, err.message || 'Bad request', 'body');
  }
  if (isDatabaseUnavailable(err)) {
    // One line, no query text or parameters (they may hold a reporter's contact).
    console.error(`citydesk: ${c.req.method} ${c.req.path}: database unavailable (${describeDatabaseError(err)})`);
    return new DatabaseUnavailable();
  }
  // The error's kind and where, never the values a failed query carried (api/errorLog.ts).
  console.error(`citydesk: ${c.req.method} ${c.req.path}: ${describeError(err)}`);
  return new AppError(500, 'internal', 'Internal error / Lỗi hệ thống');
}

export type AppType = ReturnType<typeof createApp>;
