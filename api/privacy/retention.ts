import type { Store } from '../../db/store';
import type { Timers } from '../stream/timers';
import { CHAT_REDACTION } from './chatRedaction';

const DAY_MS = 86_400_000;

/** Reports finished before this instant have had their contacts kept long enough. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * One run of the retention job: erases (and logs) every reporter contact past retention, each with
 * its report's chat scrubbed with it (api/privacy/chatRedaction.ts); the report ids.
 */
export function eraseExpiredContacts(store: Pick<Store, 'contacts'>, now: Date, retentionDays: number) {
  return store.contacts.eraseExpired(retentionCutoff(now, retentionDays), now, retentionDays, CHAT_REDACTION);
}

/**
 * The same for citizens' booking contacts (name, phone, subject), with the same number of days
 * (CONTACT_RETENTION_DAYS: one rule for every contact the city keeps), counted from when the
 * booking finished: cancelled, or its slot ended. The booking ids.
 */
export function eraseExpiredBookingContacts(store: Pick<Store, 'reception'>, now: Date, retentionDays: number) {
  return store.reception.eraseExpiredContacts(retentionCutoff(now, retentionDays), now, retentionDays);
}

/**
 * The same for initiative submitters' contacts, the same number of days after the initiative ended
 * (implemented or declined). The initiative ids.
 */
export function eraseExpiredInitiativeContacts(store: Pick<Store, 'initiatives'>, now: Date, retentionDays: number) {
  return store.initiatives.eraseExpiredContacts(retentionCutoff(now, retentionDays), now, retentionDays);
}

/**
 * Chat words no contact's erasure covered: general threads' citizen messages erased the same number
 * of days after the thread's last message, and report threads' citizen messages written after their
 * report's contact was erased (or on a report without one) scrubbed once the report is finished and
 * the thread quiet that long. The threads redacted.
 */
export function redactQuietChats(store: Pick<Store, 'chat'>, now: Date, retentionDays: number) {
  return store.chat.redactQuiet(retentionCutoff(now, retentionDays), now, retentionDays, CHAT_REDACTION);
}

export interface RetentionJobOptions {
  store: Pick<Store, 'contacts' | 'reception' | 'initiatives' | 'chat'>;
  now: () => Date;
  retentionDays: number;
  everyMs: number;
  timers: Timers;
}

/**
 * The scheduled retention job of an API process: a run at start, then every `everyMs`. Several
 * processes may run it at once: each contact and chat thread is erased and logged by exactly one of
 * them (see db/queries/contactErasure.ts, chatRedaction.ts), the others find nothing left. A failed run (database down) is
 * only reported; the next one erases what it missed.
 */
export function startRetentionJob(o: RetentionJobOptions) {
  let running: Promise<void> | null = null;
  const once = async () => {
    const now = o.now();
    const reports = await eraseExpiredContacts(o.store, now, o.retentionDays);
    if (reports.length)
      console.log(`citydesk: erased ${reports.length} reporter contact(s) past ${o.retentionDays} days`);
    const bookings = await eraseExpiredBookingContacts(o.store, now, o.retentionDays);
    if (bookings.length)
      console.log(`citydesk: erased ${bookings.length} booking contact(s) past ${o.retentionDays} days`);
    const initiatives = await eraseExpiredInitiativeContacts(o.store, now, o.retentionDays);
    if (initiatives.length)
      console.log(`citydesk: erased ${initiatives.length} initiative contact(s) past ${o.retentionDays} days`);
    const threads = await redactQuietChats(o.store, now, o.retentionDays);
    if (threads.length)
      console.log(
        `citydesk: redacted citizen messages of ${threads.length} chat thread(s) past ${o.retentionDays} days`,
      );
  };
  const run = () =>
    (running ??= once()
      .catch((e) => console.error('citydesk: contact retention failed:', e instanceof Error ? e.message : e))
      .finally(() => (running = null)));
  void run();
  const timer = o.timers.setInterval(run, o.everyMs);
  return {
    async stop() {
      o.timers.clearInterval(timer);
      await running;
    },
  };
}
