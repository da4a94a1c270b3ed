import { Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import { checkAreaFilter, staffOnly, staffScope } from '../auth/routeScope';
import { actorOf } from '../auth/viewer';
import { CITIZEN_TOKEN_HEADER, citizenTokenHashOf, newCitizenToken } from '../chat/citizenToken';
import type { AppDeps } from '../context';
import { NotFound } from '../errors';
import { parseId } from '../schemas';
import { validate } from '../validate';
import { areaNames } from '../views';
import { decodeCursor, encodeCursor } from './cursor';
import { AlreadySupported, checkSupportable, decideMove, decidePublish } from './decisions';
import { cachedIdentityKey, identityHash } from './identity';
import { buildNewInitiative } from './intake';
import { listInitiativesQuery, moveBody, newInitiativeBody, supportBody } from './schemas';
import { citizenInitiativeView, staffInitiativeView } from './views';
import { describeRoute } from '../openapi/describe';

/** Public ids: the city's prefix and SK (HN-SK-2026-000042), or a migrated report's (HN-2026-000123). */
export const PUBLIC_ID = /^[A-Z]{2,4}(-SK)?-\d{4}-\d{6,}$/;

/** Operators and admins act city-wide; a chief on the initiatives located in its area. Agencies have none. */
const HANDLERS = ['admin', 'operator', 'chief'] as const;

/** The public id or numeric id of a path, as the row id; 404 for neither. */
export function initiativeIdResolver(deps: AppDeps) {
  return async (param: string): Promise<number> => {
    const id = parseId(param);
    if (id !== null) return id;
    if (PUBLIC_ID.test(param)) {
      const found = await deps.store.initiatives.idByPublicId(param);
      if (found !== null) return found;
    }
    throw new NotFound(`Initiative ${param}`);
  };
}

/**
 * POST / — a citizen submits an idea (no account): 201 with its public id and a citizen token,
 * shown once. POST /:id/supports — anyone supports a published idea once per phone or e-mail.
 * GET /:id/citizen — the submitter reads their own with the token. The rest is staff's: the list
 * and detail within the viewer's scope, moves with a public answer (operators, and a chief in its
 * area), publishing (operators only: the public text is the city's responsibility).
 */
export function initiativeRoutes(deps: AppDeps) {
  const { pack } = deps;
  const store = deps.store.initiatives;
  const names = areaNames(pack);
  const resolveId = initiativeIdResolver(deps);
  const identityKey = cachedIdentityKey(store);

  return new Hono<AppEnv>()
    .post(
      '/',
      describeRoute({
        summary: 'Submit an initiative',
        tags: ['initiatives'],
        description:
          "A citizen's idea, no account needed, optionally at a point or in an area. The answer carries `citizenToken`, shown this once: the key to the submitter's own view. Limited per client (staff are not counted).",
        responses: {
          201: "The initiative with its public id and `citizenToken` (Location: the submitter's view)",
          422: 'The place is outside the city',
          429: 'Too many submissions from this client',
        },
      }),
      validate('json', newInitiativeBody),
      async (c) => {
        const { token, hash } = newCitizenToken();
        const item = buildNewInitiative(c.req.valid('json'), deps.intake, pack, deps.now(), 'web', hash);
        const { row, eventId } = await store.submit(item);
        return c.json({ ...citizenInitiativeView(row, names, []), citizenToken: token, eventId }, 201, {
          Location: `/api/initiatives/${row.publicId}/citizen`,
        });
      },
    )
    .post(
      '/:id/supports',
      describeRoute({
        summary: 'Support a published initiative',
        tags: ['initiatives'],
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description: 'Once per phone number or e-mail address (kept only as a keyed hash).',
        responses: {
          201: 'The support count now, with `eventId`',
          404: 'No such published initiative',
          409: 'This phone or e-mail supports it already',
          429: 'Too many supports from this client',
        },
      }),
      validate('json', supportBody),
      async (c) => {
        const id = await resolveId(c.req.param('id'));
        const body = c.req.valid('json');
        const hash = identityHash(
          body.phone !== undefined ? { phone: body.phone } : { email: body.email! },
          await identityKey(),
        );
        const outcome = await store.support(id, hash, deps.now(), checkSupportable(c.req.param('id')));
        if (!outcome) throw new NotFound(`Initiative ${c.req.param('id')}`);
        if (outcome.kind === 'duplicate') throw new AlreadySupported(body.phone !== undefined ? 'phone' : 'email');
        return c.json(
          { publicId: outcome.row.publicId, supportCount: outcome.row.supportCount, eventId: outcome.eventId },
          201,
        );
      },
    )
    .get(
      '/:id/citizen',
      describeRoute({
        summary: "The submitter's view of their initiative",
        tags: ['initiatives'],
        params: { id: 'The public id' },
        description:
          'With the token its submission returned (X-Citizen-Token); without the right one the initiative is as unknown as one that does not exist.',
        security: [{ citizenToken: [] }],
        responses: { 200: "The initiative and the city's answers", 404: 'No such initiative with this token' },
      }),
      async (c) => {
        const hash = citizenTokenHashOf(c);
        const param = c.req.param('id');
        // Without the right token the initiative is as unknown as one that does not exist.
        const row = hash && PUBLIC_ID.test(param) ? await store.byToken(param, hash) : null;
        if (!row) throw new NotFound(`Initiative ${param} (with the ${CITIZEN_TOKEN_HEADER} its filing returned)`);
        return c.json(citizenInitiativeView(row, names, await store.answers(row.id)));
      },
    )
    .get(
      '/',
      describeRoute({
        summary: 'List initiatives',
        tags: ['initiatives'],
        description:
          "By status, topic and area, newest first; `nextCursor` pages on. Operators and admins city-wide, a chief its area's.",
        responses: { 200: 'A page of initiatives' },
      }),
      staffOnly(...HANDLERS),
      validate('query', listInitiativesQuery),
      async (c) => {
        const { limit, cursor, ...filter } = c.req.valid('query');
        const { scope } = staffScope(c, pack, ...HANDLERS);
        checkAreaFilter(scope, filter.area, pack);
        const { asOfEventId, value } = await store.list(
          filter,
          { limit, after: cursor ? decodeCursor(cursor) : undefined },
          scope,
        );
        return c.json({
          asOfEventId,
          items: value.items.map((r) => staffInitiativeView(r, names, value.answers.get(r.id) ?? [])),
          nextCursor: value.next ? encodeCursor(value.next) : null,
        });
      },
    )
    .get(
      '/:id',
      describeRoute({
        summary: "One initiative, with its submitter's contact",
        tags: ['initiatives'],
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description: 'Each read of a contact is logged.',
        responses: { 200: 'The initiative', 404: "No such initiative in the viewer's scope" },
      }),
      staffOnly(...HANDLERS),
      async (c) => {
        const { viewer, scope } = staffScope(c, pack, ...HANDLERS);
        const id = await resolveId(c.req.param('id'));
        const row = await store.get(id, scope);
        if (!row) throw new NotFound(`Initiative ${c.req.param('id')}`);
        const [answers, contact] = await Promise.all([store.answers(id), store.contact(id)]);
        // Logged before it leaves, as a report's (Decree 13/2023/NĐ-CP).
        if (contact) {
          await deps.store.audit.record({
            action: 'initiative.contact.read',
            ...actorOf(viewer),
            detail: { initiativeId: id, publicId: row.publicId },
            at: deps.now(),
          });
        }
        return c.json(staffInitiativeView(row, names, answers, contact));
      },
    )
    .post(
      '/:id/moves',
      describeRoute({
        summary: 'Answer an initiative and move it',
        tags: ['initiatives'],
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description:
          'under_review, accepted, implemented or declined, with a public answer in Vietnamese (English optional), as core/initiatives.ts allows.',
        responses: {
          200: 'The initiative after the move, with `eventId`',
          404: "No such initiative in the viewer's scope",
          409: 'The move is not allowed from its status',
        },
      }),
      staffOnly(...HANDLERS),
      validate('json', moveBody),
      async (c) => {
        const { viewer, scope } = staffScope(c, pack, ...HANDLERS);
        const id = await resolveId(c.req.param('id'));
        const { to, answer } = c.req.valid('json');
        const result = await store.move(
          id,
          decideMove(to, { vi: answer.vi, en: answer.en ?? null }, deps.now()),
          actorOf(viewer),
          scope,
        );
        if (!result) throw new NotFound(`Initiative ${c.req.param('id')}`);
        return c.json({ ...staffInitiativeView(result.row, names, await store.answers(id)), eventId: result.eventId });
      },
    )
    .post(
      '/:id/publish',
      describeRoute({
        summary: 'Publish an initiative',
        tags: ['initiatives'],
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description: 'Its scrubbed title and text become public (/api/public/initiatives): the operations centre only.',
        responses: {
          200: 'The initiative, with `eventId`',
          404: 'No such initiative',
          409: 'Published already, or not publishable',
        },
      }),
      staffOnly('admin', 'operator'),
      async (c) => {
        const { viewer } = staffScope(c, pack, 'admin', 'operator');
        const id = await resolveId(c.req.param('id'));
        const result = await store.publish(id, decidePublish(deps.now()), actorOf(viewer));
        if (!result) throw new NotFound(`Initiative ${c.req.param('id')}`);
        return c.json({ ...staffInitiativeView(result.row, names, await store.answers(id)), eventId: result.eventId });
      },
    );
}
