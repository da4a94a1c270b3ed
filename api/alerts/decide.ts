import type { AlertChanges } from '../../core/alerts';
import { areaCodesOf } from '../../core/areaScope';
import type { AlertDecision, AlertFields, AlertRow } from '../../db/stores/alerts';
import { Forbidden } from '../auth/middleware';
import type { StaffViewer } from '../auth/viewer';
import { AppError, NotFound, ValidationError } from '../errors';
import { type AlertPlace, checkAlertGeometry, type PlaceContext, placeWithin, touchedAreas } from './place';
import { type EditAlertBody, MAX_ALERT_DAYS, type PublishAlertBody } from './schemas';

/**
 * The rules of publishing, editing and withdrawing an alert, apart from HTTP and storage: what a
 * body makes of an alert, whether its window makes sense, and who may act on which place.
 */

const DAY_MS = 86_400_000;

export class AlertEnded extends AppError {
  constructor(status: string) {
    super(409, 'alert_ended', `The alert is ${status}; it can no longer change / Cảnh báo đã kết thúc`);
  }
}

/** The place a body names, or its stored place: an area of the pack xor a checked polygon. */
function placeOf(body: { area?: string; geometry?: unknown }, ctx: PlaceContext): AlertPlace | null {
  if (body.area !== undefined && body.geometry !== undefined)
    throw new ValidationError('area: name an area or draw a polygon, not both / Chọn khu vực hoặc vẽ vùng', 'area');
  if (body.area !== undefined) {
    if (!ctx.pack.areas.some((a) => a.code === body.area))
      throw new ValidationError(`area: ${body.area} is not an area of the city / Không có khu vực này`, 'area');
    return { areaCode: body.area, geometry: null };
  }
  if (body.geometry !== undefined)
    return { areaCode: null, geometry: checkAlertGeometry(body.geometry, ctx.pack.bbox, ctx.pack.nameEn) };
  return null;
}

export function storedPlace(r: Pick<AlertRow, 'areaCode' | 'geometry'>): AlertPlace {
  return r.areaCode !== null ? { areaCode: r.areaCode, geometry: null } : { areaCode: null, geometry: r.geometry! };
}

/** Expiry after start, not already past, and at most MAX_ALERT_DAYS after the start. */
function checkWindow(startsAt: Date, expiresAt: Date, now: Date): void {
  if (expiresAt <= startsAt)
    throw new ValidationError('expiresAt: must be after startsAt / Hết hạn phải sau thời điểm bắt đầu', 'expiresAt');
  if (expiresAt <= now)
    throw new ValidationError('expiresAt: must be in the future / Thời điểm hết hạn đã qua', 'expiresAt');
  if (expiresAt.getTime() - startsAt.getTime() > MAX_ALERT_DAYS * DAY_MS)
    throw new ValidationError(`expiresAt: at most ${MAX_ALERT_DAYS} days after startsAt`, 'expiresAt');
}

/** A chief acts only inside its own area; the operations centre anywhere (routes keep agencies out). */
export function mayActOn(viewer: StaffViewer, place: AlertPlace, ctx: PlaceContext): boolean {
  if (viewer.role !== 'chief') return true;
  return placeWithin(place, areaCodesOf(viewer.areaCode, ctx.pack.areas), ctx);
}

/** Whether a viewer sees an alert: a chief those touching its area, everyone else all. */
export function visibleTo(viewer: StaffViewer, a: Pick<AlertRow, 'areaCodes'>, ctx: PlaceContext): boolean {
  if (viewer.role !== 'chief') return true;
  const own = areaCodesOf(viewer.areaCode, ctx.pack.areas);
  return a.areaCodes.some((code) => own.includes(code));
}

/** An alert a chief does not see does not exist for it (404, as a report outside its area). */
function requireVisible(viewer: StaffViewer, current: AlertRow, ctx: PlaceContext): void {
  if (!visibleTo(viewer, current, ctx)) throw new NotFound(`Alert ${current.id}`);
}

/** `asked`: the place comes from the body, so the refusal names its field. */
function requireWithin(viewer: StaffViewer, place: AlertPlace, ctx: PlaceContext, asked = false): void {
  if (!mayActOn(viewer, place, ctx))
    throw new Forbidden(
      'The alert reaches outside your area / Cảnh báo vượt ra ngoài địa bàn của bạn',
      asked ? (place.geometry ? 'geometry' : 'area') : undefined,
    );
}

/** POST /api/alerts: the alert to store, or the refusal. */
export function fieldsToPublish(
  body: PublishAlertBody,
  viewer: StaffViewer,
  ctx: PlaceContext,
  now: Date,
): AlertFields {
  const place = placeOf(body, ctx);
  if (!place)
    throw new ValidationError('area: name an area or draw a polygon / Chọn khu vực hoặc vẽ vùng cảnh báo', 'area');
  requireWithin(viewer, place, ctx, true);
  const startsAt = body.startsAt ?? now;
  checkWindow(startsAt, body.expiresAt, now);
  return {
    kind: body.kind,
    severity: body.severity,
    titleVi: body.titleVi,
    titleEn: body.titleEn,
    bodyVi: body.bodyVi,
    bodyEn: body.bodyEn,
    ...place,
    areaCodes: touchedAreas(place, ctx),
    startsAt,
    expiresAt: body.expiresAt,
  };
}

const TEXT_FIELDS = ['kind', 'severity', 'titleVi', 'titleEn', 'bodyVi', 'bodyEn'] as const;

/** PATCH /api/alerts/:id on the alert as read under lock: the new fields and what they replaced. */
export function decideEdit(
  current: AlertRow,
  body: EditAlertBody,
  viewer: StaffViewer,
  ctx: PlaceContext,
  now: Date,
): AlertDecision {
  requireVisible(viewer, current, ctx);
  if (current.status !== 'active') throw new AlertEnded(current.status);
  const was = storedPlace(current);
  requireWithin(viewer, was, ctx);
  const place = placeOf(body, ctx) ?? was;
  if (place !== was) requireWithin(viewer, place, ctx, true);
  const startsAt = body.startsAt ?? current.startsAt;
  const expiresAt = body.expiresAt ?? current.expiresAt;
  checkWindow(startsAt, expiresAt, now);
  const before: AlertChanges = {};
  for (const k of TEXT_FIELDS)
    if (body[k] !== undefined && body[k] !== current[k]) Object.assign(before, { [k]: current[k] });
  if (place !== was) Object.assign(before, { areaCode: current.areaCode, geometry: current.geometry ?? null });
  if (startsAt.getTime() !== current.startsAt.getTime()) before.startsAt = current.startsAt.toISOString();
  if (expiresAt.getTime() !== current.expiresAt.getTime()) before.expiresAt = current.expiresAt.toISOString();
  const fields: AlertFields = {
    kind: body.kind ?? current.kind,
    severity: body.severity ?? current.severity,
    titleVi: body.titleVi ?? current.titleVi,
    titleEn: body.titleEn ?? current.titleEn,
    bodyVi: body.bodyVi ?? current.bodyVi,
    bodyEn: body.bodyEn ?? current.bodyEn,
    ...place,
    areaCodes: place === was ? current.areaCodes : touchedAreas(place, ctx),
    startsAt,
    expiresAt,
  };
  return { kind: 'update', fields, before };
}

/** POST /api/alerts/:id/withdraw on the alert as read under lock. */
export function decideWithdraw(
  current: AlertRow,
  reason: string | undefined,
  viewer: StaffViewer,
  ctx: PlaceContext,
): AlertDecision {
  requireVisible(viewer, current, ctx);
  if (current.status !== 'active') throw new AlertEnded(current.status);
  requireWithin(viewer, storedPlace(current), ctx);
  return { kind: 'withdraw', reason: reason ?? null };
}
