import { z } from 'zod';
import { INITIATIVE_MOVE_TARGETS, INITIATIVE_STATUSES, INITIATIVE_TOPICS } from '../../core/initiatives';
import { DESCRIPTION_MAX_CHARS, plainText, TITLE_MAX_CHARS, vnPhone } from '../schemas';
import { AREA_CODE, AREA_CODE_MESSAGE } from '../../core/cityPack';

const areaCode = z.string().regex(AREA_CODE, AREA_CODE_MESSAGE);

/** A citizen's idea. A place is optional: a point (lat and lng together), or an area code, not both. */
export const newInitiativeBody = z
  .object({
    title: plainText(3, TITLE_MAX_CHARS),
    text: plainText(10, DESCRIPTION_MAX_CHARS),
    topic: z.enum(INITIATIVE_TOPICS),
    lat: z.number().finite().min(-90).max(90).optional(),
    lng: z.number().finite().min(-180).max(180).optional(),
    area: areaCode.optional(),
    submitter: z
      .object({ name: plainText(1, 100).optional(), phone: vnPhone.optional(), email: z.email().max(254).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.lat === undefined) !== (b.lng === undefined)) {
      const field = b.lat === undefined ? 'lat' : 'lng';
      ctx.addIssue({ code: 'custom', path: [field], message: 'lat and lng go together / cần cả vĩ độ và kinh độ' });
    } else if (b.lat !== undefined && b.area !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['area'], message: 'give a point or an area, not both / chỉ chọn một' });
    }
  });
export type NewInitiativeBody = z.infer<typeof newInitiativeBody>;

/** A supporter names themselves by a phone number or an e-mail address, exactly one. */
export const supportBody = z
  .object({ phone: vnPhone.optional(), email: z.string().trim().pipe(z.email().max(254)).optional() })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.phone === undefined) === (b.email === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'give a phone number or an e-mail address (one) / cần số điện thoại hoặc email',
      });
    }
  });

export const moveBody = z
  .object({
    to: z
      .enum(INITIATIVE_MOVE_TARGETS as [string, ...string[]])
      .transform((s) => s as (typeof INITIATIVE_MOVE_TARGETS)[number]),
    answer: z.object({ vi: plainText(2, 2_000), en: plainText(2, 2_000).optional() }).strict(),
  })
  .strict();

const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]])));

export const listInitiativesQuery = z
  .object({
    status: csv(INITIATIVE_STATUSES).optional(),
    topic: csv(INITIATIVE_TOPICS).optional(),
    area: areaCode.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
