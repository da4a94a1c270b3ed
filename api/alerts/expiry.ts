import type { AlertSummary } from '../../core/alerts';
import type { AlertStore } from '../../db/stores/alerts';
import { describeError } from '../errorLog';

/**
 * Expiry is minutes-grained (a storm warning until 18:00); a banner lingering up to 15 s past it
 * is fine, and every client also hides an alert at its expiry by its own clock.
 */
export const ALERT_EXPIRY_SWEEP_MS = 15_000;

export interface AlertExpiry {
  /** One sweep now: the alerts it expired (none when another process got there first). */
  sweep(): Promise<AlertSummary[]>;
  stop(): Promise<void>;
}

/**
 * Expires alerts past their time, every `periodMs` (none when unset: tests call `sweep`). Every API
 * process may run it: the store's conditional update writes each alert.expired once.
 */
export function startAlertExpiry(store: Pick<AlertStore, 'expire'>, now: () => Date, periodMs?: number): AlertExpiry {
  let running: Promise<AlertSummary[]> | null = null;
  const sweep = () => {
    running ??= store.expire(now()).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = periodMs
    ? setInterval(() => {
        sweep().catch((e) => console.error('citydesk: alert expiry sweep failed:', describeError(e)));
      }, periodMs)
    : null;
  return {
    sweep,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
