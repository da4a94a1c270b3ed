import { describe, expect, it } from 'vitest';
import { cellToLatLng, latLngToCell } from 'h3-js';
import type { PublicInitiative, StaffInitiative } from '../../../api/initiatives/wire';
import {
  answerText,
  initiativePoints,
  isInitiativeEvent,
  mayAnswer,
  mayPublish,
  movesFrom,
  placeName,
} from './initiatives';

describe('initiatives on the dashboard', () => {
  it.each([
    ['submitted', ['under_review', 'declined']],
    ['under_review', ['accepted', 'declined']],
    ['accepted', ['implemented', 'declined']],
    ['implemented', []],
    ['declined', []],
  ] as const)('offers the moves of the table from %s', (status, moves) => {
    expect(movesFrom(status)).toEqual(moves);
  });

  it('lets the operations centre publish, chiefs answer, agencies neither', () => {
    expect([mayAnswer('operator'), mayAnswer('chief'), mayAnswer('agency')]).toEqual([true, true, false]);
    expect([mayPublish('admin'), mayPublish('operator'), mayPublish('chief')]).toEqual([true, true, false]);
  });

  it('draws located initiatives only, lng first: staff at their point, the public at their cell', () => {
    const base = { publicId: 'HN-SK-2026-000001', title: 'Đèn', status: 'submitted', supportCount: 2 };
    const staff = [
      { ...base, location: { lat: 21.03, lng: 105.85 } },
      { ...base, publicId: 'HN-SK-2026-000002', location: null },
    ] as unknown as StaffInitiative[];
    const fc = initiativePoints(staff);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.geometry.coordinates).toEqual([105.85, 21.03]);
    expect(fc.features[0]!.properties).toEqual(base);
    const cell = latLngToCell(21.03, 105.85, 8);
    const publicItems = [
      { ...base, cell },
      { ...base, publicId: 'HN-SK-2026-000002', cell: null },
    ] as unknown as PublicInitiative[];
    const pub = initiativePoints(publicItems);
    expect(pub.features).toHaveLength(1);
    const [lat, lng] = cellToLatLng(cell);
    expect(pub.features[0]!.geometry.coordinates).toEqual([lng, lat]);
    expect(pub.features[0]!.geometry.coordinates).not.toEqual([105.85, 21.03]);
  });

  it('hears initiative events and answers in the page language', () => {
    expect(isInitiativeEvent({ type: 'initiative.published' })).toBe(true);
    expect(isInitiativeEvent({ type: 'report.created' })).toBe(false);
    expect(answerText({ vi: 'Đã nhận', en: 'Received' }, 'en')).toBe('Received');
    expect(answerText({ vi: 'Đã nhận', en: null }, 'en')).toBe('Đã nhận');
  });

  it('names the place by its commune, else its district, else none (city-wide)', () => {
    const district = { code: '002', nameVi: 'Quận Hoàn Kiếm', nameEn: 'Hoan Kiem District' };
    const commune = { code: '00070', nameVi: 'Phường Hoàn Kiếm', nameEn: 'Hoan Kiem Ward' };
    expect(placeName({ district, commune }, 'en')).toBe('Hoan Kiem Ward');
    expect(placeName({ district, commune: null }, 'vi')).toBe('Quận Hoàn Kiếm');
    expect(placeName({ district: { code: '099' }, commune: null }, 'vi')).toBe('099');
    expect(placeName({ district: null, commune: null }, 'vi')).toBeNull();
  });
});
