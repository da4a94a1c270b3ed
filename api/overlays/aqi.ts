/**
 * US EPA Air Quality Index from PM2.5, with the breakpoints of the 2024 revision (Federal Register
 * 2024-02637, in force 6 May 2024). The EPA defines the index on 24-hour means; like most live
 * dashboards we apply it to the current concentration, so read it as an indicator, not a compliance figure.
 */

export interface AqiBand {
  /** Concentration range, µg/m³, inclusive at one decimal. */
  pm25Low: number;
  pm25High: number;
  aqiLow: number;
  aqiHigh: number;
  key: string;
  nameVi: string;
  nameEn: string;
  /** The EPA's official category colour. */
  color: string;
}

export const PM25_AQI_BANDS: readonly AqiBand[] = [
  { pm25Low: 0.0, pm25High: 9.0, aqiLow: 0, aqiHigh: 50, key: 'good', nameVi: 'Tốt', nameEn: 'Good', color: '#00e400' },
  {
    pm25Low: 9.1,
    pm25High: 35.4,
    aqiLow: 51,
    aqiHigh: 100,
    key: 'moderate',
    nameVi: 'Trung bình',
    nameEn: 'Moderate',
    color: '#ffff00',
  },
  {
    pm25Low: 35.5,
    pm25High: 55.4,
    aqiLow: 101,
    aqiHigh: 150,
    key: 'usg',
    nameVi: 'Kém',
    nameEn: 'Unhealthy for sensitive groups',
    color: '#ff7e00',
  },
  {
    pm25Low: 55.5,
    pm25High: 125.4,
    aqiLow: 151,
    aqiHigh: 200,
    key: 'unhealthy',
    nameVi: 'Xấu',
    nameEn: 'Unhealthy',
    color: '#ff0000',
  },
  {
    pm25Low: 125.5,
    pm25High: 225.4,
    aqiLow: 201,
    aqiHigh: 300,
    key: 'very_unhealthy',
    nameVi: 'Rất xấu',
    nameEn: 'Very unhealthy',
    color: '#8f3f97',
  },
  {
    pm25Low: 225.5,
    pm25High: 325.4,
    aqiLow: 301,
    aqiHigh: 500,
    key: 'hazardous',
    nameVi: 'Nguy hại',
    nameEn: 'Hazardous',
    color: '#7e0023',
  },
];

/** The scale ends at 500; above 325.4 µg/m³ the EPA reports "beyond the index", shown as 500. */
export const AQI_MAX = 500;

/**
 * AQI of a PM2.5 concentration (µg/m³): truncate to one decimal as the EPA prescribes, interpolate
 * linearly inside the band, round to the nearest integer.
 */
export function aqiFromPm25(pm25: number): number {
  if (!Number.isFinite(pm25) || pm25 < 0) throw new RangeError(`PM2.5 must be a concentration ≥ 0, got ${pm25}`);
  // Truncation, with a nudge so 35.4 stored as 35.39999… stays 35.4.
  const c = Math.floor(pm25 * 10 + 1e-9) / 10;
  const band = PM25_AQI_BANDS.find((b) => c <= b.pm25High);
  if (!band) return AQI_MAX;
  const aqi = ((band.aqiHigh - band.aqiLow) / (band.pm25High - band.pm25Low)) * (c - band.pm25Low) + band.aqiLow;
  return Math.round(aqi);
}

/** The category an AQI value falls in. */
export function aqiBand(aqi: number): AqiBand {
  return PM25_AQI_BANDS.find((b) => aqi <= b.aqiHigh) ?? PM25_AQI_BANDS[PM25_AQI_BANDS.length - 1];
}
