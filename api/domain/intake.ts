import { h3CellsFor } from '../../geo/h3cells';
import { type AreaIndex, locateAreas } from '../../geo/areaIndex';
import type { NewReport } from '../../db/types';
import type { Category, Severity } from '../../core/cityPack';
import { OutsideCity, ValidationError } from '../errors';
import type { NewReportBody } from '../schemas';
import type { DueAt } from './lifecycle';

export interface IntakeContext {
  cityName: string;
  categories: Map<string, Category>;
  districts: AreaIndex;
  communes: AreaIndex;
  dueAt: DueAt;
  /** Category codes that mean an idea (the pack's initiativeCategoryCodes): refused with a pointer to /api/initiatives. */
  initiativeCategoryCodes?: readonly string[];
}

/** A client of the old API files an idea as a report: it is an initiative now, filed elsewhere. */
export class InitiativeNotReport extends ValidationError {
  constructor(code: string) {
    super(
      `"${code}" is an initiative, not a report category: submit it with POST /api/initiatives / Sáng kiến, góp ý gửi qua POST /api/initiatives`,
      'category',
      'use_initiatives',
    );
  }
}

type Source = NewReport['report']['source'];

/**
 * Turns a validated body into the row to store: category rules, areas, H3 cells, first deadline.
 * `severity` overrides the category's default when the filer said more (Open311's urgent attribute).
 */
export function buildNewReport(
  body: NewReportBody,
  ctx: IntakeContext,
  at: Date,
  source: Source,
  severityAsked?: Severity,
): NewReport {
  const category = ctx.categories.get(body.category);
  if (!category && ctx.initiativeCategoryCodes?.includes(body.category)) throw new InitiativeNotReport(body.category);
  if (!category) {
    throw new ValidationError(
      `Unknown category "${body.category}" / Không có lĩnh vực này`,
      'category',
      'unknown_category',
    );
  }
  const cells = h3CellsFor(body.lat, body.lng);
  const { districtCode, communeCode } = locateAreas(ctx.districts, ctx.communes, body.lat, body.lng, {
    res: 8,
    cell: cells.h3r8,
  });
  if (!districtCode && !communeCode) throw new OutsideCity(ctx.cityName);
  const reporter = body.reporter;
  const hasContact = reporter && (reporter.name || reporter.phone || reporter.email);
  const severity = severityAsked ?? category.severity;
  return {
    report: {
      category: category.code,
      severity,
      status: 'received',
      title: body.title,
      description: body.description,
      lat: body.lat,
      lng: body.lng,
      ...cells,
      districtCode,
      communeCode,
      agencyCode: category.agencyCode,
      media: body.media ?? [],
      createdAt: at,
      updatedAt: at,
      dueAt: ctx.dueAt({ status: 'received', severity, createdAt: at, acceptedAt: null, at }),
      source,
    },
    contact: hasContact
      ? { name: reporter.name ?? null, phone: reporter.phone ?? null, email: reporter.email ?? null }
      : null,
  };
}
