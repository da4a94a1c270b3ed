import { describe, expect, it } from 'vitest';
import { aqiBand, aqiFromPm25 } from './aqi';

describe('aqiFromPm25 (US EPA, 2024 breakpoints)', () => {
  it.each([
    [0, 0],
    [4.5, 25],
    [9.0, 50],
    [9.05, 50], // truncated to 9.0
    [9.1, 51],
    [12.0, 56],
    [35.4, 100],
    [35.5, 101],
    [45.0, 124],
    [55.4, 150],
    [55.5, 151],
    [90.0, 175],
    [125.4, 200],
    [125.5, 201],
    [225.4, 300],
    [225.5, 301],
    [325.4, 500],
    [600, 500],
  ])('PM2.5 %d µg/m³ → AQI %d', (pm25, aqi) => {
    expect(aqiFromPm25(pm25)).toBe(aqi);
  });

  it('refuses what is not a concentration', () => {
    expect(() => aqiFromPm25(-1)).toThrow(RangeError);
    expect(() => aqiFromPm25(Number.NaN)).toThrow(RangeError);
  });

  it.each([
    [0, 'good'],
    [50, 'good'],
    [51, 'moderate'],
    [150, 'usg'],
    [151, 'unhealthy'],
    [300, 'very_unhealthy'],
    [500, 'hazardous'],
  ])('AQI %d is %s', (aqi, key) => {
    expect(aqiBand(aqi).key).toBe(key);
  });
});
