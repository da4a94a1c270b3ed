/**
 * Initiatives (sáng kiến, góp ý): a citizen's idea for the city, its topics, statuses, the moves
 * staff make with it and its events, defined once. The tables (db/tables/initiatives.ts), the
 * routes (api/initiatives/), the stream (api/stream/audience.ts), the simulator and the dashboard
 * all take them from here. Pure: no IO.
 */

export const INITIATIVE_TOPICS = [
  'planning',
  'environment',
  'transport',
  'culture',
  'digital_services',
  'other',
] as const;
export type InitiativeTopic = (typeof INITIATIVE_TOPICS)[number];

export const TOPIC_NAMES: Record<InitiativeTopic, { vi: string; en: string }> = {
  planning: { vi: 'Quy hoạch, đô thị', en: 'Planning' },
  environment: { vi: 'Môi trường', en: 'Environment' },
  transport: { vi: 'Giao thông', en: 'Transport' },
  culture: { vi: 'Văn hoá, xã hội', en: 'Culture' },
  digital_services: { vi: 'Dịch vụ số', en: 'Digital services' },
  other: { vi: 'Khác', en: 'Other' },
};

export const INITIATIVE_STATUSES = ['submitted', 'under_review', 'accepted', 'implemented', 'declined'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const INITIATIVE_STATUS_NAMES: Record<InitiativeStatus, { vi: string; en: string }> = {
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  under_review: { vi: 'Đang xem xét', en: 'Under review' },
  accepted: { vi: 'Được tiếp thu', en: 'Accepted' },
  implemented: { vi: 'Đã thực hiện', en: 'Implemented' },
  declined: { vi: 'Không tiếp thu', en: 'Declined' },
};

/**
 * The moves, by the status they lead to, and where each may start. The path is
 * submitted → under_review → accepted → implemented; an idea may be declined at any point before it
 * is implemented (after acceptance too: a study can show it cannot be done). Implemented and
 * declined are final: a new idea is a new initiative. Every move carries a public answer.
 */
export const INITIATIVE_MOVES: Readonly<Record<Exclude<InitiativeStatus, 'submitted'>, readonly InitiativeStatus[]>> = {
  under_review: ['submitted'],
  accepted: ['under_review'],
  implemented: ['accepted'],
  declined: ['submitted', 'under_review', 'accepted'],
};
export type InitiativeMoveTarget = keyof typeof INITIATIVE_MOVES;
export const INITIATIVE_MOVE_TARGETS = Object.keys(INITIATIVE_MOVES) as InitiativeMoveTarget[];

/** Whether `to` may follow `from`. */
export function canMoveInitiative(from: InitiativeStatus, to: InitiativeMoveTarget): boolean {
  return INITIATIVE_MOVES[to].includes(from);
}

/** No move leads out of these: supports close too. */
export const FINAL_INITIATIVE_STATUSES: readonly InitiativeStatus[] = INITIATIVE_STATUSES.filter(
  (s) => !INITIATIVE_MOVE_TARGETS.some((t) => INITIATIVE_MOVES[t].includes(s)),
);
export const isFinalInitiativeStatus = (s: InitiativeStatus): boolean => FINAL_INITIATIVE_STATUSES.includes(s);

/** An answer the city gives with a move: Vietnamese always, English when the desk wrote one. */
export interface InitiativeAnswer {
  vi: string;
  en: string | null;
}

/**
 * An initiative as events and staff lists carry it: never its contact, its citizen token or a
 * supporter. `title` is the citizen's own; `publicTitle` the scrubbed one the public sees, null
 * until an operator publishes it (api/privacy/contactScrub.ts).
 */
export interface InitiativeSummary {
  id: number;
  publicId: string;
  topic: InitiativeTopic;
  status: InitiativeStatus;
  title: string;
  publicTitle: string | null;
  lat: number | null;
  lng: number | null;
  districtCode: string | null;
  communeCode: string | null;
  supportCount: number;
  createdAt: string;
  /** The first answer (the first move): "time to answer" runs from createdAt to here. */
  firstAnsweredAt: string | null;
  publishedAt: string | null;
}

/** What the public may know of a published initiative as the stream carries it: no raw text, no contact. */
export interface PublicInitiativeSummary {
  publicId: string;
  topic: InitiativeTopic;
  status: InitiativeStatus;
  title: string;
  /** Its r8 cell (geo/h3cells.ts publicCellOf), never the point given: that could be a doorstep. */
  cell: string | null;
  districtCode: string | null;
  communeCode: string | null;
  supportCount: number;
  createdAt: string;
  publishedAt: string;
}

/** The initiatives' events and their payloads (merged into core/events.ts's EventPayloads). */
export interface InitiativeEventPayloads {
  /** A citizen submitted it (no actor). */
  'initiative.submitted': { initiative: InitiativeSummary };
  /** One more citizen identity supports it; who is never said. */
  'initiative.supported': { initiative: InitiativeSummary };
  /** Staff moved it, with the public answer. */
  'initiative.moved': {
    from: InitiativeStatus;
    to: InitiativeMoveTarget;
    answer: InitiativeAnswer;
    initiative: InitiativeSummary;
  };
  /** An operator published it: its scrubbed title and text are public from now on. */
  'initiative.published': { initiative: InitiativeSummary };
}

export const INITIATIVE_EVENT_TYPES = [
  'initiative.submitted',
  'initiative.supported',
  'initiative.moved',
  'initiative.published',
] as const satisfies readonly (keyof InitiativeEventPayloads)[];
export type InitiativeEventType = (typeof INITIATIVE_EVENT_TYPES)[number];
// Fails to compile if a payload is defined above but its type is not listed.
const _everyInitiativeTypeListed: [Exclude<keyof InitiativeEventPayloads, InitiativeEventType>] extends [never]
  ? true
  : false = true;
void _everyInitiativeTypeListed;

export const isInitiativeEventType = (t: string): t is InitiativeEventType => t.startsWith('initiative.');
