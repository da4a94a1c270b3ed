import { getResolution, isValidCell } from 'h3-js';
import { z } from 'zod';
import { ACTIONS } from '../core/lifecycle';
import { REPORT_STATUSES } from '../core/statuses';

/** Reports are plain text: markup would be rendered by some client some day. */
const MARKUP = /<\s*[a-zA-Z!/?]/;
/** NUL cannot be stored in Postgres text; other control characters only hide things. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const plainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !MARKUP.test(s), 'must be plain text (no HTML or script) / chỉ nhận văn bản thuần')
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');

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
        phone: z
          .string()
          .trim()
          .transform((s) => s.replace(/[\s.-]/g, ''))
          .pipe(z.string().regex(/^(\+84|0)\d{9,10}$/, 'must be a Vietnamese phone number'))
          .optional(),
        email: z.email().max(254).optional(),
      })
      .strict()
      .optional(),
    media: z
      .array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_048))
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
    duplicateOf: z.number().int().positive().optional(),
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
    .pipe(values ? z.array(z.enum(values as unknown as [T, ...T[]])) : z.array(z.string().max(64)));

const isoDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((s) => new Date(s));

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
    category: csv().optional(),
    area: z
      .string()
      .regex(/^\d{3}(\d{2})?$/, 'must be a district (3-digit) or commune (5-digit) code')
      .optional(),
    bbox: bbox.optional(),
    cell: h3Cell.optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
  })
  .strict();

export const listReportsQuery = reportFilterQuery
  .extend({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
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
    since: z.coerce.number().int().min(0).optional(),
    audience: z.enum(['ops', 'public']).default('ops'),
    area: z
      .string()
      .regex(/^\d{3}(\d{2})?$/)
      .optional(),
  })
  .strict();
