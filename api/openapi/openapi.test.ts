import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileErrors, validate as validateOpenApi } from '@readme/openapi-parser';
import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../app';
import { staffOnly } from '../auth/routeScope';
import { AppError, errorBody, ValidationError } from '../errors';
import { newReportBody } from '../schemas';
import { type TestApp, startTestApp } from '../testing';
import { validate } from '../validate';
import { open311ErrorList } from '../open311/errors';
import { errorBodySchema, open311ErrorsSchema } from './components';
import { describeRoute } from './describe';
import { OUTSIDE_CONTRACT, outsideContract } from './scope';
import { pathTemplate } from './paths';
import { buildSpec, documentedRoutes, jsonSchemaOf } from './spec';
import { TAGS } from './tags';

type Spec = { paths: Record<string, Record<string, { summary?: string } & Record<string, unknown>>> };

const INFO = { title: 't', version: '0', description: 'd' };

/**
 * The app's real routes (method + Hono path) that the contract must hold, each with what is wrong
 * with it: missing, or without a summary. Middleware (`app.use`) is registered under ALL.
 */
function problems(routes: readonly RouterRoute[], spec: Spec): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    if (r.method === 'ALL' || outsideContract(r.path) || seen.has(key)) continue;
    seen.add(key);
    const op = spec.paths[pathTemplate(r.path).path]?.[r.method.toLowerCase()];
    if (!op) out.push(`${key}: not in the contract`);
    else if (!op.summary?.trim()) out.push(`${key}: no summary (describeRoute in its chain)`);
  }
  return out;
}

describe('the OpenAPI contract', () => {
  let t: TestApp;
  let app: Hono;
  let spec: Spec;
  let dashboardDir: string;
  beforeAll(async () => {
    t = await startTestApp('pglite', { overlays: false });
    // With a dashboard too, so that its routes are enumerated and must be among the exclusions.
    dashboardDir = mkdtempSync(join(tmpdir(), 'citydesk-openapi-'));
    writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>t</title>');
    app = createApp(t.runtime, { dashboardDir }) as unknown as Hono;
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    spec = await res.json();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('describes every route of the app, each with a summary', () => {
    expect(problems(app.routes, spec)).toEqual([]);
  });

  it('says what each path parameter names', () => {
    const bare = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        ((op.parameters ?? []) as Array<{ in: string; name: string; description?: string }>)
          .filter((p) => p.in === 'path' && !p.description)
          .map((p) => `${method.toUpperCase()} ${path}: {${p.name}} (describeRoute params)`),
      ),
    );
    expect(bare).toEqual([]);
  });

  it('files every operation under a tag the reference page describes', () => {
    const listed = new Set(TAGS.map((t) => t.name));
    const used = Object.values(spec.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags as string[]));
    expect([...new Set(used)].filter((t) => !listed.has(t as never))).toEqual([]);
  });

  it('gives each route a path of its own', () => {
    const keys = documentedRoutes(app.routes).map((r) => `${r.method} ${pathTemplate(r.path).path}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('leaves out only the routes listed with a reason, and every listed one exists', () => {
    const outside = [
      ...new Set(app.routes.filter((r) => r.method !== 'ALL' && outsideContract(r.path)).map((r) => r.path)),
    ];
    for (const x of OUTSIDE_CONTRACT) {
      expect(x.why.length).toBeGreaterThan(20);
      expect(
        outside.some((p) => x.path.test(p)),
        `${x.path} matches a route`,
      ).toBe(true);
    }
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validateOpenApi(structuredClone(spec) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.specification).toBe('OpenAPI');
  });

  it('fails a route without a description, and one the contract lacks', () => {
    const broken = new Hono()
      .get('/api/described', describeRoute({ summary: 'Described' }), (c) => c.text('ok'))
      .get('/api/bare', (c) => c.text('ok'));
    const built = buildSpec(broken.routes, INFO) as Spec;
    expect(problems(broken.routes, built)).toEqual(['GET /api/bare: no summary (describeRoute in its chain)']);
    const { '/api/bare': _, ...fewer } = built.paths;
    expect(problems(broken.routes, { paths: fewer })).toEqual(['GET /api/bare: not in the contract']);
  });

  it('takes request schemas from the validators and who may call from staffOnly', () => {
    const bodySchema = z.object({ n: z.number().int().max(5) }).strict();
    const mini = new Hono().post(
      '/api/things/:id',
      describeRoute({
        summary: 'Change a thing',
        params: { id: 'The thing' },
        responses: { 201: 'Changed', 404: 'No such thing' },
      }),
      staffOnly('admin'),
      validate('query', z.object({ dry: z.enum(['0', '1']).optional(), limit: z.coerce.number().default(3) })),
      validate('json', bodySchema),
      (c) => c.text('ok'),
    );
    const op = (buildSpec(mini.routes, INFO) as Spec).paths['/api/things/{id}'].post;
    expect(op.parameters).toEqual([
      { name: 'id', in: 'path', required: true, description: 'The thing', schema: { type: 'string' } },
      { name: 'dry', in: 'query', required: false, schema: { type: 'string', enum: ['0', '1'] } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'number', default: 3 } },
    ]);
    expect(op.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(bodySchema, 'input') } },
    });
    expect(op.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(op['x-staff-roles']).toEqual(['admin']);
    expect(Object.keys(op.responses as object).sort()).toEqual(['201', '400', '401', '403', '404']);
    expect((op.responses as Record<string, unknown>)['404']).toEqual({
      description: 'No such thing',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
  });

  it('holds the real validators: POST /api/reports takes newReportBody, GET /api/reports is staff only', () => {
    const post = spec.paths['/api/reports'].post;
    expect(post.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(newReportBody, 'input') } },
    });
    expect(post.security).toEqual([]);
    const list = spec.paths['/api/reports'].get;
    expect(list.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
    expect(spec.paths['/api/stream'].get.parameters).toContainEqual(
      expect.objectContaining({ name: 'Last-Event-ID', in: 'header', required: false }),
    );
    expect(list.parameters).toContainEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    });
  });

  it("answers errors under /open311/v2 in the standard's shape, and describes that shape", () => {
    const e = new ValidationError('lat: must be a number', 'lat');
    expect(open311ErrorsSchema.parse(open311ErrorList(e).body)).toEqual(open311ErrorList(e).body);
    const post = spec.paths['/open311/v2/requests.{format}'].post as { responses: Record<string, unknown> };
    expect(post.responses['400']).toEqual({ $ref: '#/components/responses/Open311BadRequest' });
    const notFound = spec.paths['/open311/v2/requests/{doc}.{format}'].get as {
      responses: Record<string, { content: Record<string, { schema: unknown }> }>;
    };
    expect(notFound.responses['404'].content['application/xml'].schema).toEqual({
      $ref: '#/components/schemas/Open311Errors',
    });
  });

  it.each([
    new ValidationError('title: too short', 'title'),
    new AppError(404, 'not_found', 'Report x not found / Không tìm thấy'),
  ])('describes the error shape errorBody makes (%s)', (e) => {
    expect(errorBodySchema.parse(errorBody(e))).toEqual(errorBody(e));
  });
});

describe('the reference page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { overlays: false });
  });
  afterAll(() => t.close());

  it('serves the page, its own files from node_modules, and nothing else of the package', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/<script>(?!<\/script>)|https?:\/\//);
    for (const [file, type] of [
      ['swagger-ui-bundle.js', /javascript/],
      ['swagger-ui.css', /text\/css/],
      ['init.js', /javascript/],
    ] as const) {
      const res = await t.app.request(`/api/docs/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    for (const file of [
      'index.html',
      'package.json',
      'swagger-initializer.js',
      '..%2Fpackage.json',
      'hasOwnProperty',
    ]) {
      expect((await t.app.request(`/api/docs/${file}`)).status, file).toBeGreaterThanOrEqual(400);
    }
  });
});
