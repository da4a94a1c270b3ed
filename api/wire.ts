import type { hc, InferResponseType } from 'hono/client';
import type { CitydeskEvent, EventType } from '../core/events';
import type { AppType } from './app';
import type { ProjectedEvent } from './stream/audience';

/**
 * The REST responses the dashboard (and any other client) reads, as the route handlers return
 * them: inferred from the app's routes through Hono's client types, never written by hand, so a
 * field added or renamed in a handler changes these types too. Type-only: importing this module
 * with `import type` pulls no server code into a bundle.
 */
type Client = ReturnType<typeof hc<AppType>>;
type Api = Client['api'];
type Ok<E extends { $get: (...args: never[]) => unknown }> = InferResponseType<E['$get'], 200>;

export type CategoriesResponse = Ok<Api['categories']>;
export type Category = CategoriesResponse['items'][number];
export type CityResponse = Ok<Api['city']>;
export type AreasGeojsonResponse = Ok<Api['areas']['geojson']>;

export type HexesResponse = Ok<Api['hexes']>;
export type HexCount = HexesResponse['cells'][number];
export type AreasResponse = Ok<Api['areas']>;
export type AreaCount = AreasResponse['items'][number];
export type AreaSeriesResponse = Ok<Api['areas']['series']>;
export type TimeseriesResponse = Ok<Api['timeseries']>;
export type SeriesPoint = TimeseriesResponse['points'][number];

export type KpisResponse = Ok<Api['kpis']>;
export type AreaKpisResponse = Ok<Api['kpis']['areas']>;
export type AreaKpis = AreaKpisResponse['items'][number];
export type HotspotsResponse = Ok<Api['hotspots']>;

export type ReportListResponse = Ok<Api['reports']>;
export type ReportView = ReportListResponse['items'][number];
export type ReportDetailResponse = Ok<Api['reports'][':id']>;
export type HistoryEntry = ReportDetailResponse['history'][number];

export type LayersResponse = Ok<Api['layers']>;
export type LayerInfo = LayersResponse['items'][number];
export type LayerGeojsonResponse = Ok<Api['layers'][':code']['geojson']>;
export type LayerReadingsResponse = Ok<Api['layers'][':code']['readings']>;
export type MapConfigResponse = Ok<Api['map']['config']>;
export type PoiSearchResponse = Ok<Api['poi']['search']>;

/** Sign-in (POST /api/auth/signin) and who is signed in (GET /api/auth/me, user null = nobody). */
export type SignInResponse = InferResponseType<Api['auth']['signin']['$post'], 200>;
export type MeResponse = Ok<Api['auth']['me']>;
export type AuthUser = SignInResponse['user'];

export type PublicHexesResponse = Ok<Api['public']['hexes']>;
export type PublicKpisResponse = Ok<Api['public']['kpis']>;
export type PublicTimeseriesResponse = Ok<Api['public']['timeseries']>;
export type PublicAreasResponse = Ok<Api['public']['areas']>;

/** Alerts and news (api/routes/alerts.ts, api/routes/publicAlerts.ts) and the wall's figures. */
export type AlertsResponse = Ok<Api['alerts']>;
export type StaffAlert = AlertsResponse['items'][number];
export type AlertDetailResponse = Ok<Api['alerts'][':id']>;
export type NewsResponse = Ok<Api['news']>;
export type PublicAlertsResponse = Ok<Api['public']['alerts']>;
export type PublicNewsResponse = Ok<Api['public']['news']>;
export type WallKpisResponse = Ok<Api['kpis']['wall']>;

/** Events as each audience's stream carries them (GET /api/stream?audience=…). */
export type OpsStreamEvent<T extends EventType = EventType> = CitydeskEvent<T>;
export type AreaStreamEvent<T extends EventType = EventType> = CitydeskEvent<T>;
export type PublicStreamEvent = ProjectedEvent<'public'>;
export type { CitydeskEvent, EventType } from '../core/events';
