import { asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { InitiativeStatus, InitiativeTopic } from '../../core/initiatives';
import type { Db } from '../connect';
import { rowsOf, toNumber } from '../rows';
import { initiativeAnswers, initiatives } from '../schema';
import { type AreaScope, and, inList, scopeSql } from './filters';
import type { InitiativeRow } from './initiatives';

export interface InitiativeFilter {
  status?: InitiativeStatus[];
  topic?: InitiativeTopic[];
  /** A district or commune code. */
  area?: string;
  /** Only those an operator has published (the public's lists). */
  publishedOnly?: boolean;
}

export interface InitiativePage {
  limit: number;
  /** The last item of the previous page (newest first). */
  after?: { createdAt: Date; id: number };
}

/** Unqualified columns, as scopeSql: every caller reads `from initiatives`. */
function conditions(f: InitiativeFilter, scope?: AreaScope): SQL {
  const parts: SQL[] = [scopeSql(scope)];
  if (f.status?.length) parts.push(inList(sql`status`, f.status));
  if (f.topic?.length) parts.push(inList(sql`topic`, f.topic));
  if (f.area) parts.push(sql`(district_code = ${f.area} or commune_code = ${f.area})`);
  if (f.publishedOnly) parts.push(sql`published_at is not null`);
  return and(parts);
}

/** Newest first, a page at a time; `next` is the cursor of the following page, null at the end. */
export async function listInitiatives(
  db: Db,
  filter: InitiativeFilter,
  page: InitiativePage,
  scope?: AreaScope,
): Promise<{ items: InitiativeRow[]; next: { createdAt: Date; id: number } | null }> {
  const after = page.after
    ? sql`(created_at, id) < (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id})`
    : sql`true`;
  const rows = await db
    .select()
    .from(initiatives)
    .where(and([conditions(filter, scope), after]))
    .orderBy(desc(initiatives.createdAt), desc(initiatives.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export async function getInitiative(db: Db, id: number, scope?: AreaScope): Promise<InitiativeRow | null> {
  const [row] = await db
    .select()
    .from(initiatives)
    .where(and([eq(initiatives.id, id), scopeSql(scope)]));
  return row ?? null;
}

export async function initiativeIdByPublicId(db: Db, publicId: string): Promise<number | null> {
  const [row] = await db.select({ id: initiatives.id }).from(initiatives).where(eq(initiatives.publicId, publicId));
  return row?.id ?? null;
}

/** The initiative whose citizen token hashes to `tokenHash`, if it is the one named. */
export async function initiativeByToken(db: Db, publicId: string, tokenHash: string): Promise<InitiativeRow | null> {
  const [row] = await db
    .select()
    .from(initiatives)
    .where(and([eq(initiatives.publicId, publicId), eq(initiatives.citizenTokenHash, tokenHash)]));
  return row ?? null;
}

export type InitiativeAnswerRow = typeof initiativeAnswers.$inferSelect;

/** The answers of these initiatives, oldest first, by initiative id. */
export async function answersOf(db: Db, ids: number[]): Promise<Map<number, InitiativeAnswerRow[]>> {
  const out = new Map<number, InitiativeAnswerRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(initiativeAnswers)
    .where(inArray(initiativeAnswers.initiativeId, ids))
    .orderBy(asc(initiativeAnswers.at), asc(initiativeAnswers.id));
  for (const r of rows) out.get(r.initiativeId)?.push(r);
  return out;
}

/**
 * The initiatives' KPIs over a window, for one scope. Each figure counts what happened inside
 * [since, until): submitted (filed), answered (first answer given), implemented and declined
 * (reached that final status), published; `awaitingAnswer` is today's backlog among those filed
 * before `until` (still submitted, no answer yet); the median time to answer is over the first
 * answers given in the window, in hours.
 */
export interface InitiativeKpis {
  submitted: number;
  answered: number;
  implemented: number;
  declined: number;
  published: number;
  awaitingAnswer: number;
  medianHoursToAnswer: number | null;
}

export async function initiativeKpis(
  db: Db,
  w: { since: Date; until: Date },
  area: string | undefined,
  scope?: AreaScope,
): Promise<InitiativeKpis> {
  const since = w.since.toISOString();
  const until = w.until.toISOString();
  const inWindow = (col: string) =>
    sql`${sql.identifier(col)} >= ${since}::timestamptz and ${sql.identifier(col)} < ${until}::timestamptz`;
  const [r] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select
        count(*) filter (where ${inWindow('created_at')})::int8 as submitted,
        count(*) filter (where ${inWindow('first_answered_at')})::int8 as answered,
        count(*) filter (where status = 'implemented' and ${inWindow('ended_at')})::int8 as implemented,
        count(*) filter (where status = 'declined' and ${inWindow('ended_at')})::int8 as declined,
        count(*) filter (where ${inWindow('published_at')})::int8 as published,
        count(*) filter (where status = 'submitted' and created_at < ${until}::timestamptz)::int8 as awaiting,
        percentile_cont(0.5) within group (
          order by extract(epoch from first_answered_at - created_at) / 3600.0
        ) filter (where ${inWindow('first_answered_at')}) as median_hours
      from initiatives
      where ${conditions({ area }, scope)}
    `),
  );
  const median = r?.median_hours;
  return {
    submitted: toNumber(r?.submitted),
    answered: toNumber(r?.answered),
    implemented: toNumber(r?.implemented),
    declined: toNumber(r?.declined),
    published: toNumber(r?.published),
    awaitingAnswer: toNumber(r?.awaiting),
    medianHoursToAnswer: median === null || median === undefined ? null : Math.round(Number(median) * 10) / 10,
  };
}
