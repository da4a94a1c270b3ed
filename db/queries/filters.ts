import { type SQL, sql } from 'drizzle-orm';
import { HANDLED_STATUS_LIST, OPEN_STATUS_LIST, type ReportStatus } from '../../core/statuses';

/**
 * The one place a viewer's scope (api/auth/viewer.ts scopeOf) becomes SQL. A chief's view adds
 * its area codes, an agency's its agency; every read of reports goes through here, so scoping
 * cannot be forgotten route by route.
 */
export interface AreaScope {
  /** District or commune codes the reader may see; undefined = the whole city. */
  areaCodes?: string[];
  /** Only reports routed to this agency (reports.agency_code); undefined = every agency. */
  agencyCode?: string;
}

export interface ReportFilter {
  status?: string[];
  category?: string[];
  /** A district or commune code. */
  area?: string;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox?: [number, number, number, number];
  /** An H3 cell at one of the stored resolutions (6–10). */
  cell?: { res: number; id: string };
  since?: Date;
  until?: Date;
}

/** Unqualified column names: every caller reads `from reports` (or a subquery over it). */
export function scopeSql(scope: AreaScope | undefined): SQL {
  const parts: SQL[] = [];
  if (scope?.agencyCode !== undefined) parts.push(sql`agency_code = ${scope.agencyCode}`);
  if (scope?.areaCodes) {
    if (scope.areaCodes.length === 0) return sql`false`;
    const codes = sql.join(
      scope.areaCodes.map((c) => sql`${c}`),
      sql`, `,
    );
    parts.push(sql`(district_code in (${codes}) or commune_code in (${codes}))`);
  }
  return parts.length ? and(parts) : sql`true`;
}

export function inList(column: SQL, values: string[]): SQL {
  return sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** Conditions on everything but time, shared by lists and aggregates. */
export function reportConditions(f: Omit<ReportFilter, 'since' | 'until'>, scope?: AreaScope): SQL[] {
  const parts: SQL[] = [scopeSql(scope)];
  if (f.status?.length) parts.push(inList(sql`status`, f.status));
  if (f.category?.length) parts.push(inList(sql`category`, f.category));
  if (f.area) parts.push(sql`(district_code = ${f.area} or commune_code = ${f.area})`);
  if (f.cell) parts.push(sql`${sql.raw(`h3r${Math.trunc(f.cell.res)}`)} = ${f.cell.id}`);
  if (f.bbox) {
    const [minLng, minLat, maxLng, maxLat] = f.bbox;
    parts.push(sql`lng between ${minLng} and ${maxLng} and lat between ${minLat} and ${maxLat}`);
  }
  return parts;
}

export function and(parts: SQL[]): SQL {
  return sql.join(parts, sql` and `);
}

/**
 * `status in (…)` with the statuses as literals, not parameters: the text is the same for every
 * query, so Postgres plans it once, and the values are our own constants, never input.
 */
function statusIn(list: readonly ReportStatus[]): SQL {
  return sql.raw(`status in (${list.map((s) => `'${s}'`).join(', ')})`);
}

/** The report is in the open backlog (core/statuses.ts). */
export const OPEN_STATUS_SQL = statusIn(OPEN_STATUS_LIST);
/** The report was dealt with: the KPIs' handled share. */
export const HANDLED_STATUS_SQL = statusIn(HANDLED_STATUS_LIST);
