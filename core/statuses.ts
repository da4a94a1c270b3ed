/**
 * A report's statuses, and which of them count as open, handled or turned away. The one list:
 * the schema, the SQL filters, the lifecycle, the simulator, the analytics and the dashboard all
 * import it from here.
 */
export const REPORT_STATUSES = [
  'received',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'reopened',
  'duplicate',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The agency still owes an answer: these make up the backlog and can become overdue. */
export const OPEN_STATUS_LIST = [
  'received',
  'accepted',
  'in_progress',
  'reopened',
] as const satisfies readonly ReportStatus[];
/** Dealt with: the KPIs' "handled" share. */
export const HANDLED_STATUS_LIST = ['resolved', 'closed'] as const satisfies readonly ReportStatus[];
/** Turned away without handling: the KPIs' "rejected" share. */
export const REJECTED_STATUS_LIST = ['rejected', 'duplicate'] as const satisfies readonly ReportStatus[];

export const OPEN_STATUSES: ReadonlySet<string> = new Set(OPEN_STATUS_LIST);
export const HANDLED_STATUSES: ReadonlySet<string> = new Set(HANDLED_STATUS_LIST);
export const REJECTED_STATUSES: ReadonlySet<string> = new Set(REJECTED_STATUS_LIST);

export const isOpenStatus = (s: string): boolean => OPEN_STATUSES.has(s);
