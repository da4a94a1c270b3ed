import { sql } from 'drizzle-orm';
import { FINAL_INITIATIVE_STATUSES } from '../../core/initiatives';
import type { Db } from '../connect';
import { rowsOf, toDate, toNumber } from '../rows';

/**
 * Erasing initiative submitters' contacts by the rule of reporter contacts
 * (db/queries/contactErasure.ts): the initiative_contacts row goes, the initiative, its answers and
 * supports stay, and each erasure is one audit_log row ('initiative.contact.erased', the
 * initiative's id in its detail) written by the same statement, so processes running it at once
 * erase and log each contact exactly once (a row one has deleted is not there for the other).
 * Supporters are already only HMACs of their identity (db/tables/initiatives.ts): nothing to erase.
 *
 * An initiative is finished when it reached a final status (implemented or declined): ended_at.
 */

const ended = sql.raw(FINAL_INITIATIVE_STATUSES.map((s) => `'${s}'`).join(', '));

/** Erases the contacts of initiatives that ended before `endedBefore`; the initiative ids, ascending. */
export async function eraseExpiredInitiativeContacts(
  db: Db,
  endedBefore: Date,
  at: Date,
  retentionDays: number,
): Promise<number[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`with erased as (
        delete from initiative_contacts c using initiatives i
        where c.initiative_id = i.id and i.status in (${ended})
          and i.ended_at < ${endedBefore.toISOString()}::timestamptz
        returning c.initiative_id, i.ended_at
      )
      insert into audit_log (at, user_id, role, action, report_id, detail)
      select ${at.toISOString()}::timestamptz, null, null, 'initiative.contact.erased', null,
        jsonb_build_object('initiativeId', initiative_id, 'reason', 'retention',
          'retentionDays', ${retentionDays}::int, 'endedAt', ended_at)
      from erased
      returning (detail->>'initiativeId')::int8 as initiative_id`),
  );
  return rows.map((r) => toNumber(r.initiative_id)).sort((a, b) => a - b);
}

/** Erases one initiative's submitter contact at their request; false if there was none (already erased, or never given). */
export async function eraseInitiativeContact(db: Db, initiativeId: number, at: Date, by: string): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`with erased as (
        delete from initiative_contacts where initiative_id = ${initiativeId} returning initiative_id
      )
      insert into audit_log (at, user_id, role, action, report_id, detail)
      select ${at.toISOString()}::timestamptz, null, null, 'initiative.contact.erased', null,
        jsonb_build_object('initiativeId', initiative_id, 'reason', 'request', 'by', ${by}::text)
      from erased
      returning id`),
  );
  return rows.length > 0;
}

/** When the initiative's submitter contact was erased, if it was. */
export async function initiativeContactErasedAt(db: Db, initiativeId: number): Promise<Date | null> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select max(at) as at from audit_log
        where action = 'initiative.contact.erased' and detail->>'initiativeId' = ${String(initiativeId)}`,
    ),
  );
  return toDate(row?.at ?? null);
}
