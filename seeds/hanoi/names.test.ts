import { describe, expect, it } from 'vitest';
import { communeNameEn, districtNameEn, toAscii } from './names';

describe('names', () => {
  it.each([
    ['Đống Đa', 'Dong Da'],
    ['Ứng Hòa', 'Ung Hoa'],
    ['Văn Miếu - Quốc Tử Giám', 'Van Mieu - Quoc Tu Giam'],
    ['Thượng Cát', 'Thuong Cat'],
    // Decomposed input (NFD) as some keyboards produce it
    ['Hoàn Kiếm'.normalize('NFD'), 'Hoan Kiem'],
  ])('toAscii(%s) = %s', (input, expected) => {
    expect(toAscii(input)).toBe(expected);
  });

  it.each([
    ['Ba Đình', 'Quận', 'Ba Dinh District'],
    ['Sóc Sơn', 'Huyện', 'Soc Son District'],
    ['Sơn Tây', 'Thị xã', 'Son Tay Town'],
  ])('districtNameEn(%s, %s) = %s', (short, type, expected) => {
    expect(districtNameEn(short, type)).toBe(expected);
  });

  it.each([
    ['Ba Dinh Ward', 'Ba Dinh', 'Phường', 'Ba Dinh Ward'],
    ['Phú Xuyên Commune', 'Phu Xuyen', 'Xã', 'Phu Xuyen Commune'],
    [undefined, 'Ha Dong', 'Phường', 'Ha Dong Ward'],
    [undefined, 'Quoc Oai', 'Xã', 'Quoc Oai Commune'],
  ])('communeNameEn(%s, %s, %s) = %s', (osm, ascii, type, expected) => {
    expect(communeNameEn(osm, ascii, type)).toBe(expected);
  });
});
