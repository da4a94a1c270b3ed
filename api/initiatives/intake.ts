import type { CityPack } from '../../core/cityPack';
import { locateAreas } from '../../geo/areaIndex';
import type { NewInitiative } from '../../db/stores/initiatives';
import type { IntakeContext } from '../domain/intake';
import { OutsideCity, ValidationError } from '../errors';
import type { NewInitiativeBody } from './schemas';

type Source = NewInitiative['initiative']['source'];

/**
 * Where an idea lies: a point gives its district and commune by the same lookup as a report's
 * (geo/areaIndex.ts); an area code alone gives that area, and a commune its parent district too,
 * so a district chief finds its communes' ideas. Neither: the whole city (the operations centre's).
 */
function placeOf(
  body: Pick<NewInitiativeBody, 'lat' | 'lng' | 'area'>,
  ctx: Pick<IntakeContext, 'cityName' | 'districts' | 'communes'>,
  pack: Pick<CityPack, 'areas'>,
) {
  if (body.lat !== undefined && body.lng !== undefined) {
    const { districtCode, communeCode } = locateAreas(ctx.districts, ctx.communes, body.lat, body.lng);
    if (!districtCode && !communeCode) throw new OutsideCity(ctx.cityName);
    return { lat: body.lat, lng: body.lng, districtCode, communeCode };
  }
  if (body.area !== undefined) {
    const area = pack.areas.find((a) => a.code === body.area);
    if (!area) throw new ValidationError(`area: no area ${body.area} / Không có địa bàn này`, 'area', 'unknown_area');
    return area.level === 'district'
      ? { lat: null, lng: null, districtCode: area.code, communeCode: null }
      : { lat: null, lng: null, districtCode: area.parentCode, communeCode: area.code };
  }
  return { lat: null, lng: null, districtCode: null, communeCode: null };
}

/** Turns a validated body into the rows to store. */
export function buildNewInitiative(
  body: NewInitiativeBody,
  ctx: Pick<IntakeContext, 'cityName' | 'districts' | 'communes'>,
  pack: Pick<CityPack, 'areas'>,
  at: Date,
  source: Source,
  citizenTokenHash: string | null,
): NewInitiative {
  const s = body.submitter;
  const hasContact = s && (s.name || s.phone || s.email);
  return {
    initiative: {
      topic: body.topic,
      status: 'submitted',
      title: body.title,
      description: body.text,
      ...placeOf(body, ctx, pack),
      citizenTokenHash,
      source,
      createdAt: at,
      updatedAt: at,
    },
    contact: hasContact ? { name: s.name ?? null, phone: s.phone ?? null, email: s.email ?? null } : null,
  };
}
