import { z } from 'zod';
import { CATEGORY_GROUPS } from '../../core/cityPack';

/** Runtime shapes of the pack's hand-written JSON, so a typo fails at load with the file named. */

const severity = z.enum(['normal', 'urgent', 'complex']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const categoriesSchema = z
  .array(
    z.object({
      code: z.string().regex(/^[a-z][a-z0-9_]*$/),
      group: z.enum(CATEGORY_GROUPS),
      nameVi: z.string().min(1),
      nameEn: z.string().min(1),
      agencyCode: z.string().min(1),
      agencyVi: z.string().min(1),
      agencyEn: z.string().min(1),
      severity,
    }),
  )
  .min(1);

export const calendarSchema = z.object({
  timezone: z.string().min(1),
  periods: z.array(z.tuple([hhmm, hhmm])).min(1),
  workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1),
  holidays: z.array(z.object({ date: isoDate, nameVi: z.string(), nameEn: z.string() })),
  compensatoryWorkingDays: z.array(z.object({ date: isoDate, noteVi: z.string(), noteEn: z.string() })),
});

export const slaSchema = z.object({
  acceptWithinHours: z.number().positive(),
  resolveWithinHours: z.object({
    normal: z.number().positive(),
    urgent: z.number().positive(),
    complex: z.number().positive(),
  }),
});

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
