import type { ChatMessage, ChatThreadRef } from '../../core/chat';
import type { Role } from '../../core/roles';
import type { ThreadRow } from '../../db/stores/chat';
import { type KnownContact, scrubContacts } from '../privacy/contactScrub';

/** A thread's head as both sides read it: what it is about and how far each side has read. */
export function threadView(ref: ChatThreadRef, row: ThreadRow | null) {
  return {
    /** null until the first message of a report's thread creates it. */
    id: row?.id ?? null,
    reportId: ref.reportId,
    publicId: ref.publicId,
    subject: ref.subject,
    createdAt: row?.createdAt.toISOString() ?? null,
    read: { citizen: row?.citizenReadId ?? 0, staff: row?.staffReadId ?? 0 },
  };
}

/** Staff see every message as written, with the colleague who wrote it. */
export function staffThreadView(ref: ChatThreadRef, row: ThreadRow | null, messages: ChatMessage[]) {
  return { thread: threadView(ref, row), messages };
}

/** A message as the citizen's side reads it (see citizenMessage). */
export interface CitizenChatMessage extends Omit<ChatMessage, 'author'> {
  /** The handling side by role only (which office answered), never a staff member's id or name. */
  author: { role: Role } | null;
}

/**
 * The citizen's side is not staff: whoever holds the token reads there, and a token can be passed
 * on or leak. So the citizen's own messages come back through the contact scrub, as in every view
 * that is not staff's (the phone or e-mail typed into a message, the contact given with the report).
 */
export function citizenMessage(m: ChatMessage, known: KnownContact): CitizenChatMessage {
  return {
    ...m,
    text: m.side === 'citizen' ? scrubContacts(m.text, known) : m.text,
    author: m.author ? { role: m.author.role } : null,
  };
}

export function citizenThreadView(
  ref: ChatThreadRef,
  row: ThreadRow | null,
  messages: ChatMessage[],
  known: KnownContact,
) {
  return { thread: threadView(ref, row), messages: messages.map((m) => citizenMessage(m, known)) };
}

export type StaffThreadView = ReturnType<typeof staffThreadView>;
export type CitizenThreadView = ReturnType<typeof citizenThreadView>;
