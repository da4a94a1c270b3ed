import type { MultiPolygon, Polygon } from 'geojson';

/**
 * Alerts and news (truyền thông, tin tức), defined once: kinds, severities and states of an alert,
 * what an alert and a news item say on the stream and in the API, and which alert is in force.
 * The schema, the routes, the stream's projections, the simulator and the dashboard read them
 * from here. Pure: no IO.
 */

/** What an alert is about; each belongs to one of iHanoi's groups (traffic, security, disaster, utilities, health). */
export const ALERT_KINDS = [
  'traffic',
  'crime',
  'flood',
  'storm',
  'heat',
  'water_outage',
  'power_outage',
  'public_health',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_NAMES: Record<AlertKind, { vi: string; en: string }> = {
  traffic: { vi: 'Giao thông', en: 'Traffic' },
  crime: { vi: 'An ninh trật tự', en: 'Crime and public order' },
  flood: { vi: 'Ngập lụt', en: 'Flood' },
  storm: { vi: 'Bão, dông lốc', en: 'Storm' },
  heat: { vi: 'Nắng nóng', en: 'Heat' },
  water_outage: { vi: 'Cắt nước', en: 'Water outage' },
  power_outage: { vi: 'Cắt điện', en: 'Power cut' },
  public_health: { vi: 'Y tế công cộng', en: 'Public health' },
};

/** Least to most severe: the order is the rank (the wall's banner shows the highest). */
export const ALERT_SEVERITIES = ['info', 'warning', 'danger'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_SEVERITY_NAMES: Record<AlertSeverity, { vi: string; en: string }> = {
  info: { vi: 'Thông tin', en: 'Information' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  danger: { vi: 'Nguy hiểm', en: 'Danger' },
};

export function severityRank(s: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(s);
}

/**
 * `active` from publication until it is withdrawn or expires (it may start later: scheduled);
 * `withdrawn` and `expired` are final.
 */
export const ALERT_STATUSES = ['active', 'withdrawn', 'expired'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const NEWS_STATUSES = ['published', 'withdrawn'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];

/** Where an alert applies: one area of the pack, or a drawn polygon; never both. */
export type AlertGeometry = Polygon | MultiPolygon;

/**
 * An alert as the stream and the API carry it: its public content, nothing about who wrote it
 * (the actor is on the event row and in the alert's history, for staff).
 */
export interface AlertSummary {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
  /** A district or commune code of the pack, or null when `geometry` is drawn. */
  areaCode: string | null;
  geometry: AlertGeometry | null;
  /** Districts and communes the alert touches (its area and that area's parent or units, or the polygon's). */
  areaCodes: string[];
  startsAt: string;
  expiresAt: string;
  status: AlertStatus;
  publishedAt: string;
  updatedAt: string;
}

export interface NewsSummary {
  id: number;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
  status: NewsStatus;
  publishedAt: string;
}

/** Published, not withdrawn or expired, and its window holds `now`. */
export function isInForce(a: Pick<AlertSummary, 'status' | 'startsAt' | 'expiresAt'>, nowMs: number): boolean {
  return a.status === 'active' && Date.parse(a.startsAt) <= nowMs && nowMs < Date.parse(a.expiresAt);
}

/** The alert a wall's banner shows: the most severe in force, the newest of those on a tie. */
export function mostSevere<A extends Pick<AlertSummary, 'severity' | 'publishedAt'>>(alerts: readonly A[]): A | null {
  let best: A | null = null;
  for (const a of alerts) {
    if (
      !best ||
      severityRank(a.severity) > severityRank(best.severity) ||
      (a.severity === best.severity && a.publishedAt > best.publishedAt)
    )
      best = a;
  }
  return best;
}

/** What changed in an edit: the fields sent, as they were before. */
export type AlertChanges = Partial<
  Pick<
    AlertSummary,
    | 'kind'
    | 'severity'
    | 'titleVi'
    | 'titleEn'
    | 'bodyVi'
    | 'bodyEn'
    | 'areaCode'
    | 'geometry'
    | 'startsAt'
    | 'expiresAt'
  >
>;

/**
 * The alert and news events, each carrying the alert (or item) as it is after the change, so a
 * client keeps its list from events alone. Who did it is the event row's actor (null for the
 * expiry sweeper and the simulator).
 */
export interface AlertEventPayloads {
  'alert.published': { alert: AlertSummary };
  'alert.updated': { alert: AlertSummary; before: AlertChanges };
  'alert.withdrawn': { alert: AlertSummary; reason: string | null };
  /** The sweeper found it past its expiry; written once whichever process swept first. */
  'alert.expired': { alert: AlertSummary };
  'news.published': { news: NewsSummary };
  'news.withdrawn': { news: NewsSummary };
}

export const ALERT_EVENT_TYPES = [
  'alert.published',
  'alert.updated',
  'alert.withdrawn',
  'alert.expired',
  'news.published',
  'news.withdrawn',
] as const satisfies readonly (keyof AlertEventPayloads)[];
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];
// Fails to compile if a payload is defined above but its type is not listed.
const _everyAlertTypeListed: [Exclude<keyof AlertEventPayloads, AlertEventType>] extends [never] ? true : false = true;
void _everyAlertTypeListed;

/** Alerts and news are for everyone: every audience's stream carries these, the public one included. */
export const isAlertEventType = (t: string): t is AlertEventType =>
  (ALERT_EVENT_TYPES as readonly string[]).includes(t);
