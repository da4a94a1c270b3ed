import { describe, expect, it } from 'vitest';
import {
  AQI_CATEGORIES,
  NO_READING,
  aqiCategory,
  aqiFromPm25,
  congestionColour,
  isIncident,
  landUseClasses,
  landUseColour,
  landUseLabel,
  landUseOf,
  num,
  stationAqi,
  stationColour,
} from './overlayStyle';

describe('aqiFromPm25 (US EPA 2024 breakpoints)', () => {
  it.each([
    [0, 0],
    [9.0, 50],
    [9.1, 51],
    [35.4, 100],
    [35.5, 101],
    [55.4, 150],
    [55.5, 151],
    [125.4, 200],
    [225.4, 300],
    [325.4, 500],
    [900, 500],
    [35.49, 100], // truncated to one decimal first
  ])('PM2.5 %s → AQI %s', (pm, aqi) => expect(aqiFromPm25(pm)).toBe(aqi));
  it('rejects nonsense', () => {
    expect(aqiFromPm25(-1)).toBeNull();
    expect(aqiFromPm25(NaN)).toBeNull();
  });
});

describe('aqiCategory', () => {
  it.each([
    [0, 'Tốt', [0, 228, 0]],
    [50, 'Tốt', [0, 228, 0]],
    [51, 'Trung bình', [255, 255, 0]],
    [150, 'Kém', [255, 126, 0]],
    [200, 'Xấu', [255, 0, 0]],
    [300, 'Rất xấu', [143, 63, 151]],
    [420, 'Nguy hại', [126, 0, 35]],
  ])('AQI %s → %s', (aqi, vi, colour) => {
    expect(aqiCategory(aqi).vi).toBe(vi);
    expect(aqiCategory(aqi).colour).toEqual(colour);
  });
  it('has an English label for every category', () => {
    for (const k of AQI_CATEGORIES) expect(k.en).toMatch(/\w/);
  });
});

describe('stations', () => {
  it('prefers the given AQI, else computes it from PM2.5', () => {
    expect(stationAqi({ aqi: 120, pm25: 5 })).toBe(120);
    expect(stationAqi({ pm25: '35.5' })).toBe(101);
    expect(stationAqi({})).toBeNull();
    expect(stationColour({ pm25: 60 })).toEqual([255, 0, 0]);
    expect(stationColour(null)).toEqual(NO_READING);
  });
});

describe('congestionColour', () => {
  it('runs blue → amber → dark brown, clamped', () => {
    expect(congestionColour(0)).toEqual([44, 123, 182]);
    expect(congestionColour(0.5)).toEqual([253, 174, 97]);
    expect(congestionColour(1)).toEqual([127, 39, 4]);
    expect(congestionColour(7)).toEqual([127, 39, 4]);
    expect(congestionColour(NaN)).toEqual([44, 123, 182]);
    expect(congestionColour(0.25)).toEqual([149, 149, 140]);
  });
  it('tells incidents from readings', () => {
    expect(isIncident({ kind: 'incident' })).toBe(true);
    expect(isIncident({ congestion: 0.3 })).toBe(false);
    expect(isIncident({ severity: 2 }, 'Point')).toBe(true);
    expect(isIncident({ congestion: 0.3 }, 'Polygon')).toBe(false);
  });
});

describe('land use', () => {
  it('gives known classes fixed colours and labels, aliases included', () => {
    expect(landUseColour('residential')).toEqual([221, 204, 119]);
    expect(landUseColour('agriculture')).toEqual(landUseColour('agricultural'));
    expect(landUseColour('Park')).toEqual(landUseColour('green'));
    expect(landUseLabel('residential', 'vi')).toBe('Đất ở');
    expect(landUseLabel('mixed_use', 'en')).toBe('Mixed use');
    expect(landUseLabel('quarry', 'vi')).toBe('quarry');
  });
  it('gives unknown classes a stable palette colour', () => {
    expect(landUseColour('quarry')).toEqual(landUseColour('quarry'));
    expect(landUseColour(undefined)).toEqual([187, 187, 187]);
  });
  it('lists the classes present, in order', () => {
    const fs = [
      { properties: { class: 'green' } },
      { properties: { landUse: 'residential' } },
      { properties: { class: 'green' } },
      { properties: null },
    ];
    expect(landUseClasses(fs)).toEqual(['green', 'residential']);
    expect(landUseOf({ land_use: 'water' })).toBe('water');
    expect(landUseOf({ class: '' })).toBeNull();
  });
});

describe('num', () => {
  it.each([
    [3, 3],
    ['4.5', 4.5],
    ['', null],
    [' ', null],
    ['x', null],
    [null, null],
    [Infinity, null],
  ])('%j → %j', (v, want) => expect(num(v)).toBe(want));
});
