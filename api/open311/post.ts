import type { Context } from 'hono';
import type { Category, CityPack } from '../../core/cityPack';
import type { PoiIndex } from '../poi/searchIndex';
import { DESCRIPTION_MAX_CHARS, type NewReportBody, plainText, TITLE_MAX_CHARS } from '../schemas';
import { ValidationError } from '../errors';
import { toValidationError } from '../validate';
import { attributesOf, severityOf } from './attributes';
import { type PostRequestForm, postRequestForm } from './schemas';
import { serviceName } from './services';

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;
const ATTRIBUTE = /^attribute\[([^\]]{1,40})\]$/;

/**
 * The POST body as the standard sends it (form-encoded): one value per field, `attribute[code]`
 * gathered into `attributes`; a field given twice or as a file is refused by name.
 */
export async function readForm(c: Context): Promise<Record<string, unknown>> {
  if (!FORM_TYPES.test(c.req.header('content-type') ?? ''))
    throw new ValidationError(
      'POST requests takes a form (application/x-www-form-urlencoded or multipart/form-data) / Gửi dạng biểu mẫu',
      'body',
      'unsupported_content_type',
    );
  let raw: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    raw = await c.req.parseBody({ all: true });
  } catch {
    // A multipart body without its boundary, or one cut short: the client's to fix.
    throw new ValidationError('body: not a form that can be read / Biểu mẫu không đọc được', 'body', 'malformed_form');
  }
  const form: Record<string, unknown> = {};
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value)) throw new ValidationError(`${key}: given more than once`, key);
    if (typeof value !== 'string') throw new ValidationError(`${key}: must be text, not a file`, key);
    const m = ATTRIBUTE.exec(key);
    if (m) attributes[m[1]!] = value;
    else if (key === 'attributes') throw new ValidationError('attributes: send attribute[code]=value', key);
    else form[key] = value;
  }
  return { ...form, attributes };
}

/** zod's field names are ours: `attributes.title` is the form's `attribute[title]`. */
export function parseForm(form: Record<string, unknown>): PostRequestForm {
  const parsed = postRequestForm.safeParse(form);
  if (parsed.success) return parsed.data;
  const e = toValidationError(parsed.error);
  const field = e.field?.replace(/^attributes\.(.+)$/, 'attribute[$1]');
  throw new ValidationError(e.message.replace(/^attributes\.([^:]+)/, 'attribute[$1]'), field);
}

const titleText = plainText(3, TITLE_MAX_CHARS);

/** Each attribute answer against the service's definition (api/open311/attributes.ts). */
function checkAttributes(c: Category, answers: Record<string, string>) {
  const known = attributesOf(c);
  for (const [code, value] of Object.entries(answers)) {
    const spec = known.find((a) => a.code === code);
    if (!spec)
      throw new ValidationError(`attribute[${code}]: service ${c.code} has no such attribute`, `attribute[${code}]`);
    if (spec.values && !spec.values.some((v) => v.key === value))
      throw new ValidationError(
        `attribute[${code}]: must be one of ${spec.values.map((v) => v.key).join(', ')}`,
        `attribute[${code}]`,
      );
  }
}

/** The title: the attribute, else the description's first line (cut at a word), else the service's name. */
function titleOf(form: PostRequestForm, c: Category, lang: 'vi' | 'en'): string {
  const given = form.attributes.title;
  if (given !== undefined) {
    const t = titleText.safeParse(given);
    if (!t.success) throw new ValidationError(`attribute[title]: ${t.error.issues[0]!.message}`, 'attribute[title]');
    return t.data;
  }
  const line = form.description.split('\n')[0]!.trim();
  const cut = line.length <= TITLE_MAX_CHARS ? line : `${line.slice(0, TITLE_MAX_CHARS - 1).replace(/\s+\S*$/, '')}…`;
  return cut.length >= 3 ? cut : serviceName(c, lang);
}

/**
 * Where: lat/long as given, else the place `address_string` names in the city's points of
 * interest (api/poi/); the address is kept as the description's last line for the agency.
 */
function placeOf(form: PostRequestForm, poi: PoiIndex): { lat: number; lng: number; addressLine: string | null } {
  const addressLine = form.address_string ? `Địa chỉ / Address: ${form.address_string}` : null;
  if (form.lat !== undefined && form.long !== undefined) return { lat: form.lat, lng: form.long, addressLine };
  const found = poi.search({ q: form.address_string!, limit: 1 }).items[0];
  if (!found)
    throw new ValidationError(
      'address_string: no place of that name is known; send lat and long / Không tìm thấy địa điểm, vui lòng gửi tọa độ',
      'address_string',
      'address_not_found',
    );
  return { lat: found.lat, lng: found.lng, addressLine };
}

/** The form as the intake's body (api/domain/intake.ts), with the severity the attributes ask for. */
export function toReportBody(
  form: PostRequestForm,
  c: Category,
  pack: Pick<CityPack, 'languages'>,
  poi: PoiIndex,
): { body: NewReportBody; severity: Category['severity'] } {
  checkAttributes(c, form.attributes);
  const lang = pack.languages[0]!;
  const place = placeOf(form, poi);
  const description = place.addressLine ? `${form.description}\n\n${place.addressLine}` : form.description;
  if (description.length > DESCRIPTION_MAX_CHARS)
    throw new ValidationError(
      `description: with the address it is over ${DESCRIPTION_MAX_CHARS} characters`,
      'description',
    );
  // Vietnamese names are written family name first; the pack's first language decides the order.
  const nameParts = lang === 'vi' ? [form.last_name, form.first_name] : [form.first_name, form.last_name];
  const name = nameParts.filter(Boolean).join(' ') || undefined;
  const reporter = name || form.phone || form.email ? { name, phone: form.phone, email: form.email } : undefined;
  return {
    body: {
      category: c.code,
      lat: place.lat,
      lng: place.lng,
      title: titleOf(form, c, lang),
      description,
      ...(reporter ? { reporter } : {}),
      ...(form.media_url ? { media: [form.media_url] } : {}),
    },
    severity: severityOf(c, form.attributes),
  };
}
