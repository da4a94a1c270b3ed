import { Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import type { AppDeps } from '../context';
import { NotFound } from '../errors';
import { validate } from '../validate';
import { areaNames } from '../views';
import { decodeCursor, encodeCursor } from './cursor';
import { PUBLIC_ID } from './routes';
import { listInitiativesQuery } from './schemas';
import { publicInitiativeView } from './views';
import { describeRoute } from '../openapi/describe';

/**
 * GET /api/public/initiatives — published initiatives for anyone (CORS-open like every public path):
 * the scrubbed title and text an operator published, the place, the supports and the city's answers.
 * Not delayed as the report counts are: what is here was cleared for publication by a person, names
 * an idea rather than a reporter, and a support count says nothing of who supported. Unpublished
 * ones do not exist here (404), whatever the caller.
 */
export function publicInitiativeRoutes(deps: AppDeps) {
  const store = deps.store.initiatives;
  const names = areaNames(deps.pack);
  return new Hono<AppEnv>()
    .get(
      '/',
      describeRoute({
        summary: 'Published initiatives',
        tags: ['public'],
        description:
          "Public and CORS-open: the published title and text, the place, the supports and the city's answers. `nextCursor` pages on.",
        responses: { 200: 'A page of initiatives' },
      }),
      validate('query', listInitiativesQuery),
      async (c) => {
        const { limit, cursor, ...filter } = c.req.valid('query');
        const { asOfEventId, value } = await store.list(
          { ...filter, publishedOnly: true },
          { limit, after: cursor ? decodeCursor(cursor) : undefined },
        );
        return c.json({
          asOfEventId,
          items: value.items.map((r) => publicInitiativeView(r, names, value.answers.get(r.id) ?? [])),
          nextCursor: value.next ? encodeCursor(value.next) : null,
        });
      },
    )
    .get(
      '/:publicId',
      describeRoute({
        summary: 'One published initiative',
        tags: ['public'],
        params: { publicId: 'The public id (HN-SK-2026-000042)' },
        responses: { 200: 'The initiative', 404: 'No such published initiative' },
      }),
      async (c) => {
        const param = c.req.param('publicId');
        // Only what can be a public id reaches the database: a NUL in a path (%00) is text Postgres
        // refuses, which made a 500 (found by api/fuzz.test.ts).
        const id = PUBLIC_ID.test(param) ? await store.idByPublicId(param) : null;
        const row = id === null ? null : await store.get(id);
        if (!row || row.publishedAt === null) throw new NotFound(`Initiative ${param}`);
        return c.json(publicInitiativeView(row, names, await store.answers(row.id)));
      },
    );
}
