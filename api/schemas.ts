import { getResolution, isValidCell } from 'h3-js';
import { z } from 'zod';
import { ACTIONS } from '../core/lifecycle';
import { REPORT_STATUSES } from '../core/statuses';
import { hasBidi, isWellFormed, NOT_WELL_FORMED, stripBidi } from './text';
import { AREA_CODE, AREA_CODE_MESSAGE } from '../core/cityPack';

/** Reports are plain text: markup would be rendered by some client some day. */
const MARKUP = /<\s*[a-zA-Z!/?]/;
/** NUL cannot be stored in Postgres text; other control characters only hide things. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Every stored text field: well-formed Unicode, bidi controls removed (api/text.ts says why). */
export const plainText = (min: number, max: number) =>
  z
    .string()
    .refine(isWellFormed, { message: NOT_WELL_FORMED, abort: true })
    .overwrite(stripBidi)
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !MARKUP.test(s), 'must be plain text (no HTML or script) / chỉ nhận văn bản thuần')
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');

/**
 * The dates any request or cursor may name: this century. Every report the desk holds was filed in
 * it, so no real window needs more; within it every date reads the same in JS, in toISOString and in
 * Postgres, and a default window reaching 400 days back from one stays there too. Outside it, year
 * 0000 made a 500 and a year −1 window, and `+275760-09-13` (JS's last day) a 500. A fixed range,
 * not "now + a year", so that the same request gets the same answer whatever the clock says.
 */
export const DATE_MIN = new Date('2000-01-01T00:00:00Z');
export const DATE_MAX = new Date('2100-01-01T00:00:00Z');
const DATE_RANGE = `must be a date from ${DATE_MIN.toISOString().slice(0, 10)} to before ${DATE_MAX.toISOString().slice(0, 10)}`;

/** A date in [DATE_MIN, DATE_MAX), or null: for values parsed by hand (cursors). */
export function boundedDate(text: string): Date | null {
  const d = new Date(text);
  const ms = d.getTime();
  return ms >= DATE_MIN.getTime() && ms < DATE_MAX.getTime() ? d : null;
}

/** `?since=`, `?until=`, `?at=` and the like: ISO 8601 (a date, or a time with its offset), bounded. */
export const isoDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((s, ctx) => {
    const d = boundedDate(s);
    if (d) return d;
    ctx.addIssue({ code: 'custom', message: DATE_RANGE });
    return z.NEVER;
  });

/**
 * Row and event ids are Postgres bigints that must also be exact JS numbers: 1 … 2^53−1
 * (Number.MAX_SAFE_INTEGER, below bigint's 2^63−1). A 20-digit id made a 500.
 */
export const MAX_ID = Number.MAX_SAFE_INTEGER;
const ID_TEXT = /^\d{1,16}$/;

/** An id written as decimal digits, or null if it is not one in 1 … MAX_ID. */
export function parseId(text: string | undefined): number | null {
  if (text === undefined || !ID_TEXT.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_ID ? n : null;
}

/** An id in a query string (`?since=` on the stream, `?featureId=`), 0 allowed for "from the start". */
export const idParam = (min: 0 | 1 = 1) =>
  z
    .string()
    .regex(ID_TEXT, 'must be an id (decimal digits)')
    .transform(Number)
    .pipe(z.number().int().min(min).max(MAX_ID, 'must be an id at most 2^53−1'));

/** An id in a JSON body. */
export const idNumber = z.number().int().positive().max(MAX_ID, 'must be an id at most 2^53−1');

/**
 * A phone number as people write it in any pack's city (spaces, dots, dashes and brackets dropped):
 * Hanoi's 0… or +84…, New York's (212) 555-0142 or +1…; 7 to 15 digits, as E.164 allows.
 */
export const phoneNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.()-]/g, ''))
  .pipe(z.string().regex(/^\+?\d{7,15}$/, 'must be a phone number (7 to 15 digits, optionally +country code)'));
/** The former name (Hanoi only); modules written before the second city import it. */
export const vnPhone = phoneNumber;

export const TITLE_MAX_CHARS = 200;
export const DESCRIPTION_MAX_CHARS = 4_000;
export const MEDIA_MAX_ITEMS = 10;

export const newReportBody = z
  .object({
    category: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a category code from GET /api/categories'),
    lat: z.number().finite().min(-90).max(90),
    lng: z.number().finite().min(-180).max(180),
    title: plainText(3, TITLE_MAX_CHARS),
    description: plainText(1, DESCRIPTION_MAX_CHARS),
    reporter: z
      .object({
        name: plainText(1, 100).optional(),
        phone: phoneNumber.optional(),
        email: z.email().max(254).optional(),
      })
      .strict()
      .optional(),
    media: z
      .array(
        z
          .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
          .max(2_048)
          // A link is not rewritten behind the sender's back: one that hides its direction is refused.
          .refine((u) => isWellFormed(u) && !hasBidi(u), 'must not contain bidirectional controls'),
      )
      .max(MEDIA_MAX_ITEMS)
      .optional(),
  })
  .strict();
export type NewReportBody = z.infer<typeof newReportBody>;

export const transitionBody = z
  .object({
    action: z.enum(ACTIONS),
    note: plainText(1, 1_000).optional(),
    rating: z.number().int().min(1).max(5).optional(),
    duplicateOf: idNumber.optional(),
  })
  .strict();

const csv = <T extends string>(values?: readonly T[]) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(values ? z.array(z.enum(values as unknown as [T, ...T[]])) : z.array(z.string().max(64)))
    .meta({ description: `A comma-separated list${values ? ` of: ${values.join(', ')}` : ''}` });

const bbox = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .pipe(
    z
      .tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ])
      .refine(([a, b, c, d]) => a <= c && b <= d, 'must be minLng,minLat,maxLng,maxLat'),
  );

const h3Cell = z
  .string()
  .regex(/^[0-9a-f]{15}$/, 'must be an H3 cell index')
  .transform((id, ctx) => {
    const res = isValidCell(id) ? getResolution(id) : -1;
    if (res < 6 || res > 10) {
      ctx.addIssue({ code: 'custom', message: 'must be an H3 cell at resolution 6–10' });
      return z.NEVER;
    }
    return { res, id };
  });

export const reportFilterQuery = z
  .object({
    status: csv(REPORT_STATUSES).optional(),
    category: csv().optional().meta({ description: 'Category codes (GET /api/categories), comma-separated' }),
    area: z
      .string()
      .regex(AREA_CODE, AREA_CODE_MESSAGE)
      .optional()
      .meta({ description: 'A district (3-digit) or commune (5-digit) code' }),
    bbox: bbox.optional().meta({ description: 'minLng,minLat,maxLng,maxLat' }),
    cell: h3Cell.optional().meta({ description: 'An H3 cell index at resolution 6–10: the reports inside it' }),
    since: isoDate.optional().meta({ description: 'Window start: an ISO 8601 date, or a time with its offset' }),
    until: isoDate
      .optional()
      .meta({ description: 'Window end (excluded): an ISO 8601 date, or a time with its offset' }),
  })
  .strict();

export const listReportsQuery = reportFilterQuery
  .extend({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional().meta({ description: "The previous page's `nextCursor`" }),
  })
  .strict();

export const hexesQuery = reportFilterQuery.extend({ res: z.coerce.number().int().min(6).max(10).default(8) }).strict();

export const levelQuery = z.object({ level: z.enum(['district', 'commune']).default('district') });

export const areasQuery = reportFilterQuery.extend(levelQuery.shape).strict();

export const areaSeriesQuery = reportFilterQuery
  .extend({
    level: z.enum(['district', 'commune']).default('district'),
    bucket: z.enum(['hour', 'day']).default('day'),
  })
  .strict();

export const timeseriesQuery = reportFilterQuery.extend({ bucket: z.enum(['hour', 'day']).default('day') }).strict();

export const streamQuery = z
  .object({
    since: idParam(0)
      .optional()
      .meta({ description: 'Resume after this event id (as the Last-Event-ID header; the header wins)' }),
    audience: z
      .enum(['ops', 'public'])
      .default('ops')
      .meta({ description: "`public`: a signed-in viewer hears the press's stream instead of its own" }),
    area: z
      .string()
      .regex(AREA_CODE, AREA_CODE_MESSAGE)
      .optional()
      .meta({ description: 'Accepted from older clients and ignored: the viewer decides the scope' }),
  })
  .strict();
