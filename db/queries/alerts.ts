import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { AlertChanges, AlertSummary } from '../../core/alerts';
import type { Role } from '../../core/roles';
import type { Connection, Db } from '../connect';
import { rowsOf, toDate } from '../rows';
import { alertEvents, alerts, events } from '../schema';
import type { NewEvent } from '../types';

export type AlertRow = typeof alerts.$inferSelect;

/** Who acts (events.actor_*): a signed-in staff member; none for the expiry sweeper and the simulator. */
export interface AlertActor {
  userId: number;
  role: Role;
}

/** An alert's content and place as the API decided them (validated, its touched areas worked out). */
export type AlertFields = Pick<
  AlertRow,
  | 'kind'
  | 'severity'
  | 'titleVi'
  | 'titleEn'
  | 'bodyVi'
  | 'bodyEn'
  | 'areaCode'
  | 'geometry'
  | 'areaCodes'
  | 'startsAt'
  | 'expiresAt'
>;

/** What a caller decides about an alert it has read under lock: new fields, or a withdrawal. */
export type AlertDecision =
  | { kind: 'update'; fields: AlertFields; before: AlertChanges }
  | { kind: 'withdraw'; reason: string | null };

export function alertSummary(r: AlertRow): AlertSummary {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    titleVi: r.titleVi,
    titleEn: r.titleEn,
    bodyVi: r.bodyVi,
    bodyEn: r.bodyEn,
    areaCode: r.areaCode,
    geometry: r.geometry ?? null,
    areaCodes: r.areaCodes,
    startsAt: r.startsAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    status: r.status,
    publishedAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const actorColumns = (actor: AlertActor | null) => ({
  actorUserId: actor?.userId ?? null,
  actorRole: actor?.role ?? null,
});

/** No report and no area columns: alert events are everyone's (api/stream/audience.ts), whatever their place. */
const NO_PLACE = { reportId: null, districtCode: null, communeCode: null } as const;

/** Appends alert events (one per alert id given, in order) and links each to its alert. */
async function append(tx: Db, wrote: (id: number) => void, rows: NewEvent[], alertIds: number[]): Promise<number> {
  const ids = await tx.insert(events).values(rows).returning({ id: events.id });
  await tx.insert(alertEvents).values(ids.map((e, i) => ({ eventId: e.id, alertId: alertIds[i]! })));
  const max = Math.max(...ids.map((e) => e.id));
  wrote(max);
  return max;
}

/** Publishes an alert and its alert.published event in one transaction. */
export async function publishAlert(
  conn: Connection,
  fields: AlertFields,
  actor: AlertActor | null,
  at: Date,
): Promise<{ alert: AlertSummary; eventId: number }> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [row] = await tx
      .insert(alerts)
      .values({ ...fields, geometry: fields.geometry ?? null, status: 'active', createdAt: at, updatedAt: at })
      .returning();
    const alert = alertSummary(row!);
    const eventId = await append(
      tx,
      wrote,
      [{ at, type: 'alert.published', ...NO_PLACE, ...actorColumns(actor), payload: { alert } }],
      [alert.id],
    );
    return { alert, eventId };
  });
}

/**
 * Reads the alert under a row lock, lets `decide` judge it (a refusal throws and rolls back), and
 * writes the change with its event. Null when there is no such alert.
 */
export async function changeAlert(
  conn: Connection,
  id: number,
  decide: (current: AlertRow) => AlertDecision,
  actor: AlertActor,
  at: Date,
): Promise<{ alert: AlertSummary; eventId: number } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [current] = await tx.select().from(alerts).where(eq(alerts.id, id)).for('update');
    if (!current) return null;
    const d = decide(current);
    const set =
      d.kind === 'update'
        ? { ...d.fields, geometry: d.fields.geometry ?? null, updatedAt: at }
        : { status: 'withdrawn' as const, endedAt: at, updatedAt: at };
    const [row] = await tx.update(alerts).set(set).where(eq(alerts.id, id)).returning();
    const alert = alertSummary(row!);
    const event: NewEvent =
      d.kind === 'update'
        ? { at, type: 'alert.updated', ...NO_PLACE, ...actorColumns(actor), payload: { alert, before: d.before } }
        : { at, type: 'alert.withdrawn', ...NO_PLACE, ...actorColumns(actor), payload: { alert, reason: d.reason } };
    return { alert, eventId: await append(tx, wrote, [event], [id]) };
  });
}

/** At most this many per sweep, so one transaction stays short after a long outage. */
const MAX_EXPIRED_PER_SWEEP = 500;

/**
 * Marks active alerts past their expiry as expired, one `alert.expired` event each. The
 * conditional update under `skip locked` makes it safe with several API processes sweeping at
 * once: each alert leaves `active` once, so its event is written once.
 */
export async function expireAlerts(conn: Connection, now: Date): Promise<AlertSummary[]> {
  return conn.eventTransaction(async (tx, wrote) => {
    const expired = rowsOf<{ id: number }>(
      await tx.execute(sql`
        update alerts set status = 'expired', ended_at = expires_at, updated_at = ${now.toISOString()}::timestamptz
        where id in (
          select id from alerts
          where status = 'active' and expires_at <= ${now.toISOString()}::timestamptz
          order by expires_at limit ${MAX_EXPIRED_PER_SWEEP}
          for update skip locked)
        returning id`),
    );
    if (expired.length === 0) return [];
    const rows = await tx
      .select()
      .from(alerts)
      .where(
        inArray(
          alerts.id,
          expired.map((e) => Number(e.id)),
        ),
      )
      .orderBy(asc(alerts.expiresAt), asc(alerts.id));
    const summaries = rows.map(alertSummary);
    await append(
      tx,
      wrote,
      summaries.map(
        (alert): NewEvent => ({
          at: now,
          type: 'alert.expired',
          ...NO_PLACE,
          actorUserId: null,
          actorRole: null,
          payload: { alert },
        }),
      ),
      rows.map((r) => r.id),
    );
    return summaries;
  });
}

export interface AlertListFilter {
  /** Only those in force at this instant (active, started, not yet expired). */
  inForceAt?: Date;
  /** Only those touching one of these codes (a chief's scope, or an `?area=` filter). */
  areaCodes?: readonly string[];
  limit: number;
}

/** Alerts newest first. */
export async function listAlerts(db: Db, f: AlertListFilter): Promise<AlertRow[]> {
  const where = [];
  if (f.inForceAt) {
    where.push(eq(alerts.status, 'active'), lte(alerts.startsAt, f.inForceAt), gt(alerts.expiresAt, f.inForceAt));
  }
  if (f.areaCodes) {
    // jsonb `?|`: the touched codes share one with the given ones.
    where.push(
      sql`${alerts.areaCodes} ?| ${sql`array[${sql.join(
        f.areaCodes.map((c) => sql`${c}`),
        sql`, `,
      )}]::text[]`}`,
    );
  }
  return db
    .select()
    .from(alerts)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(f.limit);
}

export async function getAlert(db: Db, id: number): Promise<AlertRow | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row ?? null;
}

/** One entry of an alert's audit trail: what happened, when, and who did it (null: the system). */
export interface AlertHistoryEntry {
  eventId: number;
  type: string;
  at: Date;
  actor: { userId: number; name: string | null; role: Role } | null;
  reason: string | null;
  before: AlertChanges | null;
}

/** Who published, edited, withdrew (and when it expired), oldest first, from the event log. */
export async function alertHistory(db: Db, id: number): Promise<AlertHistoryEntry[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select e.id, e.type, e.at, e.actor_user_id, e.actor_role, u.name as actor_name,
        e.payload->>'reason' as reason, (e.payload->'before')::text as before
      from alert_events l join events e on e.id = l.event_id
      left join users u on u.id = e.actor_user_id
      where l.alert_id = ${id}
      order by e.id`),
  );
  return rows.map((r) => ({
    eventId: Number(r.id),
    type: String(r.type),
    at: toDate(r.at)!,
    actor:
      r.actor_user_id === null
        ? null
        : {
            userId: Number(r.actor_user_id),
            name: (r.actor_name as string | null) ?? null,
            role: r.actor_role as Role,
          },
    reason: (r.reason as string | null) ?? null,
    // As text from both drivers (one parses jsonb, the other does not), parsed here once.
    before: r.before === null ? null : (JSON.parse(String(r.before)) as AlertChanges),
  }));
}
