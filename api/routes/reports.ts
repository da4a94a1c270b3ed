import { Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import { checkAreaFilter, staffOnly, staffScope } from '../auth/routeScope';
import { newCitizenToken } from '../chat/citizenToken';
import { actorOf } from '../auth/viewer';
import type { AppDeps } from '../context';
import { buildNewReport } from '../domain/intake';
import { decideTransition } from '../domain/lifecycle';
import { NotFound, ValidationError } from '../errors';
import { boundedDate, listReportsQuery, newReportBody, parseId, transitionBody } from '../schemas';
import { validate } from '../validate';
import { areaNames, historyView, reportView } from '../views';
import { describeRoute } from '../openapi/describe';

const PUBLIC_ID = /^[A-Z]{2,4}-\d{4}-\d{6,}$/;

function encodeCursor(c: { createdAt: Date; id: number }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
}

function decodeCursor(s: string): { createdAt: Date; id: number } {
  const [at, idText, ...rest] = Buffer.from(s, 'base64url').toString().split('|');
  // Bounded as every date and id a request names (api/schemas.ts): a forged one is a 400, not a 500.
  const createdAt = at === undefined ? null : boundedDate(at);
  const id = parseId(idText);
  if (!createdAt || id === null || rest.length)
    throw new ValidationError('cursor: not a cursor this API issued', 'cursor');
  return { createdAt, id };
}

/**
 * Filing is open to anyone (citizens have no accounts; the city's app files for them). Reading and
 * moving reports is for staff, each inside its scope (api/auth/viewer.ts scopeOf): a report
 * outside it answers 404, as one that does not exist, so ids say nothing about other areas.
 * Contact data goes only to a viewer whose scope holds the report, and each read is logged.
 */
export function reportRoutes(deps: AppDeps) {
  const { intake, batcher, pack } = deps;
  const { reports, events, audit } = deps.store;
  const names = areaNames(pack);

  async function resolveId(param: string): Promise<number> {
    const id = parseId(param);
    if (id !== null) return id;
    if (PUBLIC_ID.test(param)) {
      const id = await reports.idByPublicId(param);
      if (id !== null) return id;
    }
    throw new NotFound(`Report ${param}`);
  }

  return new Hono<AppEnv>()
    .post(
      '/',
      describeRoute({
        summary: 'File a report',
        tags: ['reports'],
        description:
          "Open to anyone: citizens have no accounts (the city's app files for them). The answer carries `citizenToken`, shown this once: the citizen's key (X-Citizen-Token) to the report's chat. Limited per client (staff are not counted).",
        responses: {
          201: 'The report as filed, with its public id and `citizenToken` (Location: its URL)',
          422: 'The location is outside the city',
          429: 'Too many filings from this client; Retry-After says when',
        },
      }),
      validate('json', newReportBody),
      async (c) => {
        const { token, hash } = newCitizenToken();
        const item = { ...buildNewReport(c.req.valid('json'), intake, deps.now(), 'web'), citizenTokenHash: hash };
        const row = await batcher.submit(item);
        // The token is shown this once: the citizen's key to the report's chat (api/chat/), stored as its hash.
        return c.json({ ...reportView(row, names), citizenToken: token }, 201, {
          Location: `/api/reports/${row.publicId}`,
        });
      },
    )
    .get(
      '/',
      describeRoute({
        summary: 'List reports',
        description:
          "Newest first, by status, category, area, bbox, H3 cell and window; `nextCursor` pages on. In the viewer's scope: the city's for operators and admins, a chief's area, an agency's reports. An `area` outside a chief's own is refused (403).",
        responses: { 200: 'A page of reports' },
      }),
      staffOnly(),
      validate('query', listReportsQuery),
      async (c) => {
        const { limit, cursor, ...filter } = c.req.valid('query');
        const { scope } = staffScope(c, pack);
        checkAreaFilter(scope, filter.area, pack);
        const page = await reports.list(filter, { limit, after: cursor ? decodeCursor(cursor) : undefined }, scope);
        return c.json({
          items: page.items.map((r) => reportView(r, names)),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        });
      },
    )
    .get(
      '/:id',
      describeRoute({
        summary: 'One report, with its history and reporter contact',
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description:
          "A report outside the viewer's scope answers 404, as one that does not exist. Each read of a contact is logged (Decree 13/2023/NĐ-CP); an erased contact shows as `reporterErasedAt`.",
        responses: { 200: 'The report', 404: "No such report in the viewer's scope" },
      }),
      staffOnly(),
      async (c) => {
        const { viewer, scope } = staffScope(c, pack);
        const id = await resolveId(c.req.param('id'));
        const row = await reports.get(id, scope);
        if (!row) throw new NotFound(`Report ${c.req.param('id')}`);
        const [contact, history] = await Promise.all([reports.contact(id), events.historyOfReport(id)]);
        // Logged before it leaves: no contact read goes unrecorded (Decree 13/2023/NĐ-CP).
        if (contact) {
          await audit.record({ action: 'contact.read', ...actorOf(viewer), reportId: id, at: deps.now() });
        }
        // An erased contact (retention, or the reporter's request) shows as erased, with when.
        const erasedAt = contact ? null : await deps.store.contacts.erasedAt(id);
        return c.json({
          ...reportView(row, names, contact),
          reporterErasedAt: erasedAt?.toISOString() ?? null,
          history: history.map(historyView),
        });
      },
    )
    .post(
      '/:id/transitions',
      describeRoute({
        summary: 'Move a report through its lifecycle',
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description:
          'received → accepted → in_progress → resolved → closed, with rejected, reopened and duplicate_of, as the transition table (core/lifecycle.ts) allows; the SLA deadline follows.',
        responses: {
          200: 'The report after the move, with `eventId`',
          404: "No such report in the viewer's scope",
          409: "The action is not allowed from the report's status",
        },
      }),
      staffOnly(),
      validate('json', transitionBody),
      async (c) => {
        const { viewer, scope } = staffScope(c, pack);
        const id = await resolveId(c.req.param('id'));
        const body = c.req.valid('json');
        // One outside the scope is as unknown as one that does not exist.
        if (body.duplicateOf !== undefined && !(await reports.get(body.duplicateOf, scope))) {
          throw new ValidationError(`duplicateOf: report ${body.duplicateOf} does not exist`, 'duplicateOf');
        }
        const result = await reports.applyTransition(
          id,
          (current) => decideTransition(current, { ...body, at: deps.now() }, deps.sla),
          { actor: actorOf(viewer), scope },
        );
        if (!result) throw new NotFound(`Report ${c.req.param('id')}`);
        return c.json({ ...reportView(result.report, names), eventId: result.eventId });
      },
    );
}
