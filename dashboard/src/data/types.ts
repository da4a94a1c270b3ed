/** Shapes of the API's responses and stream events, as the dashboard reads them. */
export type ReportStatus =
  | 'received'
  | 'accepted'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'reopened'
  | 'duplicate';

export const OPEN_STATUSES: ReadonlySet<string> = new Set(['received', 'accepted', 'in_progress', 'reopened']);
export const HANDLED_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed']);
export const REJECTED_STATUSES: ReadonlySet<string> = new Set(['rejected', 'duplicate']);

export interface Category {
  code: string;
  group: 'field' | 'procedure' | 'initiative';
  nameVi: string;
  nameEn: string;
  agencyCode: string;
  agencyVi: string;
  agencyEn: string;
  severity: string;
}

export interface HexCount {
  cell: string;
  received: number;
  open: number;
  overdue: number;
}

export interface AreaCount {
  code: string;
  nameVi: string;
  nameEn: string;
  parentCode: string | null;
  population: number | null;
  areaKm2: number | null;
  received: number;
  open: number;
  resolved: number;
  overdue: number;
  medianOpenAgeHours: number | null;
}

export interface SeriesPoint {
  t: string;
  received: number;
  resolved: number;
  backlog: number;
  /** Past their deadline at the bucket's end (absent from older servers: treated as 0). */
  overdue?: number;
}

/** Counts behind the KPI cards: shares are computed on screen from these. */
export interface KpiCounts {
  received: number;
  handled: number;
  inProgress: number;
  rejected: number;
  open: number;
  overdue: number;
}

/** The report summary every report event carries (public events carry a subset). */
export interface ReportSummary {
  id?: number;
  publicId?: string;
  category: string;
  severity: string;
  status: ReportStatus;
  title?: string;
  lat?: number;
  lng?: number;
  h3r6: string;
  h3r7: string;
  h3r8: string;
  h3r9?: string;
  h3r10?: string;
  districtCode: string | null;
  communeCode: string | null;
  createdAt: string;
  dueAt?: string | null;
}

export interface StreamEvent {
  id: number;
  type: string;
  at: string;
  from?: ReportStatus;
  to?: ReportStatus;
  wasOverdue?: boolean;
  report?: ReportSummary;
  [key: string]: unknown;
}
