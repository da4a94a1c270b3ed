import type { Store } from '../../db/store';

/**
 * How repeated failed sign-ins are slowed, per account and per client address: the first few
 * failures cost nothing (typos), then each locks the key for twice as long as the one before,
 * up to a cap. Counted in the database (db/stores/signInFailures.ts), so several API processes
 * share one count.
 */
export interface ThrottlePolicy {
  /** Failures before any lock. */
  free: number;
  /** The first lock; each further failure doubles it. */
  firstLockMs: number;
  maxLockMs: number;
}

/** Five typos are a person; more is someone trying passwords. */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, firstLockMs: 1_000, maxLockMs: 15 * 60_000 };
/** A whole office or a mobile carrier can share one address: more room, same doubling. */
export const CLIENT_POLICY: ThrottlePolicy = { free: 20, firstLockMs: 1_000, maxLockMs: 15 * 60_000 };
/** A key with no failure for an hour starts again from zero (longer than the longest lock). */
export const FORGET_FAILURES_AFTER_MS = 60 * 60_000;

export function lockMsFor(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** (failures - policy.free));
}

export const accountKey = (name: string) => `account:${name}`;
export const clientKeyOf = (client: string) => `client:${client}`;

export interface SignInThrottle {
  /** Seconds until an attempt for this account from this client may be checked; 0 = now. */
  retryAfterSec(name: string, client: string, at: Date): Promise<number>;
  failed(name: string, client: string, at: Date): Promise<void>;
  succeeded(name: string): Promise<void>;
  /** Drops counts too old to matter (a name tried once a week ago), so the table stays small. */
  prune(at: Date): Promise<number>;
}

export function createSignInThrottle(store: Pick<Store, 'signInFailures'>): SignInThrottle {
  const { signInFailures } = store;
  return {
    async retryAfterSec(name, client, at) {
      const until = await signInFailures.lockedUntil([accountKey(name), clientKeyOf(client)], at);
      return until ? Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000)) : 0;
    },
    async failed(name, client, at) {
      await signInFailures.fail(accountKey(name), at, FORGET_FAILURES_AFTER_MS, (n) => lockMsFor(ACCOUNT_POLICY, n));
      await signInFailures.fail(clientKeyOf(client), at, FORGET_FAILURES_AFTER_MS, (n) => lockMsFor(CLIENT_POLICY, n));
    },
    // The client's count stays: one good account must not wash an address's guesses away.
    succeeded: (name) => signInFailures.clear(accountKey(name)),
    prune: (at) => signInFailures.prune(new Date(at.getTime() - FORGET_FAILURES_AFTER_MS)),
  };
}
