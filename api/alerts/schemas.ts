import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES } from '../../core/alerts';
import { isoDate, plainText } from '../schemas';
import { AREA_CODE, AREA_CODE_MESSAGE } from '../../core/cityPack';

/** An alert's or news item's title: a line a wall banner can show. */
export const ALERT_TITLE_MAX_CHARS = 160;
export const ALERT_BODY_MAX_CHARS = 2_000;
export const NEWS_BODY_MAX_CHARS = 8_000;
/** Longer than a month is not an alert but a standing notice: publish it as news. */
export const MAX_ALERT_DAYS = 31;

const areaCode = z.string().regex(AREA_CODE, AREA_CODE_MESSAGE);

const content = {
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(ALERT_SEVERITIES),
  titleVi: plainText(3, ALERT_TITLE_MAX_CHARS),
  titleEn: plainText(3, ALERT_TITLE_MAX_CHARS),
  bodyVi: plainText(1, ALERT_BODY_MAX_CHARS),
  bodyEn: plainText(1, ALERT_BODY_MAX_CHARS),
  /** A district or commune of the pack; or `geometry`, never both. */
  area: areaCode,
  /** GeoJSON Polygon or MultiPolygon, checked in full by api/alerts/place.ts. */
  geometry: z.unknown(),
  startsAt: isoDate,
  expiresAt: isoDate,
};

/** POST /api/alerts. `startsAt` defaults to now. */
export const publishAlertBody = z
  .object({
    ...content,
    area: content.area.optional(),
    geometry: content.geometry.optional(),
    startsAt: content.startsAt.optional(),
  })
  .strict();
export type PublishAlertBody = z.infer<typeof publishAlertBody>;

/** PATCH /api/alerts/:id: the fields to change; `area` or `geometry` replaces the alert's place. */
export const editAlertBody = z
  .object({
    kind: content.kind.optional(),
    severity: content.severity.optional(),
    titleVi: content.titleVi.optional(),
    titleEn: content.titleEn.optional(),
    bodyVi: content.bodyVi.optional(),
    bodyEn: content.bodyEn.optional(),
    area: content.area.optional(),
    geometry: content.geometry.optional(),
    startsAt: content.startsAt.optional(),
    expiresAt: content.expiresAt.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type EditAlertBody = z.infer<typeof editAlertBody>;

export const withdrawAlertBody = z.object({ reason: plainText(1, 500).optional() }).strict();

export const listAlertsQuery = z
  .object({
    /** `1`: only alerts in force now; `0` or absent: all, newest first. */
    active: z.enum(['0', '1']).optional(),
    area: areaCode.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const publishNewsBody = z
  .object({
    titleVi: plainText(3, ALERT_TITLE_MAX_CHARS),
    titleEn: plainText(3, ALERT_TITLE_MAX_CHARS),
    bodyVi: plainText(1, NEWS_BODY_MAX_CHARS),
    bodyEn: plainText(1, NEWS_BODY_MAX_CHARS),
  })
  .strict();

export const listNewsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();
