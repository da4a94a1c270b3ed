/**
 * Initiatives on the dashboard, as plain functions: which moves a status allows (the table in
 * core/initiatives.ts), who may answer and publish (the server decides; the buttons follow it),
 * which stream events concern them, and their points for the map.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import { cellToLatLng } from 'h3-js';
import type { PublicInitiative, StaffInitiative } from '../../../api/initiatives/wire';
import {
  INITIATIVE_MOVE_TARGETS,
  INITIATIVE_MOVES,
  type InitiativeMoveTarget,
  type InitiativeStatus,
} from '../../../core/initiatives';
import type { Role } from '../../../core/roles';

export function movesFrom(status: InitiativeStatus): InitiativeMoveTarget[] {
  return INITIATIVE_MOVE_TARGETS.filter((to) => INITIATIVE_MOVES[to].includes(status));
}

/** Operators and admins answer everywhere, a chief in its area (the server lists only those). */
export const mayAnswer = (role: Role): boolean => role !== 'agency';

/** Publishing makes the citizen's words public: the operations centre alone. */
export const mayPublish = (role: Role): boolean => role === 'admin' || role === 'operator';

export const isInitiativeEvent = (e: { type: string }): boolean => e.type.startsWith('initiative.');

export interface InitiativePointProps {
  publicId: string;
  title: string;
  status: InitiativeStatus;
  supportCount: number;
}

/** Where to draw one: staff at the point given, the public at the centre of its r8 cell. */
function pointOf(i: PublicInitiative | StaffInitiative): [number, number] | null {
  if ('location' in i) return i.location ? [i.location.lng, i.location.lat] : null;
  if (!i.cell) return null;
  const [lat, lng] = cellToLatLng(i.cell);
  return [lng, lat];
}

/** Located initiatives as points; those placed by area or city-wide have none. */
export function initiativePoints(items: ReadonlyArray<PublicInitiative | StaffInitiative>): FeatureCollection<Point> {
  const features: Array<Feature<Point, InitiativePointProps>> = [];
  for (const i of items) {
    const coordinates = pointOf(i);
    if (!coordinates) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: { publicId: i.publicId, title: i.title, status: i.status, supportCount: i.supportCount },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Where an initiative lies, in the page's language: its commune, else its district, else the whole city (null). */
export function placeName(
  areas: { district: AreaName | null; commune: AreaName | null },
  lang: 'vi' | 'en',
): string | null {
  const a = areas.commune ?? areas.district;
  if (!a) return null;
  return (lang === 'vi' ? a.nameVi : a.nameEn) ?? a.code;
}
type AreaName = { code: string; nameVi?: string; nameEn?: string };

/** The answer in the page's language: the English one when there is one, else the Vietnamese. */
export function answerText(a: { vi: string; en: string | null }, lang: 'vi' | 'en'): string {
  return lang === 'en' && a.en ? a.en : a.vi;
}
