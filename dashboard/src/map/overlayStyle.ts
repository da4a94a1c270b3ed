/** Colours and categories of the overlays (air quality, traffic, land use, transit). Pure. */
import type { RGB, Theme } from './colour';
import type { Lang } from './text';

// ---------- air quality ----------

export interface AqiCategory {
  /** Upper AQI bound of the category (inclusive). */
  upTo: number;
  colour: RGB;
  vi: string;
  en: string;
}

/**
 * VN_AQI categories (QĐ 1459/QĐ-TCMT, 2019) and their official colours, which are the US EPA's.
 * These colours are a public convention readers know; the label beside each swatch carries the meaning
 * for readers who cannot tell green from orange.
 */
export const AQI_CATEGORIES: readonly AqiCategory[] = [
  { upTo: 50, colour: [0, 228, 0], vi: 'Tốt', en: 'Good' },
  { upTo: 100, colour: [255, 255, 0], vi: 'Trung bình', en: 'Moderate' },
  { upTo: 150, colour: [255, 126, 0], vi: 'Kém', en: 'Unhealthy for sensitive groups' },
  { upTo: 200, colour: [255, 0, 0], vi: 'Xấu', en: 'Unhealthy' },
  { upTo: 300, colour: [143, 63, 151], vi: 'Rất xấu', en: 'Very unhealthy' },
  { upTo: Infinity, colour: [126, 0, 35], vi: 'Nguy hại', en: 'Hazardous' },
];

/** PM2.5 (µg/m³, 24 h) → AQI, US EPA breakpoints as revised in 2024. */
const PM25_BREAKPOINTS: readonly [cLo: number, cHi: number, iLo: number, iHi: number][] = [
  [0, 9.0, 0, 50],
  [9.1, 35.4, 51, 100],
  [35.5, 55.4, 101, 150],
  [55.5, 125.4, 151, 200],
  [125.5, 225.4, 201, 300],
  [225.5, 325.4, 301, 500],
];

export function aqiFromPm25(pm25: number): number | null {
  if (!Number.isFinite(pm25) || pm25 < 0) return null;
  const c = Math.floor(pm25 * 10) / 10;
  for (const [cLo, cHi, iLo, iHi] of PM25_BREAKPOINTS) {
    if (c <= cHi) return Math.round(((iHi - iLo) / (cHi - cLo)) * (Math.max(c, cLo) - cLo) + iLo);
  }
  return 500;
}

export function aqiCategory(aqi: number): AqiCategory {
  return AQI_CATEGORIES.find((k) => aqi <= k.upTo) ?? AQI_CATEGORIES[AQI_CATEGORIES.length - 1];
}

/** The AQI of a station's properties: its own `aqi` when given, else computed from `pm25`. */
export function stationAqi(props: Record<string, unknown> | null | undefined): number | null {
  const aqi = num(props?.aqi);
  if (aqi !== null) return aqi;
  const pm25 = num(props?.pm25);
  return pm25 === null ? null : aqiFromPm25(pm25);
}

/** Stations without a reading yet: neutral grey. */
export const NO_READING: RGB = [150, 150, 150];

export function stationColour(props: Record<string, unknown> | null | undefined): RGB {
  const aqi = stationAqi(props);
  return aqi === null ? NO_READING : aqiCategory(aqi).colour;
}

// ---------- traffic ----------

/**
 * Congestion 0..1 as blue → amber → orange → dark brown: the blue/orange contrast survives every
 * common colour-vision deficiency (a green→red ramp does not), and the darkest end is the worst.
 */
export const CONGESTION_STOPS: readonly [at: number, colour: RGB][] = [
  [0, [44, 123, 182]],
  [0.5, [253, 174, 97]],
  [0.75, [230, 97, 1]],
  [1, [127, 39, 4]],
];

export function congestionColour(congestion: number): RGB {
  const c = Number.isFinite(congestion) ? Math.min(1, Math.max(0, congestion)) : 0;
  for (let i = 1; i < CONGESTION_STOPS.length; i++) {
    const [b, cb] = CONGESTION_STOPS[i];
    if (c <= b) {
      const [a, ca] = CONGESTION_STOPS[i - 1];
      const f = (c - a) / (b - a);
      return [0, 1, 2].map((k) => Math.round(ca[k] + (cb[k] - ca[k]) * f)) as RGB;
    }
  }
  return CONGESTION_STOPS[CONGESTION_STOPS.length - 1][1];
}

/**
 * Is a traffic feature an incident (drawn as a marked point) rather than a congestion reading?
 * Points are incidents; so is anything that says so.
 */
export function isIncident(props: Record<string, unknown> | null | undefined, geometryType?: string): boolean {
  const k = props?.kind ?? props?.type;
  return (
    geometryType === 'Point' || k === 'incident' || typeof props?.incident === 'string' || props?.incident === true
  );
}

export const INCIDENT_FILL: RGB = [255, 255, 255];

// ---------- land use ----------

/**
 * Paul Tol's "muted" qualitative palette: nine colours chosen to stay distinct for colour-blind
 * readers and to sit quietly under data at low opacity.
 */
export const TOL_MUTED: readonly RGB[] = [
  [221, 204, 119], // sand
  [204, 102, 119], // rose
  [136, 34, 85], // wine
  [170, 68, 153], // purple
  [51, 34, 136], // indigo
  [17, 119, 51], // green
  [136, 204, 238], // cyan
  [153, 153, 51], // olive
  [68, 170, 153], // teal
];
const PALE_GREY: RGB = [187, 187, 187];

interface LandUse {
  colour: RGB;
  vi: string;
  en: string;
}

const LAND_USE: Record<string, LandUse> = {
  residential: { colour: TOL_MUTED[0], vi: 'Đất ở', en: 'Residential' },
  commercial: { colour: TOL_MUTED[1], vi: 'Thương mại – dịch vụ', en: 'Commercial' },
  mixed: { colour: TOL_MUTED[2], vi: 'Hỗn hợp', en: 'Mixed use' },
  industrial: { colour: TOL_MUTED[3], vi: 'Công nghiệp', en: 'Industrial' },
  public: { colour: TOL_MUTED[4], vi: 'Công cộng', en: 'Public facilities' },
  green: { colour: TOL_MUTED[5], vi: 'Cây xanh – rừng', en: 'Green / park / forest' },
  water: { colour: TOL_MUTED[6], vi: 'Mặt nước', en: 'Water' },
  agricultural: { colour: TOL_MUTED[7], vi: 'Nông nghiệp', en: 'Agricultural' },
  transport: { colour: PALE_GREY, vi: 'Giao thông', en: 'Transport' },
};

const LAND_USE_ALIASES: Record<string, string> = {
  housing: 'residential',
  mixed_use: 'mixed',
  'mixed-use': 'mixed',
  institutional: 'public',
  civic: 'public',
  park: 'green',
  forest: 'green',
  open_space: 'green',
  recreation: 'green',
  agriculture: 'agricultural',
  farmland: 'agricultural',
  road: 'transport',
  infrastructure: 'transport',
};

function landUseKey(cls: string): string {
  const k = cls.trim().toLowerCase();
  return LAND_USE_ALIASES[k] ?? k;
}

/** A planning feature's class: `class`, or `landUse` / `land_use` as some sources name it. */
export function landUseOf(props: Record<string, unknown> | null | undefined): string | null {
  const c = props?.class ?? props?.landUse ?? props?.land_use;
  return typeof c === 'string' && c !== '' ? c : null;
}

/** A stable colour for a land-use class: known classes have fixed colours, others hash into the palette. */
export function landUseColour(cls: unknown): RGB {
  if (typeof cls !== 'string' || cls === '') return PALE_GREY;
  const known = LAND_USE[landUseKey(cls)];
  if (known) return known.colour;
  let h = 0;
  for (const ch of cls) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return TOL_MUTED[h % TOL_MUTED.length];
}

export function landUseLabel(cls: string, lang: Lang): string {
  const known = LAND_USE[landUseKey(cls)];
  return known ? known[lang] : cls;
}

/** The distinct classes present in a collection, in first-seen order (for the legend). */
export function landUseClasses(features: readonly { properties?: Record<string, unknown> | null }[]): string[] {
  const seen = new Set<string>();
  for (const f of features) {
    const c = landUseOf(f.properties);
    if (c) seen.add(c);
  }
  return [...seen];
}

// ---------- transit ----------

export function busStopColour(theme: Theme): RGB {
  return theme === 'dark' ? [128, 208, 255] : [0, 90, 150];
}

// ---------- helpers ----------

export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
