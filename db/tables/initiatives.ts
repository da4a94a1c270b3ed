import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { INITIATIVE_STATUSES, INITIATIVE_TOPICS } from '../../core/initiatives';
import { ROLES } from '../../core/roles';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Where an initiative came from: the API, the demo's simulator, or a report of the old initiative category. */
export const INITIATIVE_SOURCES = ['web', 'simulator', 'migrated'] as const;

/**
 * A citizen's initiative (core/initiatives.ts). The citizen's title and text stay staff-only;
 * `public_title`/`public_text` are their scrubbed copies, written once when an operator publishes
 * (api/privacy/contactScrub.ts), so no public read ever scrubs or can forget to. The citizen's
 * token is kept as its SHA-256 only (null for migrated ones, which never had one). Located by a
 * point or by an area code alone; a commune given alone carries its parent district too.
 */
export const initiatives = pgTable(
  'initiatives',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    publicId: text('public_id').notNull().unique(),
    topic: text('topic', { enum: INITIATIVE_TOPICS }).notNull(),
    status: text('status', { enum: INITIATIVE_STATUSES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    publicTitle: text('public_title'),
    publicText: text('public_text'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    districtCode: text('district_code'),
    communeCode: text('commune_code'),
    // Kept by the statement that adds a support, so lists never count the supports table.
    supportCount: integer('support_count').notNull().default(0),
    citizenTokenHash: text('citizen_token_hash').unique(),
    source: text('source', { enum: INITIATIVE_SOURCES }).notNull(),
    // The report it was filed as before initiatives were their own entity (source 'migrated').
    formerReportId: bigint('former_report_id', { mode: 'number' }).unique(),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
    // The first move's instant: the KPIs' time to answer runs from created_at to here.
    firstAnsweredAt: tstz('first_answered_at'),
    // When it reached a final status (implemented or declined).
    endedAt: tstz('ended_at'),
    publishedAt: tstz('published_at'),
    publishedBy: integer('published_by'),
  },
  (t) => [
    index('initiatives_created_at_idx').on(t.createdAt),
    index('initiatives_status_idx').on(t.status),
    index('initiatives_district_idx').on(t.districtCode, t.createdAt),
    index('initiatives_commune_idx').on(t.communeCode, t.createdAt),
    index('initiatives_published_idx').on(t.publishedAt),
    check('initiatives_point', sql`(${t.lat} is null) = (${t.lng} is null)`),
    check('initiatives_published', sql`(${t.publishedAt} is null) = (${t.publicTitle} is null)`),
    check('initiatives_supports', sql`${t.supportCount} >= 0`),
  ],
);

/** The submitter's contact, apart (as report_contacts) so that no public query can join it by accident. */
export const initiativeContacts = pgTable('initiative_contacts', {
  initiativeId: bigint('initiative_id', { mode: 'number' })
    .primaryKey()
    .references(() => initiatives.id, { onDelete: 'cascade' }),
  name: text('name'),
  phone: text('phone'),
  email: text('email'),
});

/**
 * One row per citizen identity supporting an initiative: the identity is an HMAC of the normalised
 * phone or e-mail under the server's key (api/initiatives/identity.ts), never the number or address
 * itself. The primary key makes a second support by the same identity a conflict.
 */
export const initiativeSupports = pgTable(
  'initiative_supports',
  {
    initiativeId: bigint('initiative_id', { mode: 'number' })
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    identityHash: text('identity_hash').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.identityHash] })],
);

/** Each move with its public answer and who made it: the initiative's story as the public reads it. */
export const initiativeAnswers = pgTable(
  'initiative_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    initiativeId: bigint('initiative_id', { mode: 'number' })
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    at: tstz('at').notNull(),
    fromStatus: text('from_status', { enum: INITIATIVE_STATUSES }).notNull(),
    toStatus: text('to_status', { enum: INITIATIVE_STATUSES }).notNull(),
    answerVi: text('answer_vi').notNull(),
    answerEn: text('answer_en'),
    // Null for a migrated report's moves, whose actors were not kept per move.
    actorUserId: integer('actor_user_id'),
    actorRole: text('actor_role', { enum: ROLES }),
  },
  (t) => [index('initiative_answers_initiative_idx').on(t.initiativeId, t.at)],
);
