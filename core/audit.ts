/**
 * What the audit log (audit_log.action) records, defined once: the store types its writes with it
 * and the admin's audit view filters by it. Pure: no IO.
 */
export const AUDIT_ACTIONS = [
  // Sign-in and sessions (api/routes/auth.ts).
  'signin',
  'signin.failed',
  'signout',
  // Accounts (npm run user, demo accounts).
  'user.added',
  'user.disabled',
  'user.password',
  'token.created',
  'token.revoked',
  // Open311 clients' API keys (npm run apikey).
  'apikey.added',
  'apikey.revoked',
  // Reporter contact data (Decree 13/2023/NĐ-CP): every read, every erasure.
  'contact.read',
  'contact.erased',
  // A citizen's booking contact (name, phone, subject; core/reception.ts), the same rules.
  'booking.contact.read',
  'booking.contact.erased',
  // An initiative's submitter contact (core/initiatives.ts), the same rules.
  'initiative.contact.read',
  'initiative.contact.erased',
  // A citizen's own words in Hanoi Chat (core/chat.ts): a report thread's citizen messages replaced
  // by their contact-scrubbed copies, a general thread's erased; the thread and staff messages stay.
  'chat.scrubbed',
  'chat.erased',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
