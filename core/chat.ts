import type { Role } from './roles';

/**
 * Hanoi Chat's vocabulary: a thread between a citizen and the handling side, on a report (its
 * operators, the chief of its area, its agency) or, opened by an operator, on no report at all (a
 * question about a service). Defined once: the store writes these, the stream projects them
 * (api/stream/audience.ts), the dashboard reads them with `import type`. Pure: no IO.
 */

/** The two sides of a thread; each has one read receipt (the last message it has read). */
export const CHAT_SIDES = ['citizen', 'staff'] as const;
export type ChatSide = (typeof CHAT_SIDES)[number];

/** A message is a short exchange, not a report: 2,000 characters is a long SMS thread's worth. */
export const CHAT_TEXT_MAX_CHARS = 2_000;
/** Photos of the place or a document; more belong in the report itself. */
export const CHAT_IMAGES_MAX = 4;
export const CHAT_IMAGE_URL_MAX_CHARS = 2_048;
export const CHAT_SUBJECT_MAX_CHARS = 200;

/** The staff member behind a message; a citizen's message has none (citizens have no accounts). */
export interface ChatAuthor {
  userId: number;
  /** The sign-in name, for colleagues; a citizen's view shows the role only. */
  name: string | null;
  role: Role;
}

export interface ChatMessage {
  id: number;
  threadId: number;
  at: string;
  side: ChatSide;
  /** null for the citizen. */
  author: ChatAuthor | null;
  text: string;
  /** https URLs only. */
  images: string[];
}

/**
 * Which thread an event is about, with what scopes it: a report thread carries its report's areas
 * and agency (chiefs and the agency hear of it), a general thread none (operators only). Named
 * `thread`, never `report`: a stream client takes an event with a `report` for a report event.
 */
export interface ChatThreadRef {
  id: number;
  reportId: number | null;
  publicId: string | null;
  /** A general thread's subject; null on a report thread (the report is its subject). */
  subject: string | null;
  districtCode: string | null;
  communeCode: string | null;
  agencyCode: string | null;
}

export interface ChatEventPayloads {
  'chat.message': { thread: ChatThreadRef; message: ChatMessage };
  /** One side has read the thread up to `lastReadId` (a message id of the thread). */
  'chat.read': { thread: ChatThreadRef; side: ChatSide; lastReadId: number };
}

export const CHAT_EVENT_TYPES = ['chat.message', 'chat.read'] as const satisfies ReadonlyArray<keyof ChatEventPayloads>;
export type ChatEventType = (typeof CHAT_EVENT_TYPES)[number];

export const isChatEventType = (t: string): t is ChatEventType => t.startsWith('chat.');
