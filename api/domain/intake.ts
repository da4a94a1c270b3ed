import { h3CellsFor } from '../../geo/h3cells';
import { type AreaIndex, locateAreas } from '../../geo/areaIndex';
import type { NewReport } from '../../db/types';
import type { Category } from '../../core/cityPack';
import { OutsideCity, ValidationError } from '../errors';
import type { NewReportBody } from '../schemas';
import type { DueAt } from './lifecycle';

export interface IntakeContext {
  cityName: string;
  categories: Map<string, Category>;
  districts: AreaIndex;
  communes: AreaIndex;
  dueAt: DueAt;
}

type Source = NewReport['report']['source'];

/** Turns a validated body into the row to store: category rules, areas, H3 cells, first deadline. */
export function buildNewReport(body: NewReportBody, ctx: IntakeContext, at: Date, source: Source): NewReport {
  const category = ctx.categories.get(body.category);
  if (!category) {
    throw new ValidationError(
      `Unknown category "${body.category}" / Không có lĩnh vực này`,
      'category',
      'unknown_category',
    );
  }
  const { districtCode, communeCode } = locateAreas(ctx.districts, ctx.communes, body.lat, body.lng);
  if (!districtCode && !communeCode) throw new OutsideCity(ctx.cityName);
  const reporter = body.reporter;
  const hasContact = reporter && (reporter.name || reporter.phone || reporter.email);
  return {
    report: {
      category: category.code,
      severity: category.severity,
      status: 'received',
      title: body.title,
      description: body.description,
      lat: body.lat,
      lng: body.lng,
      ...h3CellsFor(body.lat, body.lng),
      districtCode,
      communeCode,
      agencyCode: category.agencyCode,
      media: body.media ?? [],
      createdAt: at,
      updatedAt: at,
      dueAt: ctx.dueAt({ status: 'received', severity: category.severity, createdAt: at, acceptedAt: null, at }),
      source,
    },
    contact: hasContact
      ? { name: reporter.name ?? null, phone: reporter.phone ?? null, email: reporter.email ?? null }
      : null,
  };
}
