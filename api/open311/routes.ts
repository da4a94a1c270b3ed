import { type Context, Hono } from 'hono';
import { cityClock } from '../../core/cityClock';
import type { Category } from '../../core/cityPack';
import type { ReportStatus } from '../../core/statuses';
import { type AppEnv, viewerMiddleware, viewerOf } from '../auth/middleware';
import { scopeOf } from '../auth/viewer';
import type { AppDeps } from '../context';
import { buildNewReport } from '../domain/intake';
import { NO_EDGE_LIMITS } from '../edge/settings';
import { RateLimited, TokenBuckets } from '../edge/rateLimit';
import { ValidationError } from '../errors';
import { DATE_MAX, DATE_MIN } from '../schemas';
import { publicCutoff } from '../stream/publicCounts';
import { describeRoute, withDoc } from '../openapi/describe';
import { validate } from '../validate';
import { areaNames } from '../views';
import { InvalidApiKey, UnknownOpen311Path } from './errors';
import { type Format, type Node, renderBody, splitFormat } from './formats';
import { findApiKey } from './keys';
import { langOf } from './locale';
import { parseForm, readForm, toReportBody } from './post';
import { extendedAttributes, type Reader, type RequestContext, requestView, updateView } from './requests';
import {
  MAX_SPAN_DAYS,
  postRequestForm,
  REQUEST_ID,
  requestQuery,
  requestsQuery,
  servicesQuery,
  updatesQuery,
} from './schemas';
import { categoryOf, serviceDefinition, servicesOf } from './services';

const DAY_MS = 86_400_000;
const MAX_SPAN_MS = MAX_SPAN_DAYS * DAY_MS;
/** When this API's description last changed (discovery's changeset). */
export const OPEN311_CHANGESET = '2026-12-05T00:00:00Z';
export const GEOREPORT_V2_SPEC = 'http://wiki.open311.org/GeoReport_v2';

/** The contract's words for an answer: JSON or XML by the path's extension. */
const ANSWER = (description: string) => ({ description, contentType: 'application/json' });
const OPEN311_ERROR = (description: string) => ({
  description: `${description}: [{code, description}] (errors/error in XML)`,
  contentType: 'application/json',
});

/** `/:doc{services\.(?:json|xml)}`: a document of the API in either format. */
const doc = (name: string) => `/:doc{${name}\\.(?:json|xml)}`;

function formatOf(c: Context): Format {
  return splitFormat(c.req.param('doc') ?? '')!.format;
}

function send(c: Context, root: string, body: Node, status: 200 | 201 = 200): Response {
  const { text, contentType } = renderBody(formatOf(c), root, body);
  return c.body(text, status, { 'content-type': contentType });
}

/** A listing's window: [start, end), by default the 90 days up to now; a longer span is refused. */
function windowOf(q: { start_date?: Date; end_date?: Date }, now: Date): { since: Date; until: Date } {
  // Up to and including now: a request filed this millisecond is listed.
  const until = q.end_date ?? new Date(now.getTime() + 1);
  const since = q.start_date ?? new Date(until.getTime() - MAX_SPAN_MS);
  if (since >= until) throw new ValidationError('end_date: must be after start_date', 'end_date');
  if (until.getTime() - since.getTime() > MAX_SPAN_MS)
    throw new ValidationError(
      `start_date: the span may be at most ${MAX_SPAN_DAYS} days / Khoảng thời gian tối đa ${MAX_SPAN_DAYS} ngày`,
      'start_date',
      'span_too_long',
    );
  return { since, until };
}

/**
 * GeoReport v2 at /open311/v2 (README, Open311). Reading is open to anyone, and what a reader
 * gets is decided by the viewer the auth middleware makes of its credentials: the public its
 * delayed, coarse view, staff its scope in detail (api/open311/requests.ts). Filing needs an
 * api_key, checked here and limited per key at the filing rate; it goes through the same intake
 * and batcher as the web form, with source `open311`.
 */
export function open311Routes(deps: AppDeps) {
  const { pack, store } = deps;
  const clock = cityClock(pack.timezone);
  const names = areaNames(pack);
  const categories = new Map<string, Category>(pack.categories.map((c) => [c.code, c]));
  const filingRate = (deps.edge ?? NO_EDGE_LIMITS).filingRate;
  const perKey = filingRate ? new TokenBuckets(filingRate) : null;
  const viewer = viewerMiddleware(deps.auth);

  /** Who reads: staff in its scope, or the public up to the public delay's cutoff. */
  function readerOf(c: Context<AppEnv>, locale?: string) {
    const v = viewerOf(c);
    const lang = langOf(c, pack, locale);
    const reader: Reader = v.kind === 'staff' ? 'staff' : 'public';
    const scope = v.kind === 'staff' ? scopeOf(v, pack) : undefined;
    const cutoff = reader === 'public' ? publicCutoff(deps.now(), deps.privacy.settings.publicDelayMin) : null;
    const ctx: RequestContext = { reader, lang, clock, categories, names };
    return { ctx, scope, cutoff };
  }

  async function findVisible(c: Context<AppEnv>, publicId: string, locale?: string) {
    const { ctx, scope, cutoff } = readerOf(c, locale);
    const id = REQUEST_ID.test(publicId) ? await store.reports.idByPublicId(publicId) : null;
    const row = id === null ? null : await store.reports.get(id, scope);
    // Outside the scope, or too fresh for the public: as unknown as one that does not exist.
    if (!row || (cutoff && row.createdAt >= cutoff)) throw new UnknownOpen311Path(`request ${publicId}`);
    return { row, ctx };
  }

  async function views(
    rows: Awaited<ReturnType<typeof store.reports.get>>[],
    ctx: RequestContext,
    extensions?: boolean,
  ) {
    const list = rows.filter((r) => r !== null);
    const ids = list.map((r) => r.id);
    if (ctx.reader === 'staff') ctx.notes = await store.open311.latestNotes(ids);
    const histories = extensions ? await store.open311.historiesOf(ids) : null;
    return list.map((r) => ({
      ...requestView(r, ctx),
      ...(histories ? { extended_attributes: extendedAttributes(r, histories.get(r.id) ?? [], ctx) } : {}),
    }));
  }

  return (
    new Hono<AppEnv>()
      // Reads only: filing is authorised by its api_key, never by a cookie or token (so no CSRF check applies).
      .use('*', (c, next) => (c.req.method === 'POST' ? next() : viewer(c, next)))
      .get(
        doc('discovery'),
        describeRoute({
          summary: 'Open311 discovery: this endpoint, its formats and the specification',
          responses: { 200: ANSWER('The discovery document') },
        }),
        validate('query', servicesQuery),
        (c) => {
          const url = `${new URL(c.req.url).origin}/open311/v2`;
          return send(c, 'discovery', {
            changeset: OPEN311_CHANGESET,
            contact: `Trung tâm điều hành ${pack.shortNameVi} / ${pack.shortNameEn} operations centre`,
            key_service: 'API keys are issued by the city operations centre (npm run apikey -- add NAME)',
            endpoints: [
              {
                specification: GEOREPORT_V2_SPEC,
                url,
                changeset: OPEN311_CHANGESET,
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          });
        },
      )
      .get(
        doc('services'),
        describeRoute({
          summary: 'Open311 services: one per category of the city pack, grouped by report group',
          description: 'Names in `locale` (vi, en) or the first Accept-Language the pack has, else its first language.',
          responses: { 200: ANSWER('The services') },
        }),
        validate('query', servicesQuery),
        (c) => {
          const lang = langOf(c, pack, c.req.valid('query').locale);
          return send(c, 'services', servicesOf(pack, lang));
        },
      )
      .get(
        '/services/:doc{[^/]+\\.(?:json|xml)}',
        describeRoute({
          summary: "Open311 service definition: the attributes a service's requests take",
          params: { doc: 'service_code' },
          responses: { 200: ANSWER('The service definition'), 404: OPEN311_ERROR('No such service') },
        }),
        validate('query', servicesQuery),
        (c) => {
          const lang = langOf(c, pack, c.req.valid('query').locale);
          const code = splitFormat(c.req.param('doc'))!.base;
          const category = categoryOf(pack, code);
          return send(c, 'service_definition', serviceDefinition(category, lang));
        },
      )
      .post(
        doc('requests'),
        describeRoute({
          summary: 'Open311 POST requests: file a report with an api_key',
          description:
            'Form-encoded. lat+long or address_string (a place of the city pack), `attribute[code]` per the service definition, ' +
            'email/first_name/last_name/phone as the reporter contact (never shown on any GET), description ≤ 4,000 characters. ' +
            'Limited per key at the filing rate.',
          responses: {
            201: ANSWER('The new request: its service_request_id'),
            403: OPEN311_ERROR('api_key missing, unknown or revoked'),
            404: OPEN311_ERROR('No such service'),
            429: OPEN311_ERROR('Over the filing rate of this key'),
          },
          security: [{}],
        }),
        withDoc((_c, next) => next(), { requests: [{ target: 'form', schema: postRequestForm }] }),
        async (c) => {
          const form = await readForm(c);
          // The key first: without one, nothing else is looked at (the standard's 403).
          const key = typeof form.api_key === 'string' ? await findApiKey(store, form.api_key) : null;
          if (!key) throw new InvalidApiKey();
          if (perKey) {
            const wait = perKey.take(`key:${key.id}`);
            if (wait > 0) throw new RateLimited(wait);
          }
          const parsed = parseForm(form);
          if (parsed.jurisdiction_id !== undefined && parsed.jurisdiction_id !== pack.code)
            throw new ValidationError(`jurisdiction_id: this server serves "${pack.code}"`, 'jurisdiction_id');
          const category = categoryOf(pack, parsed.service_code);
          const { body, severity } = toReportBody(parsed, category, pack, deps.poi);
          const at = deps.now();
          const row = await deps.batcher.submit(buildNewReport(body, deps.intake, at, 'open311', severity));
          await store.apiKeys.touch(key.id, at);
          const notice =
            `${pack.sla.acceptWithinHours} working hours to accept / ` +
            `${pack.sla.acceptWithinHours} giờ làm việc để tiếp nhận`;
          return send(
            c,
            'service_requests',
            [{ service_request_id: row.publicId, service_notice: notice, account_id: null }],
            201,
          );
        },
      )
      .get(
        doc('requests'),
        describeRoute({
          summary: 'Open311 GET requests: reports by ids, service, status and date (≤ 90 days, ≤ 1,000 a page)',
          description:
            'Anonymous: reports older than the public delay, at the centre of their resolution-8 cell, no unpublished text. ' +
            "Staff (bearer token or session): the viewer's scope in detail. No reporter contact either way.",
          responses: { 200: ANSWER('The requests, newest first') },
        }),
        validate('query', requestsQuery),
        async (c) => {
          const q = c.req.valid('query');
          const { ctx, scope, cutoff } = readerOf(c, q.locale);
          // The standard: a list of ids overrides every other argument.
          const span = q.service_request_id ? { since: DATE_MIN, until: DATE_MAX } : windowOf(q, deps.now());
          const until = cutoff && cutoff < span.until ? cutoff : span.until;
          const open = q.status && q.status.length === 1 ? q.status[0] === 'open' : undefined;
          const rows =
            span.since >= until
              ? []
              : await store.open311.listRequests(
                  {
                    publicIds: q.service_request_id,
                    categories: q.service_request_id ? undefined : q.service_code,
                    open: q.service_request_id ? undefined : open,
                    since: span.since,
                    until,
                  },
                  { limit: q.page_size, offset: (q.page - 1) * q.page_size },
                  scope,
                );
          return send(c, 'service_requests', await views(rows, ctx, q.extensions));
        },
      )
      .get(
        '/requests/:doc{[^/]+\\.(?:json|xml)}',
        describeRoute({
          summary: 'Open311 GET one request (as GET requests shows it to this reader)',
          params: { doc: 'service_request_id' },
          responses: {
            200: ANSWER('A list of the one request'),
            404: OPEN311_ERROR('No such request for this reader'),
          },
        }),
        validate('query', requestQuery),
        async (c) => {
          const q = c.req.valid('query');
          const { row, ctx } = await findVisible(c, splitFormat(c.req.param('doc'))!.base, q.locale);
          return send(c, 'service_requests', await views([row], ctx, q.extensions));
        },
      )
      .get(
        '/tokens/:doc{[^/]+\\.(?:json|xml)}',
        describeRoute({
          summary: "Open311 token → service_request_id (our ids are given at once: the token is the request's id)",
          params: { doc: 'token' },
          responses: { 200: ANSWER('The id the token names'), 404: OPEN311_ERROR('No such request for this reader') },
        }),
        validate('query', servicesQuery),
        async (c) => {
          // Our ids are given at once: a token is the request's id, readable as the request is.
          const token = splitFormat(c.req.param('doc'))!.base;
          const { row } = await findVisible(c, token, c.req.valid('query').locale);
          return send(c, 'service_requests', [{ service_request_id: row.publicId, token }]);
        },
      )
      .get(
        doc('servicerequestupdates'),
        describeRoute({
          summary: 'Open311 service request updates: status changes by date (≤ 90 days)',
          responses: { 200: ANSWER('The status changes, oldest first') },
        }),
        validate('query', updatesQuery),
        async (c) => {
          const q = c.req.valid('query');
          const { ctx, scope, cutoff } = readerOf(c, q.locale);
          const span = windowOf(q, deps.now());
          const until = cutoff && cutoff < span.until ? cutoff : span.until;
          const rows =
            span.since >= until
              ? []
              : await store.open311.statusUpdates(
                  { since: span.since, until, filedBefore: cutoff ?? undefined },
                  { limit: q.page_size, offset: (q.page - 1) * q.page_size },
                  scope,
                );
          return send(
            c,
            'service_request_updates',
            rows.map(({ event, report }) => {
              const p = event.payload as { to: ReportStatus; note?: string };
              return { update_id: String(event.id), ...updateView(event.at, p.to, p.note, report, ctx) };
            }),
          );
        },
      )
      .all('*', (c) => {
        throw new UnknownOpen311Path(c.req.path);
      })
  );
}
