import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SlotChanges } from '../../core/reception';
import type { Role } from '../../core/roles';
import type { Connection, Db } from '../connect';
import { events, receptionBookings, receptionSlots } from '../schema';
import type { NewEvent } from '../types';
import { bookingSummary, type SlotRow, slotSummary } from './receptionSummary';

/** Who acts (events.actor_*): a signed-in staff member; none (null) for a citizen or the system (the demo's simulator). */
export interface ReceptionActor {
  userId: number;
  role: Role;
}

export function actorColumns(actor: ReceptionActor | null | undefined) {
  return { actorUserId: actor?.userId ?? null, actorRole: actor?.role ?? null };
}

/** Which offices a staff member manages: a chief its area's (codes), the operations centre all (undefined). */
export interface OfficeScope {
  officeCodes?: readonly string[];
}

export type NewSlot = Pick<
  SlotRow,
  | 'officeCode'
  | 'officeLevel'
  | 'districtCode'
  | 'communeCode'
  | 'localDate'
  | 'startTime'
  | 'endTime'
  | 'startsAt'
  | 'endsAt'
  | 'topic'
  | 'officer'
  | 'capacity'
>;

/** The slot's own columns that name its place, as every event row of it carries them (the stream scopes by them). */
export function eventPlace(s: Pick<SlotRow, 'districtCode' | 'communeCode'>) {
  return { reportId: null, districtCode: s.districtCode, communeCode: s.communeCode };
}

export function inOfficeScope(scope: OfficeScope | undefined) {
  if (scope?.officeCodes === undefined) return undefined;
  if (scope.officeCodes.length === 0) return sql`false`;
  return inArray(receptionSlots.officeCode, [...scope.officeCodes]);
}

/** Publishes a slot and its slot.published event in one transaction. */
export async function insertSlot(
  conn: Connection,
  slot: NewSlot,
  at: Date,
  actor: ReceptionActor | null,
): Promise<{ slot: SlotRow; eventId: number }> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [row] = await tx
      .insert(receptionSlots)
      .values({ ...slot, createdAt: at, updatedAt: at })
      .returning();
    const eventId = await appendEvent(tx, wrote, {
      at,
      type: 'slot.published',
      ...eventPlace(row),
      payload: { slot: slotSummary(row) },
      ...actorColumns(actor),
    });
    return { slot: row, eventId };
  });
}

/** The edit of a slot that the route decided from the slot as it stands (it may refuse: then nothing is written). */
export type SlotEdit = Partial<Pick<SlotRow, 'capacity' | 'topic' | 'officer'>>;

/**
 * Edits a slot's capacity, topic or officer under a row lock, so that a booking cannot take a seat
 * between the check of `booked` and the write. `decide` may throw; null when the slot is not found
 * in the scope.
 */
export async function updateSlot(
  conn: Connection,
  id: number,
  decide: (current: SlotRow) => SlotEdit,
  at: Date,
  actor: ReceptionActor | null,
  scope?: OfficeScope,
): Promise<{ slot: SlotRow; eventId: number | null } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const current = await lockSlot(tx, id, scope);
    if (!current) return null;
    const edit = decide(current);
    const changes: SlotChanges = {};
    if (edit.capacity !== undefined && edit.capacity !== current.capacity)
      changes.capacity = [current.capacity, edit.capacity];
    if (edit.topic !== undefined && edit.topic !== current.topic) changes.topic = [current.topic, edit.topic];
    if (edit.officer !== undefined && edit.officer !== current.officer)
      changes.officer = [current.officer, edit.officer];
    // Nothing changed: nothing to record.
    if (Object.keys(changes).length === 0) return { slot: current, eventId: null };
    const [row] = await tx
      .update(receptionSlots)
      .set({ ...edit, updatedAt: at })
      .where(eq(receptionSlots.id, id))
      .returning();
    const eventId = await appendEvent(tx, wrote, {
      at,
      type: 'slot.updated',
      ...eventPlace(row),
      payload: { slot: slotSummary(row), changes },
      ...actorColumns(actor),
    });
    return { slot: row, eventId };
  });
}

/**
 * Cancels a slot and every booking still confirmed on it, in one transaction: one booking.cancelled
 * per booking (so each citizen's app hears of its own), then the slot.cancelled. `check` may
 * refuse (a slot already cancelled or past).
 */
export async function cancelSlot(
  conn: Connection,
  id: number,
  check: (current: SlotRow) => void,
  reason: string | null,
  at: Date,
  actor: ReceptionActor | null,
  scope?: OfficeScope,
): Promise<{ slot: SlotRow; bookingsCancelled: number; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const current = await lockSlot(tx, id, scope);
    if (!current) return null;
    check(current);
    const cancelled = await tx
      .update(receptionBookings)
      .set({ status: 'cancelled', cancelledBy: 'office', cancelledAt: at, updatedAt: at })
      .where(and(eq(receptionBookings.slotId, id), eq(receptionBookings.status, 'confirmed')))
      .returning();
    const [row] = await tx
      .update(receptionSlots)
      .set({
        status: 'cancelled',
        cancelReason: reason,
        cancelledAt: at,
        updatedAt: at,
        booked: sql`${receptionSlots.booked} - ${cancelled.length}`,
      })
      .where(eq(receptionSlots.id, id))
      .returning();
    const slot = slotSummary(row);
    const actorCols = actorColumns(actor);
    for (const b of cancelled.sort((a, z) => a.id - z.id)) {
      await appendEvent(tx, wrote, {
        at,
        type: 'booking.cancelled',
        ...eventPlace(row),
        payload: { booking: bookingSummary(b), slot, reason },
        ...actorCols,
      });
    }
    const eventId = await appendEvent(tx, wrote, {
      at,
      type: 'slot.cancelled',
      ...eventPlace(row),
      payload: { slot, reason, bookingsCancelled: cancelled.length },
      ...actorCols,
    });
    return { slot: row, bookingsCancelled: cancelled.length, eventId };
  });
}

/** The slot, locked for the rest of the transaction; null outside the scope or unknown. */
export async function lockSlot(tx: Db, id: number, scope?: OfficeScope): Promise<SlotRow | null> {
  const [row] = await tx
    .select()
    .from(receptionSlots)
    .where(and(eq(receptionSlots.id, id), inOfficeScope(scope)))
    .for('update');
  return row ?? null;
}

/** Appends one event inside an event transaction and reports its id to the commit signal. */
export async function appendEvent(tx: Db, wrote: (id: number) => void, row: NewEvent): Promise<number> {
  const [ev] = await tx.insert(events).values(row).returning({ id: events.id });
  wrote(ev.id);
  return ev.id;
}
