import { cityClock } from '../core/cityClock';
import { type Connection, connect } from './connect';
import { type LayerStore, createLayerStore } from './layerStore';
import type { PublicIdFor } from './queries/insertReports';
import type { InitiativePublicIdFor } from './queries/initiatives';
import { type AsOf, readSnapshot } from './queries/snapshot';
import { type AggregateStore, createAggregateStore } from './stores/aggregates';
import { type AnalyticsSource, createAnalyticsSource } from './stores/analyticsSource';
import { type ApiKeyStore, createApiKeyStore } from './stores/apiKeys';
import { type ApiTokenStore, createApiTokenStore } from './stores/apiTokens';
import { type AuditStore, createAuditStore } from './stores/audit';
import { type AuditTrailStore, createAuditTrailStore } from './stores/auditTrail';
import { type CatalogStore, createCatalogStore } from './stores/catalog';
import { type ContactStore, createContactStore } from './stores/contacts';
import { type EventStore, createEventStore } from './stores/events';
import { type HotspotFlagStore, createHotspotFlagStore } from './stores/hotspotFlags';
import { type KpiStore, createKpiStore } from './stores/kpis';
import { type PublicAggregateStore, createPublicAggregateStore } from './stores/publicAggregates';
import { type ReceptionStore, createReceptionStore } from './stores/reception';
import { type AlertStore, type NewsStore, createAlertStore, createNewsStore } from './stores/alerts';
import { type ChatStore, createChatStore } from './stores/chat';
import { type InitiativeStore, createInitiativeStore } from './stores/initiatives';
import { type Open311Store, createOpen311Store } from './stores/open311';
import { type ReadinessStore, createReadinessStore } from './stores/readiness';
import { type ReportStore, createReportStore } from './stores/reports';
import { type SessionStore, createSessionStore } from './stores/sessions';
import { type SignInFailureStore, createSignInFailureStore } from './stores/signInFailures';
import { type UserStore, createUserStore } from './stores/users';

export type { AreaScope, ReportFilter } from './queries/filters';
export type { Window } from './queries/aggregates';
export type { AsOf } from './queries/snapshot';
export type { TransitionDecision } from './queries/transition';
export type { DesiredFlag, FlagRow } from './queries/hotspotFlags';
export type {
  AggregateStore,
  AnalyticsSource,
  CatalogStore,
  EventStore,
  HotspotFlagStore,
  KpiStore,
  LayerStore,
  PublicAggregateStore,
  ReportStore,
  UserStore,
  SessionStore,
  ApiTokenStore,
  AuditStore,
  SignInFailureStore,
};
export type { UserRow, NewUser } from './stores/users';
export type { SessionRow } from './stores/sessions';
export type { ApiTokenRow } from './stores/apiTokens';
export type { AuditEntry, AuditFilter, AuditRow } from './stores/audit';
export type { ReceptionStore } from './stores/reception';
export type { AlertStore, NewsStore } from './stores/alerts';
export type { ChatStore } from './stores/chat';
export type { InitiativeStore } from './stores/initiatives';
export type { ApiKeyRow, ApiKeyStore } from './stores/apiKeys';
export type { Open311Store } from './stores/open311';

/**
 * Everything the API asks of the database, one store per feature (db/stores/, db/layerStore.ts):
 * a consumer takes the one it needs. PGlite and postgres.js sit behind them with the same schema
 * and migrations; only the commit signal differs (see Connection).
 */
export interface Store {
  kind: Connection['kind'];
  reports: ReportStore;
  events: EventStore;
  aggregates: AggregateStore;
  publicAggregates: PublicAggregateStore;
  kpis: KpiStore;
  analytics: AnalyticsSource;
  hotspots: HotspotFlagStore;
  catalog: CatalogStore;
  /** Overlay layers, their features and readings. */
  layers: LayerStore;
  /** Staff accounts, their sessions and API tokens, failed sign-ins (db/stores/users.ts …). */
  users: UserStore;
  sessions: SessionStore;
  tokens: ApiTokenStore;
  signInFailures: SignInFailureStore;
  /** Who read or changed what: sign-ins, contact reads, erasures, account changes. */
  audit: AuditStore;
  /** The admin's audit view: staff's state changes and reads in one list (db/queries/auditTrail.ts). */
  auditTrail: AuditTrailStore;
  /** Reporter contacts' erasure (retention and on request), each logged in audit_log. */
  contacts: ContactStore;
  /** /readyz's questions (migrations applied, the log's end) and /healthz's last known state. */
  readiness: ReadinessStore;
  /** Citizen reception: offices' slots, bookings, their contacts (db/stores/reception.ts). */
  reception: ReceptionStore;
  /** Alerts and news items, each change with its event (db/stores/alerts.ts). */
  alerts: AlertStore;
  news: NewsStore;
  /** Hanoi Chat: threads, messages, read receipts, citizen tokens (db/stores/chat.ts). */
  chat: ChatStore;
  /** Initiatives, their supports and answers, each change with its event (db/stores/initiatives.ts). */
  initiatives: InitiativeStore;
  /** Open311 clients' API keys, and the reads of GeoReport v2 (api/open311/). */
  apiKeys: ApiKeyStore;
  open311: Open311Store;
  /**
   * Aggregate reads that see one snapshot, with the last event id in it: the `asOfEventId` of a
   * snapshot response (see db/queries/snapshot.ts).
   */
  snapshot<T>(read: (s: SnapshotReads) => Promise<T>): Promise<AsOf<T>>;
  close(): Promise<void>;
}

/** The reads a snapshot may combine: the same stores, on the snapshot's transaction. */
export interface SnapshotReads {
  aggregates: AggregateStore;
  publicAggregates: PublicAggregateStore;
  kpis: Pick<KpiStore, 'tallies'>;
}

export interface StoreOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** City-specific parts of storage: the report id prefix and the time zone of buckets. */
  publicIdPrefix: string;
  timezone: string;
}

export function publicIdFormatter(prefix: string, timezone: string): PublicIdFor {
  const clock = cityClock(timezone);
  return (id, createdAt) => publicIdOf(prefix, clock.localDay(createdAt).slice(0, 4), id);
}

/** A public id from its parts: the prefix, the local year of filing (YYYY), the row id padded to 6 digits. */
export function publicIdOf(prefix: string, localYear: string, id: number): string {
  return `${prefix}-${localYear}-${String(id).padStart(6, '0')}`;
}

/** An initiative's public id: the city's prefix, SK (sáng kiến), the local year, the row id — HN-SK-2026-000042. */
export function initiativeIdFormatter(prefix: string, timezone: string): InitiativePublicIdFor {
  return publicIdFormatter(`${prefix}-SK`, timezone);
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const conn = await connect(opts);
  return createStore(conn, opts);
}

export function createStore(conn: Connection, opts: Pick<StoreOptions, 'publicIdPrefix' | 'timezone'>): Store {
  const { db } = conn;
  const { timezone } = opts;
  return {
    kind: conn.kind,
    reports: createReportStore(conn, publicIdFormatter(opts.publicIdPrefix, timezone)),
    events: createEventStore(conn),
    aggregates: createAggregateStore(db, timezone),
    publicAggregates: createPublicAggregateStore(db, timezone),
    kpis: createKpiStore(db),
    analytics: createAnalyticsSource(db),
    hotspots: createHotspotFlagStore(conn),
    catalog: createCatalogStore(db),
    layers: createLayerStore(conn),
    users: createUserStore(db),
    sessions: createSessionStore(db),
    tokens: createApiTokenStore(db),
    signInFailures: createSignInFailureStore(db),
    audit: createAuditStore(db),
    auditTrail: createAuditTrailStore(db),
    contacts: createContactStore(db),
    readiness: createReadinessStore(conn),
    reception: createReceptionStore(conn),
    alerts: createAlertStore(conn),
    news: createNewsStore(conn),
    chat: createChatStore(conn),
    initiatives: createInitiativeStore(conn, initiativeIdFormatter(opts.publicIdPrefix, timezone)),
    apiKeys: createApiKeyStore(db),
    open311: createOpen311Store(db),
    snapshot: (read) =>
      readSnapshot(db, (tx) =>
        read({
          aggregates: createAggregateStore(tx, timezone),
          publicAggregates: createPublicAggregateStore(tx, timezone),
          kpis: createKpiStore(tx),
        }),
      ),
    close: () => conn.close(),
  };
}
