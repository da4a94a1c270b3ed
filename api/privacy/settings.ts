/**
 * Privacy settings (Decree 13/2023/NĐ-CP is the yardstick), parsed from PUBLIC_DELAY_MIN and
 * CONTACT_RETENTION_DAYS in api/env.ts.
 */
export interface PrivacySettings {
  /**
   * Minutes the public waits for counts: nothing filed after now − delay reaches the public stream
   * or the public endpoints, so a fresh report cannot be matched to a person walking past.
   */
  publicDelayMin: number;
  /** Days a reporter's contact is kept after the report closes (closed, rejected or duplicate). */
  contactRetentionDays: number;
}

export const DEFAULT_PRIVACY: PrivacySettings = { publicDelayMin: 15, contactRetentionDays: 365 };

/**
 * How often the retention job runs. Retention is counted in days, so erasing up to an hour late
 * changes nothing, while an hourly run keeps each DELETE small and spares the database.
 */
export const RETENTION_SWEEP_MS = 3_600_000;
