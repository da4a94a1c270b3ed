import type {
  AreaCount,
  AreasResponse,
  HexCount,
  HexesResponse,
  KpisResponse,
  PublicAreasResponse,
  PublicHexesResponse,
  PublicKpisResponse,
  PublicTimeseriesResponse,
  SeriesPoint,
  TimeseriesResponse,
} from '../../../api/wire';
import { type Endpoints, type FetchJson, query } from './api';
import { type KpiCounts, toKpiCounts } from './kpis';
import type { PartsAsOf } from './model';

export interface SnapshotQuery {
  since: string;
  res: number;
  level: 'district' | 'commune';
  bucket: 'hour' | 'day';
  category?: string;
  status?: string;
  area?: string;
}

/** A snapshot's parts as they arrived, each with the last event it reflects. */
export interface SnapshotParts {
  hexes: HexCount[];
  areas: AreaCount[];
  series: SeriesPoint[];
  kpis: KpiCounts;
  asOf: PartsAsOf;
}

export interface HexesPart {
  res: number;
  cells: HexCount[];
  asOfEventId: number;
}

/**
 * The public endpoints withhold what could single a person out (per-cell and per-area overdue,
 * populations, ages); the map and tables read those as none.
 */
const hexRow = (c: HexesResponse['cells'][number] | PublicHexesResponse['cells'][number]): HexCount =>
  'overdue' in c ? c : { cell: c.cell, received: c.received, open: c.open, overdue: 0 };

const areaRow = (a: AreasResponse['items'][number] | PublicAreasResponse['items'][number]): AreaCount =>
  'overdue' in a
    ? a
    : {
        code: a.code,
        nameVi: a.nameVi,
        nameEn: a.nameEn,
        parentCode: null,
        population: null,
        areaKm2: null,
        received: a.received,
        open: a.open,
        resolved: a.handled,
        overdue: 0,
        medianOpenAgeHours: null,
      };

export async function fetchHexes(
  get: FetchJson,
  ep: Endpoints,
  q: SnapshotQuery,
  signal?: AbortSignal,
): Promise<HexesPart> {
  const r = await get<HexesResponse | PublicHexesResponse>(
    ep.hexes + query({ since: q.since, category: q.category, area: q.area, res: q.res, status: q.status }),
    signal,
  );
  return { res: q.res, cells: r.cells.map(hexRow), asOfEventId: r.asOfEventId };
}

/**
 * The snapshot's parts, the hexes first (`hexes`: already asked for, to draw them before the
 * rest arrives). The per-area and time-series aggregates (scans of a month of reports, seconds at
 * a million) are asked for only once the hexes have settled, so on a small server they do not
 * compete with the hexes query for the same cores; the KPIs come from memory and go at once.
 */
export async function fetchSnapshotParts(
  get: FetchJson,
  ep: Endpoints,
  q: SnapshotQuery,
  hexes: Promise<HexesPart>,
  signal?: AbortSignal,
): Promise<SnapshotParts> {
  const common = { since: q.since, category: q.category, area: q.area };
  // Settled either way; but a load aborted meanwhile asks for nothing more.
  const settled = hexes.then(
    () => signal?.throwIfAborted(),
    () => signal?.throwIfAborted(),
  );
  const [h, areas, series, kpis] = await Promise.all([
    hexes,
    settled.then(() =>
      get<AreasResponse | PublicAreasResponse>(ep.areas + query({ ...common, level: q.level }), signal),
    ),
    settled.then(() =>
      get<TimeseriesResponse | PublicTimeseriesResponse>(
        ep.timeseries + query({ ...common, bucket: q.bucket }),
        signal,
      ),
    ),
    get<KpisResponse | PublicKpisResponse>(ep.kpis + query(common), signal),
  ]);
  return {
    hexes: h.cells,
    areas: areas.items.map(areaRow),
    series: series.points,
    kpis: toKpiCounts(kpis),
    asOf: { hexes: h.asOfEventId, areas: areas.asOfEventId, series: series.asOfEventId, kpis: kpis.asOfEventId },
  };
}
