/**
 * Plausible street wording for a simulated report, from the pack's content (core/reportContent.ts):
 * real street names chosen by the area's district (its `parentCode`), so a report in Cầu Giấy
 * mentions Cầu Giấy's streets and one in Brooklyn Brooklyn's, but not geocoded to the exact point:
 * text and pin agree on the area only. Rural areas get village wording or the roads crossing them.
 */
import type { ReportContent } from '../../core/reportContent';
import type { Place } from './places';
import type { Rng } from './random';

type Streets = ReportContent['streets'];
type Street = Streets['byDistrict'][string][number];

/** House numbers drawn for `{n}`. */
const HOUSE_NUMBERS = [1, 320] as const;

const withKind = ([kind, name]: Street) => (kind ? `${kind} ${name}` : name);

/**
 * Fills `{key}` from vars and `{a..b}` with a whole number drawn in [a, b], left to right, so that
 * a list of forms drawn in order consumes the generator the same way each time.
 */
export function fillTemplate(template: string, vars: Record<string, string>, rng: Rng): string {
  return template.replace(/\{(\d+)\.\.(\d+)\}|\{(\w+)\}/g, (_, a?: string, b?: string, key?: string) =>
    key !== undefined ? (vars[key] ?? '') : String(rng.intBetween(Number(a), Number(b))),
  );
}

export interface StreetText {
  /** For titles: "đường Láng", "Quốc lộ 32", "Broadway". */
  short: string;
  /** For the description: "ngõ 12 đường Láng", "xóm 3, thôn Đoài", "212 Broadway". */
  full: string;
}

export function streetsFor(place: Pick<Place, 'urban' | 'districtCode'>, streets: Streets, rng: Rng): StreetText {
  const pool = place.districtCode ? streets.byDistrict[place.districtCode] : undefined;
  const n = String(rng.intBetween(...HOUSE_NUMBERS));
  if (pool && (place.urban || rng.chance(streets.ruralMainRoadProbability))) {
    const street = rng.pick(pool);
    const short = withKind(street);
    if (!place.urban) {
      return {
        short,
        full: fillTemplate(streets.ruralOnRoad, { street: short, village: rng.pick(streets.villages) }, rng),
      };
    }
    const other = rng.pick(pool);
    const vars = { n, street: short, name: street[1], otherName: other[1] };
    // Every form is filled before one is picked, so each draws its numbers whichever is chosen.
    const forms = [
      ...streets.urbanForms.map((f) => fillTemplate(f, vars, rng)),
      fillTemplate(other !== street ? streets.junction : streets.sameStreet, vars, rng),
    ];
    return { short, full: rng.pick(forms) };
  }
  const village = streets.villages.length ? rng.pick(streets.villages) : '';
  if (place.urban || !streets.villages.length) {
    // An urban area outside any listed district: residential groups or blocks are numbered.
    const group = String(rng.intBetween(...streets.urbanNoStreet.groups));
    return {
      short: fillTemplate(streets.urbanNoStreet.short, { group, n }, rng),
      full: fillTemplate(streets.urbanNoStreet.full, { group, n }, rng),
    };
  }
  const forms = streets.ruralNoStreet.full.map((f) => fillTemplate(f, { village }, rng));
  return { short: fillTemplate(streets.ruralNoStreet.short, { village }, rng), full: rng.pick(forms) };
}
