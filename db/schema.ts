import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { CATEGORY_GROUPS } from '../core/cityPack';
import { REPORT_STATUSES } from '../core/statuses';
import { ROLES } from '../core/roles';
import { TRANSITION_EVENT_TYPES } from '../core/events';
import type { OverlayLegend } from '../core/overlayLayers';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const areas = pgTable(
  'areas',
  {
    code: text('code').primaryKey(),
    level: text('level', { enum: ['district', 'commune'] }).notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    parentCode: text('parent_code'),
    population: integer('population'),
    areaKm2: real('area_km2'),
    // GeoJSON, not PostGIS: the embedded PGlite has no PostGIS and geo/ does the spatial work.
    geometry: jsonb('geometry').notNull(),
  },
  (t) => [index('areas_level_idx').on(t.level)],
);

export const categories = pgTable('categories', {
  code: text('code').primaryKey(),
  // Report groups only: initiatives are their own entity (db/tables/initiatives.ts) since the initiatives migration.
  group: text('group', { enum: CATEGORY_GROUPS }).notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  agencyCode: text('agency_code').notNull(),
  agencyVi: text('agency_vi').notNull(),
  agencyEn: text('agency_en').notNull(),
  severity: text('severity', { enum: ['normal', 'urgent', 'complex'] }).notNull(),
});

export const reports = pgTable(
  'reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    publicId: text('public_id').notNull().unique(),
    category: text('category')
      .notNull()
      .references(() => categories.code),
    severity: text('severity', { enum: ['normal', 'urgent', 'complex'] }).notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    h3r6: text('h3r6').notNull(),
    h3r7: text('h3r7').notNull(),
    h3r8: text('h3r8').notNull(),
    h3r9: text('h3r9').notNull(),
    h3r10: text('h3r10').notNull(),
    districtCode: text('district_code'),
    communeCode: text('commune_code'),
    agencyCode: text('agency_code').notNull(),
    media: jsonb('media').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: tstz('created_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    // Start of the current resolve clock: acceptance, or the latest reopen (the clock restarts).
    clockStartedAt: tstz('clock_started_at'),
    dueAt: tstz('due_at'),
    // When the current deadline was announced as missed (report.overdue); cleared by every move.
    overdueAt: tstz('overdue_at'),
    // While the agency waits on the citizen (details asked for): the clock stands still, due_at is null.
    pausedAt: tstz('paused_at'),
    // Working hours of the current clock spent paused (closed pauses); reset when the clock restarts.
    pausedHours: real('paused_hours').notNull().default(0),
    resolvedAt: tstz('resolved_at'),
    // Whether the latest resolution met the deadline it ran against; null until resolved.
    resolvedOnTime: boolean('resolved_on_time'),
    // Working hours from filing to the first acceptance and to the latest resolution, written by the
    // transition: the calendar lives in the API, and KPI percentiles must not walk it per row.
    acceptWorkingHours: real('accept_working_hours'),
    resolveWorkingHours: real('resolve_working_hours'),
    closedAt: tstz('closed_at'),
    // When the report left the open backlog (resolved, rejected or duplicate); cleared on reopen.
    endedAt: tstz('ended_at'),
    updatedAt: tstz('updated_at').notNull(),
    reopenedCount: integer('reopened_count').notNull().default(0),
    rating: smallint('rating'),
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
    source: text('source', { enum: ['web', 'open311', 'import', 'simulator'] }).notNull(),
    // Free text reaches the public only after a moderator clears it.
    publishable: boolean('publishable').notNull().default(false),
    // An imported report's dataset (the mapping's name, e.g. nyc311) and its id there: the unique
    // pair makes re-importing a file add nothing (scripts/import/). Null for reports filed here.
    importSource: text('import_source'),
    sourceId: text('source_id'),
  },
  (t) => [
    index('reports_created_at_idx').on(t.createdAt),
    index('reports_status_idx').on(t.status),
    index('reports_district_idx').on(t.districtCode, t.createdAt),
    index('reports_commune_idx').on(t.communeCode, t.createdAt),
    index('reports_category_idx').on(t.category),
    index('reports_due_at_idx').on(t.dueAt),
    uniqueIndex('reports_import_source_id_idx').on(t.importSource, t.sourceId),
  ],
);

/** Reporter contact data, apart so that no public query can join it by accident. */
export const reportContacts = pgTable('report_contacts', {
  reportId: bigint('report_id', { mode: 'number' })
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  name: text('name'),
  phone: text('phone'),
  email: text('email'),
});

/**
 * `type in ('report.accepted', …)`: the lifecycle moves, as literals so that the planner matches
 * the partial index below to a query that says the same (Open311's servicerequestupdates feed).
 */
export const TRANSITION_TYPE_SQL = sql.raw(`type in (${TRANSITION_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`);

/** Outbox, audit trail and stream log in one; the id is the SSE id. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull(),
    type: text('type').notNull(),
    reportId: bigint('report_id', { mode: 'number' }),
    districtCode: text('district_code'),
    communeCode: text('commune_code'),
    payload: jsonb('payload').notNull(),
    // Who caused it (a signed-in user); null for the public filing and the system's own moves.
    actorUserId: integer('actor_user_id'),
    actorRole: text('actor_role', { enum: ROLES }),
  },
  (t) => [
    index('events_report_idx').on(t.reportId),
    // The admin's audit view reads only the events staff caused, newest first, by user or not:
    // partial, so the public's filings and the system's own moves (most of the log) cost nothing.
    index('events_actor_at_idx').on(t.at).where(sql`${t.actorUserId} is not null`),
    index('events_actor_user_idx').on(t.actorUserId, t.at).where(sql`${t.actorUserId} is not null`),
    // Status changes by time (Open311's updates feed): partial, so filings and the rest cost nothing.
    index('events_transition_at_idx').on(t.at).where(TRANSITION_TYPE_SQL),
  ],
);

// A text column without a check constraint: a new kind needs no migration.
export const LAYER_KINDS = ['planning', 'environment', 'traffic', 'transit', 'amenity'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** An overlay: where its data came from, under which licence, and whether it is real. */
export const layers = pgTable('layers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  kind: text('kind', { enum: LAYER_KINDS }).notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  source: text('source').notNull(),
  licence: text('licence').notNull(),
  simulated: boolean('simulated').notNull().default(false),
  // When the data describes the world (ISO date or YYYY-MM), for legends; null for live layers,
  // whose date is their latest reading.
  dataDate: text('data_date'),
  // What a legend needs beyond the name: metric units, class names (vi/en) and colours.
  legend: jsonb('legend').$type<OverlayLegend>().notNull().default(sql`'{}'::jsonb`),
  // Hash of the features last loaded, so a restart with an unchanged pack rewrites nothing.
  contentHash: text('content_hash'),
  // Kept by each write of readings, so listing layers never scans the readings table.
  latestReadingAt: tstz('latest_reading_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

export const layerFeatures = pgTable(
  'layer_features',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    layerId: integer('layer_id')
      .notNull()
      .references(() => layers.id, { onDelete: 'cascade' }),
    // Stable identity within the layer (an OSM id, a station id, an H3 cell), so reloads upsert.
    key: text('key').notNull(),
    properties: jsonb('properties').notNull(),
    geometry: jsonb('geometry').notNull(),
    // Features that appear and clear (traffic incidents); null = always there.
    validFrom: tstz('valid_from'),
    validUntil: tstz('valid_until'),
  },
  (t) => [uniqueIndex('layer_features_layer_key_idx').on(t.layerId, t.key)],
);

export const readings = pgTable(
  'readings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    featureId: bigint('feature_id', { mode: 'number' })
      .notNull()
      .references(() => layerFeatures.id, { onDelete: 'cascade' }),
    at: tstz('at').notNull(),
    metric: text('metric').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    // One value per feature, metric and instant: a re-run backfill adds nothing twice.
    uniqueIndex('readings_feature_metric_at_idx').on(t.featureId, t.metric, t.at),
    // Pruning deletes by age across all features.
    index('readings_at_idx').on(t.at),
  ],
);

/**
 * Areas currently flagged as backlog hotspots, shared by every API process: a process announces
 * a flag (hotspot.flagged / hotspot.cleared) only when its change to this table is one, inside the
 * same transaction, so several processes never announce the same change twice.
 */
export const hotspotFlags = pgTable('hotspot_flags', {
  code: text('code').primaryKey(),
  level: text('level', { enum: ['district', 'commune'] }).notNull(),
  // Why (which test, which cells) and the trend of its hottest cell; see api/analytics/areaFlags.ts.
  reasons: jsonb('reasons').notNull(),
  trend: jsonb('trend'),
  flaggedAt: tstz('flagged_at').notNull(),
  updatedAt: tstz('updated_at').notNull(),
});

/** Small key/value facts about this database, e.g. which city pack it holds. */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/**
 * Staff accounts (core/roles.ts). A chief has one area, an agency one agency code of the pack's
 * categories (not a key: categories hold it per row); the checks keep both to their role.
 */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    displayName: text('display_name'),
    role: text('role', { enum: ROLES }).notNull(),
    areaCode: text('area_code').references(() => areas.code),
    agencyCode: text('agency_code'),
    // api/auth/password.ts's self-describing scrypt string; null = a token-only account (API client).
    passwordHash: text('password_hash'),
    disabledAt: tstz('disabled_at'),
    createdAt: tstz('created_at').notNull(),
    passwordChangedAt: tstz('password_changed_at'),
    lastSignInAt: tstz('last_sign_in_at'),
  },
  (t) => [
    check('users_chief_area', sql`(${t.role} = 'chief') = (${t.areaCode} is not null)`),
    check('users_agency_code', sql`(${t.role} = 'agency') = (${t.agencyCode} is not null)`),
  ],
);

/** Browser sessions. The id is the SHA-256 of the cookie's secret: a copy of this table signs nobody in. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tstz('created_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    // Absolute end, whatever the activity; the idle end is last_seen_at + the idle limit.
    expiresAt: tstz('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Bearer tokens of API clients, stored as the SHA-256 of the token. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label'),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: tstz('created_at').notNull(),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Who did or read what: sign-ins, contact-data reads, erasures, account changes. Append-only;
 * user_id is null when nobody is known (a failed sign-in under an unknown name).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull(),
    userId: integer('user_id'),
    role: text('role', { enum: ROLES }),
    action: text('action').notNull(),
    reportId: bigint('report_id', { mode: 'number' }),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_user_idx').on(t.userId, t.at),
    index('audit_log_report_idx').on(t.reportId, t.at),
  ],
);

/**
 * Failed sign-ins per key ('account:NAME' or 'client:IP'), shared by every API process so that
 * the slowdown holds however requests are spread. A success clears the account's key.
 */
export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailedAt: tstz('last_failed_at').notNull(),
  // No attempt under this key is checked before then (429 with Retry-After).
  lockedUntil: tstz('locked_until'),
});
export * from './tables/reception';
export * from './tables/alerts';
export * from './tables/chat';
export * from './tables/initiatives';
export * from './tables/open311';
