import type { CityPack } from '../../core/cityPack';
import type { Store } from '../../db/store';
import { PublicWindows } from '../stream/publicWindows';
import type { Timers } from '../stream/timers';
import { startRetentionJob } from './retention';
import { DEFAULT_PRIVACY, type PrivacySettings } from './settings';

export interface PrivacyOptions extends Partial<PrivacySettings> {
  /** How often the retention job runs (RETENTION_SWEEP_MS in the server); off when unset (tests call it). */
  retentionSweepMs?: number;
}

/** What routes read of privacy: the settings, and the public stream's windows. */
export interface PrivacyRuntime {
  settings: PrivacySettings;
  windows: PublicWindows;
}

/** Starts the public windows and, when asked, the retention job of one API process. */
export async function startPrivacy(o: {
  store: Store;
  pack: CityPack;
  now: () => Date;
  timers: Timers;
  maxClientBufferBytes: number;
  options?: PrivacyOptions;
}): Promise<PrivacyRuntime & { stop(): Promise<void> }> {
  const { retentionSweepMs, ...given } = o.options ?? {};
  const settings: PrivacySettings = { ...DEFAULT_PRIVACY, ...given };
  const windows = new PublicWindows({
    counts: (since, until) => o.store.publicAggregates.windowCounts(since, until),
    areas: o.pack.areas,
    delayMin: settings.publicDelayMin,
    now: o.now,
    timers: o.timers,
    maxClientBufferBytes: o.maxClientBufferBytes,
  });
  await windows.start();
  const retention = retentionSweepMs
    ? startRetentionJob({
        store: o.store,
        now: o.now,
        retentionDays: settings.contactRetentionDays,
        everyMs: retentionSweepMs,
        timers: o.timers,
      })
    : null;
  return {
    settings,
    windows,
    async stop() {
      await retention?.stop();
      await windows.stop();
    },
  };
}
