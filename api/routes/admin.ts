import { Hono } from 'hono';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../core/audit';
import { EVENT_TYPES } from '../../core/events';
import type { TrailCursor } from '../../db/stores/auditTrail';
import type { AppEnv } from '../auth/middleware';
import { staffOnly } from '../auth/routeScope';
import type { AppDeps } from '../context';
import { ValidationError } from '../errors';
import { boundedDate, isoDate, parseId } from '../schemas';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

const PUBLIC_ID = /^[A-Z]{2,4}-\d{4}-\d{6,}$/;

export const auditQuery = z
  .object({
    /** A user's sign-in name or id. */
    user: z.string().trim().min(1).max(100).optional(),
    /** A report's id or public id. */
    report: z
      .string()
      .regex(/^(\d{1,15}|[A-Z]{2,4}-\d{4}-\d{6,12})$/, 'must be a report id or public id')
      .optional(),
    /** A state change (an event type) or an audit action (`contact.read` …). */
    action: z.enum([...EVENT_TYPES, ...AUDIT_ACTIONS]).optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  })
  .strict();

function encodeCursor(c: TrailCursor): string {
  return Buffer.from(`${c.at}|${c.source}|${c.id}`).toString('base64url');
}

function decodeCursor(s: string): TrailCursor {
  const [at, source, idText] = Buffer.from(s, 'base64url').toString().split('|');
  // Dates and ids bounded as every other a request names (api/schemas.ts).
  const id = parseId(idText);
  const ok =
    at !== undefined &&
    boundedDate(at) !== null &&
    // Postgres's own text form of a timestamptz, as the trail issued it.
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/.test(at) &&
    (source === 'event' || source === 'audit') &&
    id !== null;
  if (!ok) throw new ValidationError('cursor: not a cursor this API issued', 'cursor');
  return { at: at!, source: source as TrailCursor['source'], id };
}

/**
 * GET /api/admin/audit: who changed or read what, newest first, for the administrator only.
 * State changes come from the event log (every staff move records its actor), reads and erasures
 * of contact data, sign-ins and account changes from audit_log.
 */
export function adminRoutes(deps: AppDeps) {
  const { users, reports, auditTrail } = deps.store;
  return new Hono<AppEnv>().get(
    '/audit',
    describeRoute({
      summary: 'The audit trail',
      tags: ['admin'],
      description:
        'Who changed or read what, newest first: state changes from the event log, reads and erasures of contact data, sign-ins and account changes. `nextCursor` pages on.',
      responses: { 200: 'A page of entries' },
    }),
    staffOnly('admin'),
    validate('query', auditQuery),
    async (c) => {
      const q = c.req.valid('query');
      if (q.since && q.until && q.since >= q.until) throw new ValidationError('since: must be before until', 'since');
      const userId = q.user === undefined ? undefined : await userIdOf(q.user);
      const reportId = q.report === undefined ? undefined : await reportIdOf(q.report);
      // An unknown user or report has no entries: an empty page, not an error.
      const page =
        userId === null || reportId === null
          ? { items: [], next: null }
          : await auditTrail.list(
              { userId, reportId, action: q.action, since: q.since, until: q.until },
              { limit: q.limit, after: q.cursor ? decodeCursor(q.cursor) : undefined },
            );
      return c.json({
        items: page.items.map((e) => ({
          source: e.source,
          id: e.id,
          at: e.at.toISOString(),
          user: e.userId === null ? null : { id: e.userId, name: e.userName },
          role: e.role,
          action: e.action,
          report: e.reportId === null ? null : { id: e.reportId, publicId: e.publicId },
          detail: e.detail,
        })),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      });
    },
  );

  async function userIdOf(user: string): Promise<number | null> {
    if (/^\d{1,9}$/.test(user)) return Number(user);
    return (await users.byName(user))?.id ?? null;
  }

  async function reportIdOf(report: string): Promise<number | null> {
    if (PUBLIC_ID.test(report)) return reports.idByPublicId(report);
    return Number(report);
  }
}
