import { readFile } from 'node:fs/promises';
import { cellToBoundary, cellToLatLng, polygonToCells } from 'h3-js';
import type { FeatureCollection, Point } from 'geojson';
import { buildAreaIndex } from '../../geo/areaIndex';
import { pointInAny, preparePolygons } from '../../geo/pointInPolygon';
import { LIVE_LAYER_CODES, type OverlayFeature, type OverlayLayer } from '../../core/overlayLayers';
import type { CityPack } from '../../core/cityPack';
import { LAND_USE_CLASSES, landUseFeatures } from './landUse';
import { loadPoiLayers } from './poi';

/**
 * The Hanoi pack's overlay layers. Bus stops and station sites are real (see PROVENANCE.md); land
 * use, congestion, incidents and the air-quality readings are simulated, and their layer records
 * say so, so that no legend passes a simulation off as data.
 */

/** Congestion cells: ~0.74 km², fine enough to tell one street grid from the next. */
export const CONGESTION_RES = 8;
/**
 * The urban core: the seven inner districts of the pre-2008 city. Their ~105 res-8 cells keep one
 * tick's `layer.readings` event under 8 KB, the NOTIFY-era budget every event keeps.
 */
export const CORE_DISTRICT_CODES = ['001', '002', '003', '005', '006', '007', '009'] as const;

export const LAYER_CODES = {
  busStops: 'transit_bus_stops',
  landUse: 'planning_land_use',
  ...LIVE_LAYER_CODES,
} as const;

const OSM = { source: '© OpenStreetMap contributors', licence: 'ODbL 1.0' };

async function readCollection(name: string): Promise<FeatureCollection> {
  const text = await readFile(new URL(`overlays/${name}`, import.meta.url), 'utf8');
  try {
    return JSON.parse(text) as FeatureCollection;
  } catch (err) {
    throw new Error(`overlays/${name}: invalid JSON (${(err as Error).message})`);
  }
}

/** OSM bus stops inside the city polygon (the Overpass query's bbox spills over the border). */
export function busStopFeatures(fc: FeatureCollection, pack: CityPack): OverlayFeature[] {
  const city = preparePolygons(pack.boundary.geometry);
  return fc.features.flatMap((f) => {
    const [lng, lat] = (f.geometry as Point).coordinates;
    if (!pointInAny(city, lng, lat)) return [];
    const p = f.properties ?? {};
    return [
      { key: `${p.osm_type}/${p.osm_id}`, properties: { osmId: p.osm_id, name: p.name ?? null }, geometry: f.geometry },
    ];
  });
}

function stationFeatures(fc: FeatureCollection): OverlayFeature[] {
  return fc.features.map((f) => {
    const p = f.properties ?? {};
    return {
      key: String(p.station_id),
      properties: {
        stationId: p.station_id,
        name: p.name,
        address: p.address ?? null,
        network: p.network,
        code: p.code,
      },
      geometry: f.geometry,
    };
  });
}

/** Res-8 hexagons whose centre lies in a commune of the core districts. */
export function congestionFeatures(pack: CityPack): OverlayFeature[] {
  const core = new Set<string>(CORE_DISTRICT_CODES);
  const communes = pack.areas.filter((a) => a.level === 'commune' && a.parentCode && core.has(a.parentCode));
  const index = buildAreaIndex(communes, 'commune');
  const cells = new Set<string>();
  for (const c of communes) {
    const g = c.geometry;
    for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      for (const cell of polygonToCells(rings, CONGESTION_RES, true)) cells.add(cell);
    }
  }
  return [...cells].sort().flatMap((cell) => {
    const [lat, lng] = cellToLatLng(cell);
    const communeCode = index.lookup(lat, lng);
    if (!communeCode) return [];
    return [
      {
        key: cell,
        properties: { cell, communeCode },
        geometry: { type: 'Polygon' as const, coordinates: [cellToBoundary(cell, true)] },
      },
    ];
  });
}

let cached: Promise<OverlayLayer[]> | undefined;

/** The overlay layers of the Hanoi pack (five, and one per POI category), built once per process. */
export function loadOverlays(pack: CityPack): Promise<OverlayLayer[]> {
  cached ??= build(pack).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function build(pack: CityPack): Promise<OverlayLayer[]> {
  const [stops, stations, poi] = await Promise.all([
    readCollection('hanoi_bus_stops_osm.geojson'),
    readCollection('hanoi_air_quality_stations.geojson'),
    loadPoiLayers(),
  ]);
  return [
    {
      code: LAYER_CODES.busStops,
      kind: 'transit',
      nameVi: 'Điểm dừng xe buýt',
      nameEn: 'Bus stops',
      ...OSM,
      simulated: false,
      // OSM state of Oct–Dec 2025 (PROVENANCE.md).
      dataDate: '2025-12',
      features: busStopFeatures(stops, pack),
    },
    {
      code: LAYER_CODES.airQuality,
      kind: 'environment',
      nameVi: 'Chất lượng không khí (số đo mô phỏng)',
      nameEn: 'Air quality (simulated readings)',
      source: 'Station sites: moitruongthudo.vn (Hanoi CEM) / AirNow (US Department of State); readings simulated',
      licence: 'Sites: no stated licence (moitruongthudo.vn), US-Gov public domain (AirNow); readings: simulated',
      simulated: true,
      // The date of the recorded site list; readings are dated by their own timestamps.
      dataDate: '2026-09-28',
      legend: {
        metrics: [
          { key: 'pm25', unit: 'µg/m³', nameVi: 'Bụi mịn PM2.5', nameEn: 'PM2.5' },
          { key: 'aqi', unit: 'US AQI', nameVi: 'Chỉ số AQI (Mỹ)', nameEn: 'US AQI' },
        ],
      },
      features: stationFeatures(stations),
    },
    {
      code: LAYER_CODES.landUse,
      kind: 'planning',
      nameVi: 'Sử dụng đất (mô phỏng)',
      nameEn: 'Land use (simulated)',
      source: 'Simulated by citydesk from the city pack (no open zoning data exists)',
      licence: 'simulated',
      simulated: true,
      dataDate: null,
      legend: { classes: [...LAND_USE_CLASSES] },
      features: landUseFeatures(pack),
    },
    {
      code: LAYER_CODES.congestion,
      kind: 'traffic',
      nameVi: 'Ùn tắc giao thông (mô phỏng)',
      nameEn: 'Traffic congestion (simulated)',
      source: 'Simulated by citydesk on H3 res-8 cells of the inner districts (no open traffic feed)',
      licence: 'simulated',
      simulated: true,
      dataDate: null,
      legend: { metrics: [{ key: 'congestion', unit: '0–1', nameVi: 'Mức ùn tắc', nameEn: 'Congestion' }] },
      features: congestionFeatures(pack),
    },
    {
      code: LAYER_CODES.incidents,
      kind: 'traffic',
      nameVi: 'Sự cố giao thông (mô phỏng)',
      nameEn: 'Traffic incidents (simulated)',
      source: 'Simulated by citydesk in the inner districts (no open incident feed)',
      licence: 'simulated',
      simulated: true,
      dataDate: null,
      legend: { metrics: [{ key: 'severity', unit: '1–3', nameVi: 'Mức độ', nameEn: 'Severity' }] },
      // Live: the simulator adds and clears them.
      features: null,
    },
    ...poi,
  ];
}
