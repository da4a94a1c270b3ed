import { HANDLED_STATUSES, REPORT_STATUSES } from '../../core/statuses';
import { OPEN_BY_STATUS, STATUS_INDEX } from './reportColumns';

/**
 * What the KPI counters of one report depend on, packed into two small keys, so that the KPI pass
 * (kpiTally.ts) counts keys per group (two increments a report, with no branch on the status,
 * which is as good as random from one report to the next) instead of adding to fourteen counters;
 * the counters are read off the key counts once per group at the end (addCounters).
 *
 * State key: status (3 bits) | ever reopened << 3 | filed in the window << 4 | past due << 5; its
 * low four bits are those of the report's KPI flags (reportColumns.ts), as stored.
 * Outcome key: resolved in the window (0 no, 1 not judged, 2 late, 3 on time)
 *            | closed in the window with a rating (0 no, 1 unsatisfied, 2 satisfied) << 2;
 * each part is the flag as stored times 0 or 1 (in the window or not).
 */
const STATUS_BITS = 3;
if (REPORT_STATUSES.length > 1 << STATUS_BITS) throw new Error('kpiKeys: the statuses no longer fit the state key');
export const STATE_KEYS = 1 << (STATUS_BITS + 3);
const OUTCOME_KEYS = 16;
/** Keys per group: state keys, then outcome keys. */
export const KEYS = STATE_KEYS + OUTCOME_KEYS;

// Counter slots.
export const RECEIVED = 0;
export const HANDLED = 1;
export const IN_PROGRESS = 2;
export const REJECTED = 3;
export const DUPLICATE = 4;
export const OPEN = 5;
export const OVERDUE = 6;
export const RESOLVED = 7;
export const JUDGED = 8;
export const ON_TIME = 9;
export const RATED = 10;
export const SATISFIED = 11;
export const REACHED = 12;
export const REOPENED = 13;
/** Where a status's count goes when a tally does not split it out (never read). */
export const UNCOUNTED = 14;
export const SLOTS = 15;

const S = (name: string) => STATUS_INDEX.get(name)!;
const REJECTED_S = S('rejected');
const DUPLICATE_S = S('duplicate');
/** 1 for resolved and closed: handled, and having reached a resolution. */
const HANDLED_BY_STATUS = Uint8Array.from(REPORT_STATUSES, (s) => +HANDLED_STATUSES.has(s));
/** The cohort counter each status adds to: handled, in progress, rejected or duplicate. */
const COHORT_SLOT = Uint8Array.from(OPEN_BY_STATUS, (open, s) =>
  open
    ? IN_PROGRESS
    : HANDLED_BY_STATUS[s]
      ? HANDLED
      : s === REJECTED_S
        ? REJECTED
        : s === DUPLICATE_S
          ? DUPLICATE
          : UNCOUNTED,
);

/** The counter slots a report with each key adds one to. */
const KEY_SLOTS: number[][] = [
  ...Array.from({ length: STATE_KEYS }, (_, k) => {
    const s = k & ((1 << STATUS_BITS) - 1);
    const [reopened, filed, pastDue] = [3, 4, 5].map((bit) => (k >> bit) & 1);
    const open = OPEN_BY_STATUS[s] === 1;
    return [
      ...(open ? [OPEN] : []),
      ...(open && pastDue ? [OVERDUE] : []),
      ...(filed ? [RECEIVED, COHORT_SLOT[s]!] : []),
      ...(filed && (reopened || HANDLED_BY_STATUS[s]) ? [REACHED] : []),
      ...(filed && reopened ? [REOPENED] : []),
    ];
  }),
  ...Array.from({ length: OUTCOME_KEYS }, (_, k) => {
    const [resolved, rated] = [k & 3, k >> 2];
    return [
      ...(resolved ? [RESOLVED] : []),
      ...(resolved >= 2 ? [JUDGED] : []),
      ...(resolved === 3 ? [ON_TIME] : []),
      ...(rated ? [RATED] : []),
      ...(rated === 2 ? [SATISFIED] : []),
    ];
  }),
];

/** Adds the counters of one group's key counts `keys[offset .. offset + KEYS)` into `counts` (SLOTS long). */
export function addCounters(keys: Int32Array, offset: number, counts: Int32Array): void {
  for (let k = 0; k < KEYS; k++) {
    const n = keys[offset + k]!;
    if (n) for (const slot of KEY_SLOTS[k]!) counts[slot] += n;
  }
}
