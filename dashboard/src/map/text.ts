/** The map's own words, in Vietnamese and English (the app's shared strings live in ../i18n). */
import type { HexMetric } from './types';

export type Lang = 'vi' | 'en';

const VI = {
  cell: 'Ô H3',
  received: 'Phản ánh mới',
  open: 'Tồn đọng',
  overdue: 'Quá hạn',
  metricTitle: { received: 'Phản ánh mới mỗi ô', open: 'Tồn đọng mỗi ô', overdue: 'Quá hạn mỗi ô' } as Record<
    HexMetric,
    string
  >,
  choroplethTitle: 'Tồn đọng trên 10.000 dân',
  perTenThousand: 'trên 10.000 dân',
  population: 'Dân số',
  area: 'Diện tích',
  noData: 'Không có số liệu',
  hotspot: 'Điểm nóng',
  hotspots: 'Điểm nóng (ô)',
  newReport: 'Phản ánh vừa đến',
  simulated: 'mô phỏng',
  source: 'Nguồn',
  date: 'Ngày',
  legend: 'Chú giải',
  aqi: 'AQI',
  pm25: 'PM2.5',
  congestion: 'Mức ùn tắc',
  congestionFree: 'thông thoáng',
  congestionJammed: 'ùn tắc',
  incident: 'Sự cố giao thông',
  severity: 'Mức độ',
  busStop: 'Điểm dừng xe buýt',
  landUse: 'Sử dụng đất',
  readingAt: 'Đo lúc',
  min: 'thấp nhất',
  max: 'cao nhất',
  km2: 'km²',
} as const;

type Strings = {
  [K in keyof typeof VI]: (typeof VI)[K] extends Record<HexMetric, string> ? Record<HexMetric, string> : string;
};

const EN: Strings = {
  cell: 'H3 cell',
  received: 'New reports',
  open: 'Open backlog',
  overdue: 'Overdue',
  metricTitle: { received: 'New reports per cell', open: 'Open backlog per cell', overdue: 'Overdue per cell' },
  choroplethTitle: 'Open backlog per 10,000 residents',
  perTenThousand: 'per 10,000 residents',
  population: 'Population',
  area: 'Area',
  noData: 'No data',
  hotspot: 'Hotspot',
  hotspots: 'Hotspots (cells)',
  newReport: 'Report just arrived',
  simulated: 'simulated',
  source: 'Source',
  date: 'Date',
  legend: 'Legend',
  aqi: 'AQI',
  pm25: 'PM2.5',
  congestion: 'Congestion',
  congestionFree: 'free-flowing',
  congestionJammed: 'jammed',
  incident: 'Traffic incident',
  severity: 'Severity',
  busStop: 'Bus stop',
  landUse: 'Land use',
  readingAt: 'Reading at',
  min: 'min',
  max: 'max',
  km2: 'km²',
};

export const MAP_TEXT: Record<Lang, Strings> = { vi: VI, en: EN };

export function mapText(lang: Lang): Strings {
  return MAP_TEXT[lang];
}
