import type { ReportSummary } from '../../core/events';
import type { ReportRow } from '../types';

/**
 * What an event says about its report: enough for a live map and counters, never contact data
 * or the free-text description (those stay behind GET /api/reports/:id).
 */
export function reportSummary(r: ReportRow): ReportSummary {
  return {
    id: r.id,
    publicId: r.publicId,
    category: r.category,
    severity: r.severity,
    status: r.status,
    title: r.title,
    lat: r.lat,
    lng: r.lng,
    h3r6: r.h3r6,
    h3r7: r.h3r7,
    h3r8: r.h3r8,
    h3r9: r.h3r9,
    h3r10: r.h3r10,
    districtCode: r.districtCode,
    communeCode: r.communeCode,
    agencyCode: r.agencyCode,
    createdAt: r.createdAt.toISOString(),
    dueAt: r.dueAt?.toISOString() ?? null,
    // A paused report waits on the citizen: open, with no deadline running.
    pausedAt: r.pausedAt?.toISOString() ?? null,
    reopenedCount: r.reopenedCount,
  };
}
export type { ReportSummary };
