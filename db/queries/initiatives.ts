import type { InferInsertModel, InferSelectModel } from 'drizzle-orm';
import { eq, sql } from 'drizzle-orm';
import {
  type InitiativeAnswer,
  type InitiativeMoveTarget,
  type InitiativeStatus,
  type InitiativeSummary,
  isFinalInitiativeStatus,
} from '../../core/initiatives';
import type { Role } from '../../core/roles';
import type { Connection, Db } from '../connect';
import { rowsOf } from '../rows';
import { events, initiativeAnswers, initiativeContacts, initiativeSupports, initiatives } from '../schema';
import type { NewEvent } from '../types';
import { type AreaScope, and, scopeSql } from './filters';

export type InitiativeRow = InferSelectModel<typeof initiatives>;
export type InitiativeContactRow = Omit<InferSelectModel<typeof initiativeContacts>, 'initiativeId'>;
export type NewInitiativeRow = Omit<InferInsertModel<typeof initiatives>, 'id' | 'publicId'>;

export interface NewInitiative {
  initiative: NewInitiativeRow;
  contact: InitiativeContactRow | null;
}

/** Who acts (events.actor_*, initiative_answers.actor_*); null for the system's own moves (the demo's simulator). */
export interface InitiativeActor {
  userId: number;
  role: Role;
}

/** An initiative's public id from its row id and filing instant (db/store.ts builds it from the pack). */
export type InitiativePublicIdFor = (id: number, createdAt: Date) => string;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What an event says about its initiative: never its text, contact or token, never a supporter. */
export function initiativeSummary(r: InitiativeRow): InitiativeSummary {
  return {
    id: r.id,
    publicId: r.publicId,
    topic: r.topic,
    status: r.status,
    title: r.title,
    publicTitle: r.publicTitle,
    lat: r.lat,
    lng: r.lng,
    districtCode: r.districtCode,
    communeCode: r.communeCode,
    supportCount: r.supportCount,
    createdAt: r.createdAt.toISOString(),
    firstAnsweredAt: iso(r.firstAnsweredAt),
    publishedAt: iso(r.publishedAt),
  };
}

async function appendEvent(
  tx: Db,
  wrote: (id: number) => void,
  e: Pick<NewEvent, 'at' | 'type' | 'payload'> & { row: InitiativeRow; actor: InitiativeActor | null },
): Promise<number> {
  // report_id stays null: an initiative id is not a report id, and the analytics re-read any report an event names.
  const row = {
    at: e.at,
    type: e.type,
    payload: e.payload,
    reportId: null,
    districtCode: e.row.districtCode,
    communeCode: e.row.communeCode,
    actorUserId: e.actor?.userId ?? null,
    actorRole: e.actor?.role ?? null,
  } as NewEvent;
  const [ev] = await tx.insert(events).values(row).returning({ id: events.id });
  wrote(ev.id);
  return ev.id;
}

/** Stores a new initiative, its contact and its `initiative.submitted` event in one transaction. */
export async function submitInitiative(
  conn: Connection,
  item: NewInitiative,
  publicIdFor: InitiativePublicIdFor,
): Promise<{ row: InitiativeRow; eventId: number }> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [next] = rowsOf<{ id: number }>(
      await tx.execute(sql`select nextval(pg_get_serial_sequence('initiatives', 'id'))::int8 as id`),
    );
    const id = Number(next.id);
    const [row] = await tx
      .insert(initiatives)
      .values({ ...item.initiative, id, publicId: publicIdFor(id, item.initiative.createdAt) })
      .returning();
    if (item.contact) await tx.insert(initiativeContacts).values({ initiativeId: id, ...item.contact });
    const eventId = await appendEvent(tx, wrote, {
      at: row.createdAt,
      type: 'initiative.submitted',
      payload: { initiative: initiativeSummary(row) },
      row,
      actor: null,
    });
    return { row, eventId };
  });
}

/** The row under a lock, if it exists and lies in `scope`. */
async function lockedRow(tx: Db, id: number, scope?: AreaScope): Promise<InitiativeRow | null> {
  const [row] = await tx
    .select()
    .from(initiatives)
    .where(and([eq(initiatives.id, id), scopeSql(scope)]))
    .for('update');
  return row ?? null;
}

export type SupportOutcome =
  | { kind: 'supported'; row: InitiativeRow; eventId: number }
  /** This identity supports it already: nothing written. */
  | { kind: 'duplicate'; row: InitiativeRow };

/**
 * One more supporter: the (initiative, identity) key refuses a second row, and the count moves in
 * the same transaction, so concurrent supports by one identity count once. `check` may throw to
 * refuse (unpublished, closed); then nothing is written. Null when there is no such initiative.
 */
export async function supportInitiative(
  conn: Connection,
  id: number,
  identityHash: string,
  at: Date,
  check: (current: InitiativeRow) => void,
): Promise<SupportOutcome | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const current = await lockedRow(tx, id);
    if (!current) return null;
    check(current);
    const inserted = await tx
      .insert(initiativeSupports)
      .values({ initiativeId: id, identityHash, createdAt: at })
      .onConflictDoNothing()
      .returning({ id: initiativeSupports.initiativeId });
    if (inserted.length === 0) return { kind: 'duplicate', row: current };
    const [row] = await tx
      .update(initiatives)
      .set({ supportCount: sql`${initiatives.supportCount} + 1`, updatedAt: at })
      .where(eq(initiatives.id, id))
      .returning();
    const eventId = await appendEvent(tx, wrote, {
      at,
      type: 'initiative.supported',
      payload: { initiative: initiativeSummary(row) },
      row,
      actor: null,
    });
    return { kind: 'supported', row, eventId };
  });
}

export interface MoveDecision {
  to: InitiativeMoveTarget;
  answer: InitiativeAnswer;
  at: Date;
}

/**
 * A staff move with its public answer: the status, the first-answer and end instants, the answer
 * row and the `initiative.moved` event together. `decide` holds the rules (core/initiatives.ts) and
 * may throw; then nothing is written. Null when the initiative does not exist or lies outside `scope`.
 */
export async function moveInitiative(
  conn: Connection,
  id: number,
  decide: (current: InitiativeRow) => MoveDecision,
  actor: InitiativeActor | null,
  scope?: AreaScope,
): Promise<{ row: InitiativeRow; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const current = await lockedRow(tx, id, scope);
    if (!current) return null;
    const d = decide(current);
    const from: InitiativeStatus = current.status;
    const [row] = await tx
      .update(initiatives)
      .set({
        status: d.to,
        updatedAt: d.at,
        firstAnsweredAt: current.firstAnsweredAt ?? d.at,
        endedAt: isFinalInitiativeStatus(d.to) ? d.at : null,
      })
      .where(eq(initiatives.id, id))
      .returning();
    await tx.insert(initiativeAnswers).values({
      initiativeId: id,
      at: d.at,
      fromStatus: from,
      toStatus: d.to,
      answerVi: d.answer.vi,
      answerEn: d.answer.en,
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
    });
    const eventId = await appendEvent(tx, wrote, {
      at: d.at,
      type: 'initiative.moved',
      payload: { from, to: d.to, answer: d.answer, initiative: initiativeSummary(row) },
      row,
      actor,
    });
    return { row, eventId };
  });
}

export interface PublishDecision {
  publicTitle: string;
  publicText: string;
  at: Date;
}

/**
 * Publication: the scrubbed copies the public will read, written once with `initiative.published`.
 * `decide` scrubs (it is given the contact, to remove it wherever the citizen repeated it) and may
 * throw (published already). Null when there is no such initiative.
 */
export async function publishInitiative(
  conn: Connection,
  id: number,
  decide: (current: InitiativeRow, contact: InitiativeContactRow | null) => PublishDecision,
  actor: InitiativeActor | null,
): Promise<{ row: InitiativeRow; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const current = await lockedRow(tx, id);
    if (!current) return null;
    const d = decide(current, await initiativeContact(tx, id));
    const [row] = await tx
      .update(initiatives)
      .set({
        publicTitle: d.publicTitle,
        publicText: d.publicText,
        publishedAt: d.at,
        publishedBy: actor?.userId ?? null,
        updatedAt: d.at,
      })
      .where(eq(initiatives.id, id))
      .returning();
    const eventId = await appendEvent(tx, wrote, {
      at: d.at,
      type: 'initiative.published',
      payload: { initiative: initiativeSummary(row) },
      row,
      actor,
    });
    return { row, eventId };
  });
}

export async function initiativeContact(db: Db, id: number): Promise<InitiativeContactRow | null> {
  const [c] = await db
    .select({ name: initiativeContacts.name, phone: initiativeContacts.phone, email: initiativeContacts.email })
    .from(initiativeContacts)
    .where(eq(initiativeContacts.initiativeId, id));
  return c ?? null;
}
