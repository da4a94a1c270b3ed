import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Role } from '../../core/roles';

/**
 * What the OpenAPI contract (api/openapi/spec.ts) learns of a route, from the middlewares in its
 * chain: `describeRoute` says what it is for; `validate` (api/validate.ts) records the schema it
 * checks, `staffOnly` (api/auth/routeScope.ts) the roles it admits, `citizenOrStaff` that a
 * citizen token opens it. Nothing about a parameter or a body is written twice.
 */
export type ResponseDoc = string | { description: string; schema?: z.ZodType; contentType?: string };

export type OperationDoc = {
  /** One line, shown in the route list. Required: api/openapi/openapi.test.ts fails a route without one. */
  summary: string;
  description?: string;
  /** The reference page groups operations by their first tag. */
  tags?: string[];
  /** By status: what the answer means (and its body's schema where a zod schema of it exists). */
  responses?: Record<number, ResponseDoc>;
  /** Path parameters the route reads by hand (c.req.param), by name: what each names. */
  params?: Record<string, string>;
  /** Request headers the route reads by hand (c.req.header), by name: what each says. */
  headers?: Record<string, string>;
  /** Who may call, when the middlewares do not say it (e.g. /metrics); OpenAPI security requirements. */
  security?: Array<Record<string, string[]>>;
};

export type RequestTarget = 'query' | 'json' | 'form' | 'param' | 'header' | 'cookie';

export type RouteDoc = {
  operation?: OperationDoc;
  requests?: Array<{ target: RequestTarget; schema: z.ZodType }>;
  /** Staff only, with these roles (empty: any staff role). */
  staff?: readonly Role[];
  /** A citizen token (X-Citizen-Token) opens the route as well as staff credentials do. */
  citizenToken?: boolean;
};

/** Where a middleware carries its part of the route's doc. */
export const ROUTE_DOC = Symbol.for('citydesk.routeDoc');

type Documented = { [ROUTE_DOC]?: RouteDoc };

/** The same middleware, carrying `doc` for the contract. */
export function withDoc<M extends MiddlewareHandler>(middleware: M, doc: RouteDoc): M {
  (middleware as M & Documented)[ROUTE_DOC] = doc;
  return middleware;
}

export function docOf(handler: unknown): RouteDoc | undefined {
  return (handler as Documented | null)?.[ROUTE_DOC];
}

/**
 * First in a route's chain: `.get('/x', describeRoute({ summary: 'What it is' }), staffOnly(), validate(…), handler)`.
 * It does nothing per request.
 */
export function describeRoute(operation: OperationDoc): MiddlewareHandler {
  return withDoc((_c, next) => next(), { operation });
}
