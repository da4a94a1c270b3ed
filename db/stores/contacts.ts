import type { Db } from '../connect';
import * as erasure from '../queries/contactErasure';

/** Reporter contacts' erasure: by the retention job, or at the reporter's request (db/queries/contactErasure.ts). */
export interface ContactStore {
  /** Contacts of reports finished before `closedBefore`, erased and logged; the report ids. */
  eraseExpired(closedBefore: Date, at: Date, retentionDays: number): Promise<number[]>;
  /** One report's contact, erased and logged; false if there was none. */
  erase(reportId: number, at: Date, by: string): Promise<boolean>;
  erasedAt(reportId: number): Promise<Date | null>;
}

export function createContactStore(db: Db): ContactStore {
  return {
    eraseExpired: (before, at, days) => erasure.eraseExpiredContacts(db, before, at, days),
    erase: (id, at, by) => erasure.eraseContact(db, id, at, by),
    erasedAt: (id) => erasure.contactErasedAt(db, id),
  };
}
