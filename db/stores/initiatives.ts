import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Connection } from '../connect';
import {
  type InitiativeActor,
  type InitiativeContactRow,
  type InitiativePublicIdFor,
  type InitiativeRow,
  type MoveDecision,
  type NewInitiative,
  type PublishDecision,
  type SupportOutcome,
  initiativeContact,
  moveInitiative,
  publishInitiative,
  submitInitiative,
  supportInitiative,
} from '../queries/initiatives';
import {
  type InitiativeAnswerRow,
  type InitiativeFilter,
  type InitiativeKpis,
  type InitiativePage,
  answersOf,
  getInitiative,
  initiativeByToken,
  initiativeIdByPublicId,
  initiativeKpis,
  listInitiatives,
} from '../queries/initiativeReads';
import type { AreaScope } from '../queries/filters';
import {
  eraseExpiredInitiativeContacts,
  eraseInitiativeContact,
  initiativeContactErasedAt,
} from '../queries/initiativeContactErasure';
import { type AsOf, readSnapshot } from '../queries/snapshot';
import { meta } from '../schema';

export type {
  InitiativeActor,
  InitiativeContactRow,
  InitiativeRow,
  MoveDecision,
  NewInitiative,
  PublishDecision,
  SupportOutcome,
} from '../queries/initiatives';
export type { InitiativeAnswerRow, InitiativeFilter, InitiativeKpis, InitiativePage } from '../queries/initiativeReads';

/** The meta key of the supporter-identity HMAC key when no CITIZEN_ID_SECRET is configured. */
const IDENTITY_KEY_META = 'initiative_identity_key';

/**
 * Initiatives (api/initiatives/): every change in one transaction with its event; lists and KPIs
 * with the last event they reflect, so a client applies the stream from exactly there.
 */
export interface InitiativeStore {
  submit(item: NewInitiative): Promise<{ row: InitiativeRow; eventId: number }>;
  /** Null when there is no such initiative; `check` throws to refuse. */
  support(
    id: number,
    identityHash: string,
    at: Date,
    check: (row: InitiativeRow) => void,
  ): Promise<SupportOutcome | null>;
  /** Null when there is no such initiative in `scope`; `decide` throws to refuse. */
  move(
    id: number,
    decide: (row: InitiativeRow) => MoveDecision,
    actor: InitiativeActor | null,
    scope?: AreaScope,
  ): Promise<{ row: InitiativeRow; eventId: number } | null>;
  publish(
    id: number,
    decide: (row: InitiativeRow, contact: InitiativeContactRow | null) => PublishDecision,
    actor: InitiativeActor | null,
  ): Promise<{ row: InitiativeRow; eventId: number } | null>;
  list(
    filter: InitiativeFilter,
    page: InitiativePage,
    scope?: AreaScope,
  ): Promise<
    AsOf<{
      items: InitiativeRow[];
      next: { createdAt: Date; id: number } | null;
      answers: Map<number, InitiativeAnswerRow[]>;
    }>
  >;
  get(id: number, scope?: AreaScope): Promise<InitiativeRow | null>;
  idByPublicId(publicId: string): Promise<number | null>;
  byToken(publicId: string, tokenHash: string): Promise<InitiativeRow | null>;
  answers(id: number): Promise<InitiativeAnswerRow[]>;
  contact(id: number): Promise<InitiativeContactRow | null>;
  /** Submitter contacts of initiatives ended before `endedBefore`, erased and logged; the ids (db/queries/initiativeContactErasure.ts). */
  eraseExpiredContacts(endedBefore: Date, at: Date, retentionDays: number): Promise<number[]>;
  /** One initiative's submitter contact, erased and logged; false if there was none. */
  eraseContact(id: number, at: Date, by: string): Promise<boolean>;
  contactErasedAt(id: number): Promise<Date | null>;
  kpis(w: { since: Date; until: Date }, area: string | undefined, scope?: AreaScope): Promise<AsOf<InitiativeKpis>>;
  /**
   * The key supporter identities are hashed with when the server has none configured: 32 random
   * bytes made once per database (the first process to ask writes it; every other reads the same).
   */
  identityKey(): Promise<string>;
}

export function createInitiativeStore(conn: Connection, publicIdFor: InitiativePublicIdFor): InitiativeStore {
  const { db } = conn;
  return {
    submit: (item) => submitInitiative(conn, item, publicIdFor),
    support: (id, hash, at, check) => supportInitiative(conn, id, hash, at, check),
    move: (id, decide, actor, scope) => moveInitiative(conn, id, decide, actor, scope),
    publish: (id, decide, actor) => publishInitiative(conn, id, decide, actor),
    list: (filter, page, scope) =>
      readSnapshot(db, async (tx) => {
        const { items, next } = await listInitiatives(tx, filter, page, scope);
        return {
          items,
          next,
          answers: await answersOf(
            tx,
            items.map((i) => i.id),
          ),
        };
      }),
    get: (id, scope) => getInitiative(db, id, scope),
    idByPublicId: (publicId) => initiativeIdByPublicId(db, publicId),
    byToken: (publicId, hash) => initiativeByToken(db, publicId, hash),
    answers: async (id) => (await answersOf(db, [id])).get(id) ?? [],
    contact: (id) => initiativeContact(db, id),
    eraseExpiredContacts: (before, at, days) => eraseExpiredInitiativeContacts(db, before, at, days),
    eraseContact: (id, at, by) => eraseInitiativeContact(db, id, at, by),
    contactErasedAt: (id) => initiativeContactErasedAt(db, id),
    kpis: (w, area, scope) => readSnapshot(db, (tx) => initiativeKpis(tx, w, area, scope)),
    async identityKey() {
      await db
        .insert(meta)
        .values({ key: IDENTITY_KEY_META, value: sql`to_jsonb(${randomBytes(32).toString('hex')}::text)` })
        .onConflictDoNothing();
      const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, IDENTITY_KEY_META));
      return String(row!.value);
    },
  };
}
