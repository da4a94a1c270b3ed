import type { RouterRoute } from 'hono/types';
import { COMPOSED_HANDLER } from 'hono/utils/constants';
import { z } from 'zod';
import { isOpen311Path } from '../open311/errors';
import { errorBodySchema, open311ErrorsSchema, SECURITY_SCHEMES, STAFF_SECURITY } from './components';
import { docOf, type OperationDoc, type RequestTarget, type ResponseDoc, type RouteDoc } from './describe';
import { pathTemplate } from './paths';
import { outsideContract } from './scope';
import { TAGS } from './tags';

type Json = Record<string, unknown>;
type JsonSchema = Json & { properties?: Record<string, Json>; required?: string[] };

export type SpecInfo = { title: string; version: string; description: string };

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const OPEN311_ERRORS_REF = { $ref: '#/components/schemas/Open311Errors' };
/** Open311 answers in the format its path names: an error too. */
const OPEN311_TYPES = ['application/json', 'application/xml'];
/** Formats that say all a pattern would: zod writes both, the reference page needs one. */
const SELF_DESCRIBING = new Set(['date-time', 'date', 'email', 'uri']);
const PARAM_IN: Partial<Record<RequestTarget, string>> = {
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};
const BODY_TYPE: Partial<Record<RequestTarget, string>> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what a request sends, or what a response holds. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return tidy(json) as JsonSchema;
}

function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = tidy(v);
  if (typeof out.format === 'string' && SELF_DESCRIBING.has(out.format)) delete out.pattern;
  return out;
}

/** The routes the contract covers: method + path, with the docs of every handler in the chain. */
export function documentedRoutes(routes: readonly RouterRoute[]) {
  const byKey = new Map<string, { method: string; path: string; docs: RouteDoc[] }>();
  for (const r of routes) {
    // `app.use(...)` middleware is registered under ALL; a route is always one method.
    if (r.method === 'ALL' || outsideContract(r.path)) continue;
    const key = `${r.method} ${r.path}`;
    const group = byKey.get(key) ?? { method: r.method, path: r.path, docs: [] };
    // A sub-app with its own error handler wraps each handler; the doc stays on the original.
    const handler = (r.handler as { [COMPOSED_HANDLER]?: unknown })[COMPOSED_HANDLER] ?? r.handler;
    const doc = docOf(handler);
    if (doc) group.docs.push(doc);
    byKey.set(key, group);
  }
  return [...byKey.values()];
}

function response(status: number, doc: ResponseDoc, open311: boolean): Json {
  const d = typeof doc === 'string' ? { description: doc } : doc;
  if (!d.schema && status >= 400 && open311) {
    return {
      description: d.description,
      content: Object.fromEntries(OPEN311_TYPES.map((t) => [t, { schema: OPEN311_ERRORS_REF }])),
    };
  }
  const schema = d.schema ? jsonSchemaOf(d.schema, 'output') : status >= 400 ? ERROR_REF : undefined;
  return {
    description: d.description,
    ...(schema ? { content: { [d.contentType ?? 'application/json']: { schema } } } : {}),
  };
}

function operationOf(method: string, path: string, docs: RouteDoc[]): Json {
  const op: OperationDoc | undefined = docs.find((d) => d.operation)?.operation;
  const requests = docs.flatMap((d) => d.requests ?? []);
  const staff = docs.find((d) => d.staff)?.staff;
  const citizen = docs.some((d) => d.citizenToken);

  const template = pathTemplate(path);
  const parameters: Json[] = [];
  const validatedPath = new Set<string>();
  let requestBody: Json | undefined;
  for (const { target, schema } of requests) {
    const json = jsonSchemaOf(schema, 'input');
    const where = PARAM_IN[target];
    if (where) {
      for (const [name, prop] of Object.entries(json.properties ?? {})) {
        if (where === 'path') validatedPath.add(name);
        const { description, ...rest } = prop;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(description ? { description } : {}),
          schema: rest,
        });
      }
    } else if (BODY_TYPE[target]) {
      requestBody = { required: true, content: { [BODY_TYPE[target]]: { schema: json } } };
    }
  }
  const unvalidated = template.params.filter((p) => !validatedPath.has(p.name));
  parameters.unshift(
    ...unvalidated.map(({ name, schema, description: said }) => {
      const description = op?.params?.[name] ?? said;
      return { name, in: 'path', required: true, ...(description ? { description } : {}), schema };
    }),
  );

  for (const [name, description] of Object.entries(op?.headers ?? {})) {
    parameters.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }

  const responses: Json = {};
  const open311 = isOpen311Path(path);
  for (const [status, doc] of Object.entries(op?.responses ?? {}))
    responses[status] = response(Number(status), doc, open311);
  if (!Object.keys(responses).some((s) => s.startsWith('2'))) responses['200'] = { description: 'OK' };
  if (requests.length)
    responses['400'] ??= { $ref: `#/components/responses/${open311 ? 'Open311BadRequest' : 'BadRequest'}` };
  if (staff || citizen) responses['401'] ??= { $ref: '#/components/responses/Unauthenticated' };
  if (staff) responses['403'] ??= { $ref: '#/components/responses/Forbidden' };

  // Open routes list none: staff credentials are read on every /api route all the same (info.description).
  const security = op?.security ?? (staff ? STAFF_SECURITY : citizen ? [{ citizenToken: [] }, ...STAFF_SECURITY] : []);
  const who = staff
    ? `Staff only${staff.length ? ` (${staff.join(', ')})` : ''}.`
    : citizen
      ? 'The citizen with the token of what it names, or staff whose scope holds it.'
      : undefined;

  return {
    operationId: `${method.toLowerCase()}${template.path
      .replace(/[{}]/g, '')
      .replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    ...(op?.summary ? { summary: op.summary } : {}),
    ...(op?.description || who ? { description: [who, op?.description].filter(Boolean).join('\n\n') } : {}),
    tags: op?.tags ?? [defaultTag(path)],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    security,
    ...(staff ? { 'x-staff-roles': staff.length ? [...staff] : 'any' } : {}),
  };
}

/** `/api/reports/...` → `reports`, `/open311/v2/...` → `open311`, `/healthz` → `operations`. */
function defaultTag(path: string): string {
  const [first, second] = path.split('/').filter(Boolean);
  if (first === 'api') return second && !second.startsWith(':') ? second : 'api';
  if (first === 'open311') return 'open311';
  return 'operations';
}

/** The OpenAPI 3.1 document of the app's routes, built from what their middlewares record. */
export function buildSpec(routes: readonly RouterRoute[], info: SpecInfo): Json {
  const paths: Record<string, Json> = {};
  for (const { method, path, docs } of documentedRoutes(routes)) {
    const key = pathTemplate(path).path;
    paths[key] = { ...paths[key], [method.toLowerCase()]: operationOf(method, path, docs) };
  }
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_REF } } });
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    tags: TAGS,
    paths,
    components: {
      schemas: {
        Error: jsonSchemaOf(errorBodySchema, 'output'),
        Open311Errors: {
          ...jsonSchemaOf(open311ErrorsSchema, 'output'),
          xml: { name: 'errors' },
          items: { ...jsonSchemaOf(open311ErrorsSchema.element, 'output'), xml: { name: 'error' } },
        },
      },
      responses: {
        BadRequest: error('The request does not match its schema; `field` names the first field at fault'),
        Open311BadRequest: {
          description: 'The request does not match its schema; the description names the field',
          content: Object.fromEntries(OPEN311_TYPES.map((t) => [t, { schema: OPEN311_ERRORS_REF }])),
        },
        Unauthenticated: error('Sign in first: no staff credentials, or they are invalid or expired'),
        Forbidden: error("Not allowed for the viewer's role, or outside its area"),
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
