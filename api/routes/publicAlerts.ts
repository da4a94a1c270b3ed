import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { listNewsQuery } from '../alerts/schemas';
import type { AppDeps } from '../context';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

/**
 * Short: alerts are meant to be seen at once. A page that keeps listening gets every change on
 * the stream; this only bounds how stale a cold fetch through a cache can be.
 */
const ALERT_CACHE_SECONDS = 10;
/** At most this many alerts in force at once are listed; a city has a handful. */
const PUBLIC_ALERTS_MAX = 200;

const alertsQuery = z.object({}).strict();

/**
 * GET /api/public/alerts (in force now) and GET /api/public/news (published, newest first): public
 * content, the same for every caller, not delayed (unlike the counts: nothing here is about a
 * report or a person), with the last event each reflects so a page applies the stream from there.
 */
export function publicAlertRoutes(deps: AppDeps) {
  const { alerts, news } = deps.store;
  return new Hono()
    .use('*', cors({ origin: '*', allowMethods: ['GET'] }))
    .use('*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', `public, max-age=${ALERT_CACHE_SECONDS}`);
    })
    .get(
      '/alerts',
      describeRoute({
        summary: 'Alerts in force now',
        tags: ['public'],
        description:
          'Public and CORS-open, the same for every caller, not delayed; cacheable for 10 s. `asOfEventId`: the stream resumes from there.',
        responses: { 200: 'The alerts' },
      }),
      validate('query', alertsQuery),
      async (c) => {
        const { asOfEventId, value } = await alerts.list({ inForceAt: deps.now(), limit: PUBLIC_ALERTS_MAX });
        return c.json({ asOfEventId, items: value });
      },
    )
    .get(
      '/news',
      describeRoute({
        summary: 'Published news',
        tags: ['public'],
        description: 'Public and CORS-open, newest first.',
        responses: { 200: 'The news items' },
      }),
      validate('query', listNewsQuery),
      async (c) => {
        const { limit } = c.req.valid('query');
        const { asOfEventId, value } = await news.list({ publishedOnly: true, limit });
        return c.json({ asOfEventId, items: value });
      },
    );
}
