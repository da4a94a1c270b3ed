import { desc, eq } from 'drizzle-orm';
import type { NewsSummary } from '../../core/alerts';
import type { Connection, Db } from '../connect';
import { events, newsItems } from '../schema';
import type { AlertActor } from './alerts';

export type NewsRow = typeof newsItems.$inferSelect;
export type NewsFields = Pick<NewsRow, 'titleVi' | 'titleEn' | 'bodyVi' | 'bodyEn'>;

export function newsSummary(r: NewsRow): NewsSummary {
  return {
    id: r.id,
    titleVi: r.titleVi,
    titleEn: r.titleEn,
    bodyVi: r.bodyVi,
    bodyEn: r.bodyEn,
    status: r.status,
    publishedAt: r.publishedAt.toISOString(),
  };
}

const NO_PLACE = { reportId: null, districtCode: null, communeCode: null } as const;

/** Publishes a news item and its news.published event in one transaction (no actor: the simulator). */
export async function publishNews(conn: Connection, fields: NewsFields, actor: AlertActor | null, at: Date) {
  return conn.eventTransaction(async (tx, wrote) => {
    const [row] = await tx
      .insert(newsItems)
      .values({ ...fields, status: 'published', publishedAt: at, publishedBy: actor?.userId ?? null })
      .returning();
    const news = newsSummary(row!);
    const [e] = await tx
      .insert(events)
      .values({
        at,
        type: 'news.published',
        ...NO_PLACE,
        actorUserId: actor?.userId ?? null,
        actorRole: actor?.role ?? null,
        payload: { news },
      })
      .returning({ id: events.id });
    wrote(e!.id);
    return { news, eventId: e!.id };
  });
}

/**
 * Withdraws a published item with its news.withdrawn event; null when there is no such item,
 * `unchanged` when it was withdrawn already (nothing written twice).
 */
export async function withdrawNews(
  conn: Connection,
  id: number,
  actor: AlertActor,
  at: Date,
): Promise<{ news: NewsSummary; eventId: number | null } | null> {
  return conn.eventTransaction(async (tx, wrote) => {
    const [current] = await tx.select().from(newsItems).where(eq(newsItems.id, id)).for('update');
    if (!current) return null;
    if (current.status === 'withdrawn') return { news: newsSummary(current), eventId: null };
    const [row] = await tx
      .update(newsItems)
      .set({ status: 'withdrawn', withdrawnAt: at })
      .where(eq(newsItems.id, id))
      .returning();
    const news = newsSummary(row!);
    const [e] = await tx
      .insert(events)
      .values({
        at,
        type: 'news.withdrawn',
        ...NO_PLACE,
        actorUserId: actor.userId,
        actorRole: actor.role,
        payload: { news },
      })
      .returning({ id: events.id });
    wrote(e!.id);
    return { news, eventId: e!.id };
  });
}

/** News newest first; `publishedOnly` for the public list. */
export async function listNews(db: Db, opts: { publishedOnly: boolean; limit: number }): Promise<NewsRow[]> {
  return db
    .select()
    .from(newsItems)
    .where(opts.publishedOnly ? eq(newsItems.status, 'published') : undefined)
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(opts.limit);
}
