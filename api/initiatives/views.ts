import { publicCellOf } from '../../geo/h3cells';
import type { InitiativeAnswerRow, InitiativeContactRow, InitiativeRow } from '../../db/stores/initiatives';
import { type AreaNames, areaRef } from '../views';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function areas(r: InitiativeRow, names: AreaNames) {
  return { district: areaRef(r.districtCode, names), commune: areaRef(r.communeCode, names) };
}

const location = (r: InitiativeRow) => (r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null);

/** An answer as the public reads it: what the city said and when; not who typed it. */
export function publicAnswerView(a: InitiativeAnswerRow) {
  return { at: a.at.toISOString(), from: a.fromStatus, to: a.toStatus, answer: { vi: a.answerVi, en: a.answerEn } };
}

/** Staff see who answered (user id and role), as a report's history shows its actors. */
export function staffAnswerView(a: InitiativeAnswerRow) {
  return {
    ...publicAnswerView(a),
    actor: a.actorUserId !== null && a.actorRole !== null ? { userId: a.actorUserId, role: a.actorRole } : null,
  };
}

/**
 * An initiative as staff see it: the citizen's own title and text, and the public copies once
 * published; the submitter's contact only in the detail (`contact` given), whose read is audited.
 */
export function staffInitiativeView(
  r: InitiativeRow,
  names: AreaNames,
  answers: InitiativeAnswerRow[],
  contact?: InitiativeContactRow | null,
) {
  return {
    id: r.id,
    publicId: r.publicId,
    topic: r.topic,
    status: r.status,
    title: r.title,
    text: r.description,
    publicTitle: r.publicTitle,
    publicText: r.publicText,
    location: location(r),
    areas: areas(r, names),
    supportCount: r.supportCount,
    source: r.source,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    firstAnsweredAt: iso(r.firstAnsweredAt),
    endedAt: iso(r.endedAt),
    publishedAt: iso(r.publishedAt),
    answers: answers.map(staffAnswerView),
    ...(contact !== undefined ? { submitter: contact } : {}),
  };
}

/**
 * A published initiative as anyone may read it: the scrubbed copies only, never the citizen's own
 * text, never a contact or a supporter. Callers pass published rows only (the store filters).
 */
export function publicInitiativeView(r: InitiativeRow, names: AreaNames, answers: InitiativeAnswerRow[]) {
  return {
    publicId: r.publicId,
    topic: r.topic,
    status: r.status,
    title: r.publicTitle ?? '',
    text: r.publicText ?? '',
    // Its r8 cell, not the point: the public map is no finer than its hexes.
    cell: publicCellOf(r.lat, r.lng),
    areas: areas(r, names),
    supportCount: r.supportCount,
    createdAt: r.createdAt.toISOString(),
    publishedAt: iso(r.publishedAt),
    answers: answers.map(publicAnswerView),
  };
}

/** The submitter's own view (with the citizen token): their text as sent, whether it is public, the answers. */
export function citizenInitiativeView(r: InitiativeRow, names: AreaNames, answers: InitiativeAnswerRow[]) {
  return {
    publicId: r.publicId,
    topic: r.topic,
    status: r.status,
    title: r.title,
    text: r.description,
    location: location(r),
    areas: areas(r, names),
    supportCount: r.supportCount,
    createdAt: r.createdAt.toISOString(),
    publishedAt: iso(r.publishedAt),
    answers: answers.map(publicAnswerView),
  };
}
