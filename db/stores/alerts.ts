import type { AlertSummary, NewsSummary } from '../../core/alerts';
import type { Connection } from '../connect';
import {
  type AlertActor,
  type AlertDecision,
  type AlertFields,
  type AlertHistoryEntry,
  type AlertListFilter,
  type AlertRow,
  alertHistory,
  alertSummary,
  changeAlert,
  expireAlerts,
  getAlert,
  listAlerts,
  publishAlert,
} from '../queries/alerts';
import { type NewsFields, listNews, newsSummary, publishNews, withdrawNews } from '../queries/news';
import { type AsOf, readSnapshot } from '../queries/snapshot';

export type {
  AlertActor,
  AlertDecision,
  AlertFields,
  AlertHistoryEntry,
  AlertListFilter,
  AlertRow,
} from '../queries/alerts';
export type { NewsFields } from '../queries/news';

/**
 * Alerts (api/routes/alerts.ts, the expiry sweeper, the simulator): every change in one
 * transaction with its event. Lists come with the last event they reflect, so a client applies
 * the stream's alert events from exactly there.
 */
export interface AlertStore {
  publish(fields: AlertFields, actor: AlertActor | null, at: Date): Promise<{ alert: AlertSummary; eventId: number }>;
  /** Null when there is no such alert; `decide` throws to refuse (nothing is written). */
  change(
    id: number,
    decide: (current: AlertRow) => AlertDecision,
    actor: AlertActor,
    at: Date,
  ): Promise<{ alert: AlertSummary; eventId: number } | null>;
  /** The sweeper: active alerts past their expiry become expired, one event each, once across processes. */
  expire(now: Date): Promise<AlertSummary[]>;
  list(filter: AlertListFilter): Promise<AsOf<AlertSummary[]>>;
  get(id: number): Promise<AlertRow | null>;
  /** Who published, edited, withdrew it, and when it expired. */
  history(id: number): Promise<AlertHistoryEntry[]>;
}

export interface NewsStore {
  publish(fields: NewsFields, actor: AlertActor | null, at: Date): Promise<{ news: NewsSummary; eventId: number }>;
  /** Null when there is no such item; `eventId` null when it was withdrawn already. */
  withdraw(id: number, actor: AlertActor, at: Date): Promise<{ news: NewsSummary; eventId: number | null } | null>;
  list(opts: { publishedOnly: boolean; limit: number }): Promise<AsOf<NewsSummary[]>>;
}

export function createAlertStore(conn: Connection): AlertStore {
  const { db } = conn;
  return {
    publish: (fields, actor, at) => publishAlert(conn, fields, actor, at),
    change: (id, decide, actor, at) => changeAlert(conn, id, decide, actor, at),
    expire: (now) => expireAlerts(conn, now),
    list: (filter) => readSnapshot(db, async (tx) => (await listAlerts(tx, filter)).map(alertSummary)),
    get: (id) => getAlert(db, id),
    history: (id) => alertHistory(db, id),
  };
}

export function createNewsStore(conn: Connection): NewsStore {
  const { db } = conn;
  return {
    publish: (fields, actor, at) => publishNews(conn, fields, actor, at),
    withdraw: (id, actor, at) => withdrawNews(conn, id, actor, at),
    list: (opts) => readSnapshot(db, async (tx) => (await listNews(tx, opts)).map(newsSummary)),
  };
}
