import { type EventPayloads, type ReportEventType, typedEvent } from '../core/events';
import type { HistoryRow } from '../db/stores/events';
import type { ContactRow, ReportRow } from '../db/types';
import type { Role } from '../core/roles';
import type { CityPack } from '../core/cityPack';

export type AreaNames = Map<string, { code: string; nameVi: string; nameEn: string; level: string }>;

export function areaNames(pack: CityPack): AreaNames {
  return new Map(pack.areas.map((a) => [a.code, { code: a.code, nameVi: a.nameVi, nameEn: a.nameEn, level: a.level }]));
}

/** An area a report lies in: its names when the pack knows the code (an area since dropped has only its code). */
export type AreaRef = { code: string; nameVi?: string; nameEn?: string; level?: string };

export function areaRef(code: string | null, names: AreaNames): AreaRef | null {
  return code ? (names.get(code) ?? { code }) : null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A report as the operations desk sees it; contact only when asked for (detail view). */
export function reportView(r: ReportRow, names: AreaNames, contact?: ContactRow | null) {
  return {
    id: r.id,
    publicId: r.publicId,
    category: r.category,
    severity: r.severity,
    status: r.status,
    title: r.title,
    description: r.description,
    lat: r.lat,
    lng: r.lng,
    cells: { r6: r.h3r6, r7: r.h3r7, r8: r.h3r8, r9: r.h3r9, r10: r.h3r10 },
    areas: {
      district: areaRef(r.districtCode, names),
      commune: areaRef(r.communeCode, names),
    },
    agency: r.agencyCode,
    media: r.media,
    createdAt: r.createdAt.toISOString(),
    acceptedAt: iso(r.acceptedAt),
    dueAt: iso(r.dueAt),
    // Waiting on the citizen since (the clock stands still), and working hours paused so far.
    pausedAt: iso(r.pausedAt),
    pausedHours: r.pausedHours,
    resolvedAt: iso(r.resolvedAt),
    resolvedOnTime: r.resolvedOnTime,
    closedAt: iso(r.closedAt),
    updatedAt: r.updatedAt.toISOString(),
    reopenedCount: r.reopenedCount,
    rating: r.rating,
    duplicateOf: r.duplicateOf,
    source: r.source,
    publishable: r.publishable,
    ...(contact !== undefined ? { reporter: contact } : {}),
  };
}

/** The staff member behind a step; null for the citizen's filing and the system's own moves. */
export type HistoryActor = { userId: number; name: string | null; role: Role } | null;

/** One step of a report's story: the event without the report summary (the detail has the report itself), and who took it. */
export type HistoryView = {
  [T in ReportEventType]: { id: number; at: string; type: T } & Omit<EventPayloads[T], 'report'> & {
      actor: HistoryActor;
    };
}[ReportEventType];

/** A report's own event (db historyOfReport returns only those) as its history shows it. */
export function historyView(row: HistoryRow): HistoryView {
  const e = typedEvent(row);
  const { report: _omit, ...rest } = e.payload as EventPayloads[ReportEventType];
  const actor: HistoryActor =
    row.actorUserId != null && row.actorRole != null
      ? { userId: row.actorUserId, name: row.actorName, role: row.actorRole }
      : null;
  return { id: e.id, at: e.at.toISOString(), type: e.type, ...rest, actor } as HistoryView;
}
