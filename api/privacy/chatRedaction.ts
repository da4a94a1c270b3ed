import type { ChatRedaction } from '../../db/stores/contacts';
import { SCRUBBED, scrubContacts } from './contactScrub';

/**
 * How privacy erasure rewrites a citizen's chat messages (db/queries/chatRedaction.ts): on a report's
 * thread, the copy every non-staff view already reads (the contact scrub, with the report's contact
 * as it is erased), so the conversation still tells staff what was asked; on a general thread, where
 * no contact is known to scrub, the words are erased, leaving the scrub's own marker.
 */
export const CHAT_REDACTION: ChatRedaction = {
  scrub: (text, contact) => scrubContacts(text, contact ?? {}),
  erasedText: SCRUBBED,
};
