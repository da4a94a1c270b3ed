import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { AuditAction } from '../../core/audit';
import type { Role } from '../../core/roles';
import type { Db } from '../connect';
import { auditLog } from '../schema';

export type AuditRow = typeof auditLog.$inferSelect & { action: AuditAction };

export interface AuditEntry {
  action: AuditAction;
  /** Who: null when nobody is known (a failed sign-in under an unknown name). */
  userId?: number | null;
  role?: Role | null;
  reportId?: number | null;
  /** Small facts that say more (a client address, a field list); never the personal data itself. */
  detail?: Record<string, unknown> | null;
  /** Defaults to now. */
  at?: Date;
}

export interface AuditFilter {
  userId?: number;
  reportId?: number;
  action?: AuditAction;
  /** Inclusive lower bound of `at`. */
  since?: Date;
  /** Exclusive upper bound of `at`. */
  until?: Date;
  /** Entries with an id below this one: the next page after the last entry seen. */
  beforeId?: number;
  /** Default 100, at most 1,000. */
  limit?: number;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The audit trail: who read or changed what, newest first. Append-only. */
export interface AuditStore {
  record(entry: AuditEntry): Promise<AuditRow>;
  list(filter?: AuditFilter): Promise<AuditRow[]>;
}

export function createAuditStore(db: Db): AuditStore {
  return {
    async record(e) {
      const [row] = await db
        .insert(auditLog)
        .values({
          at: e.at ?? new Date(),
          userId: e.userId ?? null,
          role: e.role ?? null,
          action: e.action,
          reportId: e.reportId ?? null,
          detail: e.detail ?? null,
        })
        .returning();
      return row as AuditRow;
    },
    async list(f = {}) {
      const where: (SQL | undefined)[] = [
        f.userId === undefined ? undefined : eq(auditLog.userId, f.userId),
        f.reportId === undefined ? undefined : eq(auditLog.reportId, f.reportId),
        f.action === undefined ? undefined : eq(auditLog.action, f.action),
        f.since === undefined ? undefined : gte(auditLog.at, f.since),
        f.until === undefined ? undefined : lt(auditLog.at, f.until),
        f.beforeId === undefined ? undefined : lt(auditLog.id, f.beforeId),
      ];
      const limit = Math.min(Math.max(1, f.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(limit);
      return rows as AuditRow[];
    },
  };
}
