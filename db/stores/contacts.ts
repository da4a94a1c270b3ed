import type { Db } from '../connect';
import type { ChatRedaction } from '../queries/chatRedaction';
import * as erasure from '../queries/contactErasure';

export type { ChatRedaction, ErasedContact } from '../queries/chatRedaction';
export type { RequestErasure } from '../queries/contactErasure';

/**
 * Reporter contacts' erasure: by the retention job, or at the reporter's request, each with the
 * report's chat scrubbed with the contact as it goes (db/queries/contactErasure.ts).
 */
export interface ContactStore {
  /** Contacts of reports finished before `closedBefore`, erased and logged, their chats scrubbed; the report ids. */
  eraseExpired(closedBefore: Date, at: Date, retentionDays: number, chat: ChatRedaction): Promise<number[]>;
  /** One report's contact erased and logged, and its chat scrubbed. */
  erase(reportId: number, at: Date, by: string, chat: ChatRedaction): Promise<erasure.RequestErasure>;
  erasedAt(reportId: number): Promise<Date | null>;
}

export function createContactStore(db: Db): ContactStore {
  return {
    eraseExpired: (before, at, days, chat) => erasure.eraseExpiredContacts(db, before, at, days, chat),
    erase: (id, at, by, chat) => erasure.eraseContact(db, id, at, by, chat),
    erasedAt: (id) => erasure.contactErasedAt(db, id),
  };
}
