import { Hono } from 'hono';
import type { AlertSummary } from '../../core/alerts';
import { alertSummary } from '../../db/queries/alerts';
import { decideEdit, decideWithdraw, fieldsToPublish, mayActOn, storedPlace, visibleTo } from '../alerts/decide';
import type { PlaceContext } from '../alerts/place';
import {
  editAlertBody,
  listAlertsQuery,
  listNewsQuery,
  publishAlertBody,
  publishNewsBody,
  withdrawAlertBody,
} from '../alerts/schemas';
import type { AppEnv } from '../auth/middleware';
import { checkAreaFilter, staffOnly, staffScope } from '../auth/routeScope';
import { actorOf, type StaffViewer } from '../auth/viewer';
import type { AppDeps } from '../context';
import { AppError, NotFound } from '../errors';
import { parseId } from '../schemas';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

/** Alert and news ids are `serial` (int4): a larger id names nothing. */
const MAX_SERIAL_ID = 2_147_483_647;

/** Who publishes: the operations centre anywhere, a chief in its own area (api/alerts/decide.ts). */
const PUBLISHERS = ['admin', 'operator', 'chief'] as const;
/** News is the city's voice: the operations centre only. */
const NEWS_PUBLISHERS = ['admin', 'operator'] as const;

/**
 * Staff routes of alerts and news: publish, edit, withdraw, list, and an alert's history (who
 * published, edited and withdrew it). A chief lists and opens the alerts touching its area and
 * acts only on those that lie inside it; each answer says whether the viewer may act on the alert
 * (`editable`). The public reads them at /api/public/alerts and /api/public/news.
 */
export function alertRoutes(deps: AppDeps) {
  const { pack } = deps;
  const ctx: PlaceContext = { pack, districts: deps.intake.districts, communes: deps.intake.communes };
  const { alerts, news } = deps.store;

  const withEditable = (a: AlertSummary, viewer: StaffViewer) => ({
    ...a,
    editable: a.status === 'active' && viewer.role !== 'agency' && mayActOn(viewer, storedPlace(a), ctx),
  });

  const idOf = (text: string, what: string): number => {
    const id = parseId(text);
    if (id === null || id > MAX_SERIAL_ID) throw new NotFound(`${what} ${text}`);
    return id;
  };

  return new Hono<AppEnv>()
    .get(
      '/alerts',
      describeRoute({
        summary: 'Alerts',
        tags: ['alerts'],
        description:
          'Newest first, or only those in force now (`active=1`). A chief lists those touching its area; `editable` says whether the viewer may change each.',
        responses: { 200: 'The alerts' },
      }),
      staffOnly(),
      validate('query', listAlertsQuery),
      async (c) => {
        const q = c.req.valid('query');
        const { viewer, scope } = staffScope(c, pack);
        checkAreaFilter(scope, q.area, pack);
        const areaCodes = q.area ? [q.area] : scope.areaCodes;
        const { asOfEventId, value } = await alerts.list({
          inForceAt: q.active === '1' ? deps.now() : undefined,
          areaCodes,
          limit: q.limit,
        });
        return c.json({ asOfEventId, items: value.map((a) => withEditable(a, viewer)) });
      },
    )
    .post(
      '/alerts',
      describeRoute({
        summary: 'Publish an alert',
        tags: ['alerts'],
        description: 'Over an area or a GeoJSON polygon; a chief only inside its own area.',
        responses: { 201: 'The alert, with `eventId`' },
      }),
      staffOnly(...PUBLISHERS),
      validate('json', publishAlertBody),
      async (c) => {
        const viewer = staffScope(c, pack, ...PUBLISHERS).viewer;
        const now = deps.now();
        const fields = fieldsToPublish(c.req.valid('json'), viewer, ctx, now);
        const { alert, eventId } = await alerts.publish(fields, actorOf(viewer), now);
        return c.json({ ...withEditable(alert, viewer), eventId }, 201);
      },
    )
    .get(
      '/alerts/:id',
      describeRoute({
        summary: 'One alert, with its history',
        tags: ['alerts'],
        params: { id: 'The alert id' },
        responses: {
          200: 'The alert and who published, edited and withdrew it',
          404: 'No such alert, or not one the viewer sees',
        },
      }),
      staffOnly(),
      async (c) => {
        const { viewer } = staffScope(c, pack);
        const id = idOf(c.req.param('id'), 'Alert');
        const row = await alerts.get(id);
        // A chief opens the alerts touching its area, as it lists them; the rest do not exist for it.
        if (!row || !visibleTo(viewer, row, ctx)) throw new NotFound(`Alert ${id}`);
        const history = await alerts.history(id);
        return c.json({
          alert: withEditable(alertSummary(row), viewer),
          history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
        });
      },
    )
    .patch(
      '/alerts/:id',
      describeRoute({
        summary: 'Edit an alert',
        tags: ['alerts'],
        params: { id: 'The alert id' },
        responses: {
          200: 'The alert, with `eventId`',
          404: 'No such alert, or not one the viewer sees',
          409: 'The alert has ended',
        },
      }),
      staffOnly(...PUBLISHERS),
      validate('json', editAlertBody),
      async (c) => {
        const viewer = staffScope(c, pack, ...PUBLISHERS).viewer;
        const id = idOf(c.req.param('id'), 'Alert');
        const body = c.req.valid('json');
        const now = deps.now();
        const done = await alerts.change(
          id,
          (current) => decideEdit(current, body, viewer, ctx, now),
          actorOf(viewer),
          now,
        );
        if (!done) throw new NotFound(`Alert ${id}`);
        return c.json({ ...withEditable(done.alert, viewer), eventId: done.eventId });
      },
    )
    .post(
      '/alerts/:id/withdraw',
      describeRoute({
        summary: 'Withdraw an alert',
        tags: ['alerts'],
        params: { id: 'The alert id' },
        responses: {
          200: 'The alert, with `eventId`',
          404: 'No such alert, or not one the viewer sees',
          409: 'The alert has ended',
        },
      }),
      staffOnly(...PUBLISHERS),
      validate('json', withdrawAlertBody),
      async (c) => {
        const viewer = staffScope(c, pack, ...PUBLISHERS).viewer;
        const id = idOf(c.req.param('id'), 'Alert');
        const { reason } = c.req.valid('json');
        const now = deps.now();
        const done = await alerts.change(
          id,
          (current) => decideWithdraw(current, reason, viewer, ctx),
          actorOf(viewer),
          now,
        );
        if (!done) throw new NotFound(`Alert ${id}`);
        return c.json({ ...withEditable(done.alert, viewer), eventId: done.eventId });
      },
    )
    .get(
      '/news',
      describeRoute({
        summary: 'News, published and withdrawn',
        tags: ['news'],
        responses: { 200: 'The news items, newest first' },
      }),
      staffOnly(),
      validate('query', listNewsQuery),
      async (c) => {
        const { limit } = c.req.valid('query');
        const { asOfEventId, value } = await news.list({ publishedOnly: false, limit });
        return c.json({ asOfEventId, items: value });
      },
    )
    .post(
      '/news',
      describeRoute({
        summary: 'Publish news',
        tags: ['news'],
        description: "The city's voice: the operations centre only.",
        responses: { 201: 'The item, with `eventId`' },
      }),
      staffOnly(...NEWS_PUBLISHERS),
      validate('json', publishNewsBody),
      async (c) => {
        const viewer = staffScope(c, pack, ...NEWS_PUBLISHERS).viewer;
        const { news: item, eventId } = await news.publish(c.req.valid('json'), actorOf(viewer), deps.now());
        return c.json({ ...item, eventId }, 201);
      },
    )
    .post(
      '/news/:id/withdraw',
      describeRoute({
        summary: 'Withdraw a news item',
        tags: ['news'],
        params: { id: 'The news item id' },
        responses: { 200: 'The item, with `eventId`', 404: 'No such news item', 409: 'Withdrawn already' },
      }),
      staffOnly(...NEWS_PUBLISHERS),
      async (c) => {
        const viewer = staffScope(c, pack, ...NEWS_PUBLISHERS).viewer;
        const id = idOf(c.req.param('id'), 'News item');
        const done = await news.withdraw(id, actorOf(viewer), deps.now());
        if (!done) throw new NotFound(`News item ${id}`);
        if (done.eventId === null)
          throw new AppError(409, 'news_withdrawn', `News item ${id} is withdrawn already / Tin đã được gỡ`);
        return c.json({ ...done.news, eventId: done.eventId });
      },
    );
}
