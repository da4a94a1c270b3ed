import { z } from 'zod';
import { DESCRIPTION_MAX_CHARS, isoDate, plainText, TITLE_MAX_CHARS, vnPhone } from '../schemas';
import { hasBidi, isWellFormed } from '../text';

/** GeoReport v2 lists: `a,b,c` (the standard's "comma delimited"). */
const list = (item: z.ZodType<string, string>, max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, 'must name at least one value').max(max));

/** A report's public id as this city writes them (HN-2026-000041). */
export const REQUEST_ID = /^[A-Z]{2,4}-\d{4}-\d{6,}$/;
const requestId = z.string().regex(REQUEST_ID, 'must be a service_request_id such as HN-2026-000041');
const serviceCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a service_code from services.json');

/** The longest span one listing may cover, and the default when none is given. */
export const MAX_SPAN_DAYS = 90;
/** At most this many requests per answer (the standard's "1,000 requests"), and the default. */
export const MAX_PAGE_SIZE = 1_000;

const pageParams = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
};
const common = {
  jurisdiction_id: z.string().max(64).optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as vi or en')
    .optional(),
};
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const servicesQuery = z.object(common).strict();

export const requestsQuery = z
  .object({
    ...common,
    ...pageParams,
    service_request_id: list(requestId, MAX_PAGE_SIZE).optional(),
    service_code: list(serviceCode, 100).optional(),
    start_date: isoDate.optional(),
    end_date: isoDate.optional(),
    status: list(z.enum(['open', 'closed']), 2).optional(),
    extensions: flag.optional(),
  })
  .strict();

export const requestQuery = z.object({ ...common, extensions: flag.optional() }).strict();

export const updatesQuery = z
  .object({ ...common, ...pageParams, start_date: isoDate.optional(), end_date: isoDate.optional() })
  .strict();

const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d{1,15})?$/, 'must be a decimal number of degrees')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const name = plainText(1, 50);

/**
 * POST requests.(json|xml): the standard's form fields; `attribute[code]` values are checked
 * against the service's definition by the route (api/open311/attributes.ts). Anything else is
 * refused by name.
 */
export const postRequestForm = z
  .object({
    api_key: z.string().min(1).max(200),
    jurisdiction_id: common.jurisdiction_id,
    service_code: serviceCode,
    lat: coordinate(-90, 90).optional(),
    long: coordinate(-180, 180).optional(),
    address_string: plainText(3, 200).optional(),
    address_id: z.string().max(64).optional(),
    email: z.email().max(254).optional(),
    device_id: z.string().max(200).optional(),
    account_id: z.string().max(200).optional(),
    first_name: name.optional(),
    last_name: name.optional(),
    phone: vnPhone.optional(),
    description: plainText(1, DESCRIPTION_MAX_CHARS),
    media_url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2_048)
      .refine((u) => isWellFormed(u) && !hasBidi(u), 'must not contain bidirectional controls')
      .optional(),
    attributes: z.record(z.string(), z.string().max(TITLE_MAX_CHARS * 4)).default({}),
  })
  .strict()
  .refine((f) => (f.lat === undefined) === (f.long === undefined), {
    message: 'lat and long go together',
    path: ['long'],
  })
  .refine((f) => f.lat !== undefined || f.address_string !== undefined, {
    message: 'give lat and long, or address_string / cần tọa độ lat, long hoặc address_string',
    path: ['lat'],
  });
export type PostRequestForm = z.infer<typeof postRequestForm>;
