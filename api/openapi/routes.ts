import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import type { AppDeps } from '../context';
import { NotFound } from '../errors';
import { describeRoute } from './describe';
import { buildSpec } from './spec';

const require = createRequire(import.meta.url);
const VERSION: string = require('../../package.json').version;
/** Swagger UI, served from node_modules: the page works with no internet and under our CSP (no CDN, no inline script). */
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
/** The page's files: nothing else of the package is reachable. */
const DOCS_FILES: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
/** The package's files change only with its version; the page itself is re-read every time. */
const DOCS_FILE_CACHE_SECONDS = 86_400;

/** Our own script (the CSP allows no inline one): Swagger UI on this API's contract, with no call out to validator.swagger.io. */
const INIT_JS = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  docExpansion: 'list',
  tryItOutEnabled: false,
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>citydesk API — tài liệu / reference</title>
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<noscript>The reference needs JavaScript; the contract itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

/**
 * GET /api/openapi.json, the contract built from the app's own routes (api/openapi/spec.ts), and
 * GET /api/docs, a page to browse it. `routesOf` is read at the first request, when every route
 * (this module's too) is in place; the routes never change after, so the document is built once.
 */
export function openApiRoutes(routesOf: () => readonly RouterRoute[], deps: Pick<AppDeps, 'pack'>) {
  let spec: object | undefined;
  const info = {
    title: 'citydesk API',
    version: VERSION,
    description: `The realtime operations desk for citizen reports of ${deps.pack.nameEn} (${deps.pack.nameVi}). Every refusal answers \`{"error":{code,message,field}}\` (components.schemas.Error; Open311's in its own shape). Staff credentials — the session cookie or a bearer token — are read on every /api route, and a bad one is a 401 anywhere; the routes that need them say so, with the roles.`,
  };
  return new Hono()
    .get(
      '/openapi.json',
      describeRoute({
        summary: 'This API as an OpenAPI 3.1 document',
        description: 'Built from the schemas that validate the requests, so it cannot drift from them.',
        tags: ['reference'],
        responses: { 200: 'The OpenAPI 3.1 document' },
      }),
      (c) => {
        spec ??= buildSpec(routesOf(), info);
        return c.json(spec);
      },
    )
    .get(
      '/docs',
      describeRoute({
        summary: 'A page to browse this API (Swagger UI)',
        tags: ['reference'],
        responses: { 200: { description: 'An HTML page', contentType: 'text/html' } },
      }),
      (c) => {
        c.header('Cache-Control', 'no-cache');
        return c.html(PAGE);
      },
    )
    .get('/docs/:file', async (c) => {
      const file = c.req.param('file');
      c.header('Cache-Control', `public, max-age=${DOCS_FILE_CACHE_SECONDS}`);
      if (file === 'init.js') return c.body(INIT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      const type = Object.hasOwn(DOCS_FILES, file) ? DOCS_FILES[file] : undefined;
      if (!type) throw new NotFound(`File ${file}`);
      return c.body(await readFile(join(SWAGGER_DIR, file)), 200, { 'Content-Type': type });
    });
}
