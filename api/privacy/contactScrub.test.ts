import { describe, expect, it } from 'vitest';
import { SCRUBBED, scrubContacts } from './contactScrub';

const S = SCRUBBED;

describe('scrubContacts', () => {
  it.each([
    ['Liên hệ 0912345678 nhé', `Liên hệ ${S} nhé`],
    ['Gọi 0912 345 678.', `Gọi ${S}.`],
    ['Gọi 0912.345.678 hoặc 0912-345-678', `Gọi ${S} hoặc ${S}`],
    ['Zalo +84 912 345 678', `Zalo ${S}`],
    ['Zalo +84912345678', `Zalo ${S}`],
    ['số 84912345678', `số ${S}`],
    ['Bàn (024) 3825 1234 giờ hành chính', `Bàn ${S} giờ hành chính`],
    ['Bàn 024.3825.1234', `Bàn ${S}`],
    ['email: nguyen.van.a@gmail.com.', `email: ${S}.`],
    ['thư tới A.Nguyen+gopy@hanoi.gov.vn, cảm ơn', `thư tới ${S}, cảm ơn`],
    ['CCCD 001203004567 của tôi', `CCCD ${S} của tôi`],
    ['CCCD 001 203 004 567', `CCCD ${S}`],
  ])('removes contacts: %s', (text, expected) => {
    expect(scrubContacts(text)).toBe(expected);
  });

  it.each([
    'Chi phí khoảng 2.500.000.000 đồng cho 3 tuyến phố',
    'Đường dây nóng 1900 1234 và 113',
    'Từ 08:00-17:30 ngày 21.03.2025, lô 12/45',
    'Năm 2024 2025 có 1.200 cây xanh',
    'Tài khoản 12345678901234 là số 14 chữ số',
    'Phố Hàng Bạc @ Hoàn Kiếm',
  ])('leaves ordinary numbers and text alone: %s', (text) => {
    expect(scrubContacts(text)).toBe(text);
  });

  it('removes the contact the citizen gave, wherever it appears', () => {
    const known = { name: 'Trần Thị Bích', phone: '0987654321', email: 'bich@example.vn' };
    expect(scrubContacts('Tôi là trần thị bích, số 098 765 4321, BICH@example.vn', known)).toBe(
      `Tôi là ${S}, số ${S}, ${S}`,
    );
    expect(scrubContacts('Gọi +84987654321', { phone: '+84987654321' })).toBe(`Gọi ${S}`);
  });

  it('keeps text that holds none', () => {
    expect(scrubContacts('Trồng thêm cây xanh ở hồ Thành Công', { name: 'An' })).toBe(
      'Trồng thêm cây xanh ở hồ Thành Công',
    );
  });
});
