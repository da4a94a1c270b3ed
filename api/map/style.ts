import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import type { CityPack } from '../../core/cityPack';

/**
 * MapLibre styles built from the city pack. The default works with no internet at all: no glyphs,
 * no sprite, no tiles — the city's own boundaries as GeoJSON from this API, on a dark ground.
 * Labels are drawn by the dashboard (deck.gl TextLayer), which needs no font server either.
 */

/** Dark wall palette: the data layers on top must carry the colour. */
const COLORS = {
  background: '#0b1220',
  land: '#121c2e',
  mask: '#05080f',
  commune: '#23344f',
  district: '#3f5a82',
  outline: '#7fa3d6',
} as const;
/** Outside the city is dimmed, not hidden: the neighbouring provinces still orient the eye. */
const MASK_OPACITY = 0.75;
/** Commune lines clutter the whole-city view; show them from about district scale. */
const COMMUNE_LINES_MINZOOM = 10;

const PROTOMAPS_ATTRIBUTION =
  '<a href="https://protomaps.com">Protomaps</a> © <a href="https://openstreetmap.org">OpenStreetMap</a>';

type Layer = Record<string, unknown> & { id: string; type: string };

/** The city's sources and its boundary layers, the same over either basemap. */
function citySources(origin: string, pack: CityPack) {
  const attribution = pack.attribution.join('; ');
  return {
    'city-mask': { type: 'geojson', data: `${origin}/api/map/mask.geojson`, attribution },
    communes: { type: 'geojson', data: `${origin}/api/areas/geojson?level=commune` },
    districts: { type: 'geojson', data: `${origin}/api/areas/geojson?level=district` },
  };
}

function boundaryLayers(): Layer[] {
  return [
    {
      id: 'city-mask',
      type: 'fill',
      source: 'city-mask',
      paint: { 'fill-color': COLORS.mask, 'fill-opacity': MASK_OPACITY },
    },
    {
      id: 'commune-lines',
      type: 'line',
      source: 'communes',
      minzoom: COMMUNE_LINES_MINZOOM,
      paint: { 'line-color': COLORS.commune, 'line-width': 0.6 },
    },
    {
      id: 'district-lines',
      type: 'line',
      source: 'districts',
      paint: { 'line-color': COLORS.district, 'line-width': 1.1 },
    },
    {
      id: 'city-outline',
      type: 'line',
      source: 'city-mask',
      paint: { 'line-color': COLORS.outline, 'line-width': 1.6 },
    },
  ];
}

function base(pack: CityPack) {
  return {
    version: 8 as const,
    name: `citydesk — ${pack.nameEn}`,
    center: pack.center,
    zoom: 10,
    metadata: { 'citydesk:city': pack.code },
  };
}

/** The offline style: background, the city's land (its communes), the mask and the boundary lines. */
export function offlineStyle(origin: string, pack: CityPack) {
  return {
    ...base(pack),
    sources: citySources(origin, pack),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': COLORS.background } },
      { id: 'city-land', type: 'fill', source: 'communes', paint: { 'fill-color': COLORS.land } },
      ...boundaryLayers(),
    ],
  };
}

/**
 * A Protomaps basemap from a local PMTiles file (the dashboard registers the `pmtiles://` protocol),
 * without symbol layers: we ship no glyphs or sprites offline.
 */
export function protomapsStyle(origin: string, pack: CityPack) {
  const basemap = (protomapsLayers('protomaps', namedFlavor('dark')) as Layer[]).filter((l) => l.type !== 'symbol');
  return {
    ...base(pack),
    sources: {
      protomaps: { type: 'vector', url: `pmtiles://${origin}/tiles/city.pmtiles`, attribution: PROTOMAPS_ATTRIBUTION },
      ...citySources(origin, pack),
    },
    layers: [...basemap, ...boundaryLayers()],
  };
}
