import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATUSES, type AlertGeometry, NEWS_STATUSES } from '../../core/alerts';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Alerts the operations centre (or a chief, in its area) publishes (core/alerts.ts). Where: one
 * area of the pack or a drawn polygon, never both (the check). `area_codes` is every district and
 * commune it touches, worked out once at publication (api/alerts/place.ts), so that a chief's list
 * is a lookup, not a geometry test per request. Who published, edited and withdrew it is in the
 * event log (each event's actor), not copied here.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    bodyVi: text('body_vi').notNull(),
    bodyEn: text('body_en').notNull(),
    areaCode: text('area_code'),
    geometry: jsonb('geometry').$type<AlertGeometry>(),
    areaCodes: jsonb('area_codes').$type<string[]>().notNull(),
    startsAt: tstz('starts_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('active'),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
    // When it left `active` (withdrawn or expired); null while active.
    endedAt: tstz('ended_at'),
  },
  (t) => [
    check('alerts_place', sql`(${t.areaCode} is null) <> (${t.geometry} is null)`),
    check('alerts_window', sql`${t.expiresAt} > ${t.startsAt}`),
    check('alerts_ended', sql`(${t.status} = 'active') = (${t.endedAt} is null)`),
    // The sweeper's question: active alerts past their expiry.
    index('alerts_status_expires_idx').on(t.status, t.expiresAt),
  ],
);

/** News items (tin tức): text only, vi and en, listed on the public page until withdrawn. */
export const newsItems = pgTable(
  'news_items',
  {
    id: serial('id').primaryKey(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    bodyVi: text('body_vi').notNull(),
    bodyEn: text('body_en').notNull(),
    status: text('status', { enum: NEWS_STATUSES }).notNull().default('published'),
    publishedAt: tstz('published_at').notNull(),
    withdrawnAt: tstz('withdrawn_at'),
    // Who published it, for the staff list; the event log holds the same with the role.
    publishedBy: integer('published_by'),
  },
  (t) => [index('news_items_published_idx').on(t.status, t.publishedAt)],
);

/**
 * Which events are an alert's (its audit trail: published, edited, withdrawn, expired), written in
 * the event's own transaction, so an alert's history is an index lookup rather than a scan of
 * the whole log for a payload field.
 */
export const alertEvents = pgTable(
  'alert_events',
  {
    eventId: bigint('event_id', { mode: 'number' }).primaryKey(),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
  },
  (t) => [index('alert_events_alert_idx').on(t.alertId, t.eventId)],
);
