import { z } from 'zod';
import { CATEGORY_GROUPS } from '../../core/cityPack';

/** Runtime shapes of the pack's hand-written JSON, so a typo fails at load with the file named. */

const severity = z.enum(['normal', 'urgent', 'complex']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const optionalText = z.string().min(1).optional();

/** Names in each language the pack declares (a one-language pack leaves the other out). */
export function categoriesSchema(languages: readonly ('vi' | 'en')[]) {
  return z
    .array(
      z
        .object({
          code: z.string().regex(/^[a-z][a-z0-9_]*$/),
          group: z.enum(CATEGORY_GROUPS),
          nameVi: optionalText,
          nameEn: optionalText,
          agencyCode: z.string().regex(/^[A-Za-z0-9_]+$/),
          agencyVi: optionalText,
          agencyEn: optionalText,
          severity,
        })
        .strict()
        .superRefine((c, ctx) => {
          for (const lang of languages) {
            const suffix = lang === 'vi' ? 'Vi' : 'En';
            for (const key of [`name${suffix}`, `agency${suffix}`] as const) {
              if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `missing ${lang} text` });
            }
          }
        }),
    )
    .min(1)
    .superRefine((cs, ctx) => {
      const seen = new Set<string>();
      for (const [i, c] of cs.entries()) {
        if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate code ${c.code}` });
        seen.add(c.code);
      }
    });
}

export const calendarSchema = z.object({
  timezone: z.string().min(1),
  periods: z.array(z.tuple([hhmm, hhmm])).min(1),
  workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1),
  // A one-language pack writes one name; the other is filled with it (never shown: the pack offers one language).
  holidays: z.array(
    z
      .object({ date: isoDate, nameVi: z.string().optional(), nameEn: z.string().min(1) })
      .transform((h) => ({ date: h.date, nameVi: h.nameVi ?? h.nameEn, nameEn: h.nameEn })),
  ),
  compensatoryWorkingDays: z.array(
    z
      .object({ date: isoDate, noteVi: z.string().optional(), noteEn: z.string().min(1) })
      .transform((d) => ({ date: d.date, noteVi: d.noteVi ?? d.noteEn, noteEn: d.noteEn })),
  ),
});

export const slaSchema = z.object({
  acceptWithinHours: z.number().positive(),
  resolveWithinHours: z.object({
    normal: z.number().positive(),
    urgent: z.number().positive(),
    complex: z.number().positive(),
  }),
});

export function parseWith<T>(schema: z.ZodType<T, unknown>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
