/**
 * Plausible street wording for a simulated report. Streets are real Hanoi names chosen by the
 * commune's pre-2025 district (its `parentCode`), so a report in Cầu Giấy mentions Cầu Giấy's
 * streets, but they are not geocoded to the exact point: text and pin agree on the area only.
 * Rural communes get village (thôn) wording or the main roads crossing the old district.
 */
import type { Place } from './places';
import type { Rng } from './random';

/** [kind, name]: the kind word is what locals put before the name ("phố Huế", "đường Láng"). */
type Street = readonly [kind: string, name: string];

const p = (...names: string[]): Street[] => names.map((n) => ['phố', n] as const);
const d = (...names: string[]): Street[] => names.map((n) => ['đường', n] as const);
/** Numbered roads carry their kind in the name ("Quốc lộ 32"). */
const r = (...names: string[]): Street[] => names.map((n) => ['', n] as const);

/** By GSO district code (pre-2025 units). */
const STREETS_BY_DISTRICT: Record<string, readonly Street[]> = {
  '001': [
    ...p('Kim Mã', 'Liễu Giai', 'Đội Cấn', 'Giảng Võ', 'Ngọc Hà', 'Đào Tấn', 'Nguyễn Thái Học'),
    ...d('Hoàng Hoa Thám', 'Văn Cao'),
  ],
  '002': [
    ...p(
      'Hàng Bông',
      'Hàng Gai',
      'Hàng Bạc',
      'Hàng Đào',
      'Tràng Tiền',
      'Hàng Bài',
      'Lý Thường Kiệt',
      'Phùng Hưng',
      'Hàng Ngang',
    ),
    ...d('Đinh Tiên Hoàng', 'Trần Hưng Đạo'),
  ],
  '003': [
    ...d('Lạc Long Quân', 'Âu Cơ', 'Thụy Khuê', 'Nghi Tàm', 'Võ Chí Công'),
    ...p('Xuân Diệu', 'Đặng Thai Mai', 'Tô Ngọc Vân'),
  ],
  '004': [...d('Nguyễn Văn Cừ', 'Ngọc Lâm', 'Nguyễn Văn Linh', 'Ngô Gia Tự', 'Cổ Linh', 'Ngọc Thụy'), ...p('Sài Đồng')],
  '005': [
    ...d('Cầu Giấy', 'Xuân Thủy', 'Trần Duy Hưng', 'Hoàng Quốc Việt', 'Nguyễn Khánh Toàn'),
    ...p('Trần Đăng Ninh', 'Dương Quảng Hàm', 'Duy Tân', 'Trung Kính', 'Nguyễn Phong Sắc'),
  ],
  '006': [
    ...d('Tây Sơn', 'Láng', 'Láng Hạ', 'Xã Đàn', 'Tôn Đức Thắng', 'Nguyễn Lương Bằng'),
    ...p('Thái Hà', 'Chùa Bộc', 'Khâm Thiên', 'Hoàng Cầu', 'Đặng Tiến Đông'),
  ],
  '007': [
    ...p('Bạch Mai', 'Lò Đúc', 'Huế', 'Lê Thanh Nghị', 'Thanh Nhàn'),
    ...d('Minh Khai', 'Trần Khát Chân', 'Đại Cồ Việt', 'Kim Ngưu'),
  ],
  '008': [
    ...d('Giải Phóng', 'Tam Trinh', 'Lĩnh Nam', 'Trương Định', 'Kim Giang', 'Nguyễn Hữu Thọ', 'Định Công'),
    ...p('Tân Mai', 'Nguyễn Đức Cảnh'),
  ],
  '009': [
    ...d('Nguyễn Trãi', 'Khuất Duy Tiến', 'Lê Văn Lương', 'Nguyễn Xiển', 'Trường Chinh', 'Khương Đình'),
    ...p('Nguyễn Tuân', 'Hoàng Văn Thái', 'Vũ Trọng Phụng', 'Quan Nhân'),
  ],
  '019': [
    ...d('Phạm Hùng', 'Lê Đức Thọ', 'Mễ Trì', 'Tố Hữu', 'Đại Mỗ'),
    ...p('Hàm Nghi', 'Trần Hữu Dực', 'Đỗ Đức Dục'),
  ],
  '021': [
    ...d('Phạm Văn Đồng', 'Cổ Nhuế', 'Văn Tiến Dũng', 'Hoàng Tăng Bí', 'Đức Thắng', 'Tây Tựu'),
    ...p('Xuân Đỉnh'),
  ],
  '268': [
    ...d('Quang Trung', 'Tô Hiệu', 'Lê Trọng Tấn', 'Tố Hữu', 'Vạn Phúc', 'Nguyễn Trãi'),
    ...p('Phùng Hưng', 'Nguyễn Khuyến', 'Trần Phú'),
  ],
  '269': [...p('Lê Lợi', 'Phó Đức Chính', 'Chùa Thông'), ...r('Quốc lộ 32')],
  '016': [...r('Quốc lộ 3', 'Quốc lộ 2', 'Quốc lộ 18'), ...d('Võ Nguyên Giáp')],
  '017': [...r('Quốc lộ 3'), ...d('Võ Nguyên Giáp', 'Cao Lỗ')],
  '018': [...r('Quốc lộ 5'), ...d('Nguyễn Đức Thuận', 'Ỷ Lan', 'Hà Huy Tập')],
  '020': [...r('Quốc lộ 1A'), ...d('Ngọc Hồi', 'Phan Trọng Tuệ')],
  '250': r('Quốc lộ 23', 'Quốc lộ 2'),
  '271': r('Quốc lộ 32', 'Tỉnh lộ 87', 'Tỉnh lộ 411'),
  '272': r('Quốc lộ 32', 'Tỉnh lộ 417', 'Tỉnh lộ 418'),
  '273': r('Quốc lộ 32', 'Tỉnh lộ 417'),
  '274': r('Quốc lộ 32', 'Đại lộ Thăng Long', 'Tỉnh lộ 422'),
  '275': r('Đại lộ Thăng Long', 'Quốc lộ 21A'),
  '276': r('Quốc lộ 21A', 'Đại lộ Thăng Long', 'Tỉnh lộ 419'),
  '277': r('Quốc lộ 6', 'Quốc lộ 21A', 'Tỉnh lộ 419'),
  '278': r('Quốc lộ 21B'),
  '279': r('Quốc lộ 1A', 'Tỉnh lộ 427'),
  '280': r('Quốc lộ 1A', 'Tỉnh lộ 428', 'Tỉnh lộ 429'),
  '281': r('Quốc lộ 21B', 'Tỉnh lộ 428', 'Tỉnh lộ 429'),
  '282': r('Quốc lộ 21B', 'Tỉnh lộ 419', 'Tỉnh lộ 424'),
};

/** Common village names across the Red River delta ("thôn Đoài" = west hamlet). */
const VILLAGES = [
  'Đông',
  'Đoài',
  'Thượng',
  'Hạ',
  'Trung',
  'Nam',
  'Bắc',
  'Cao',
  'Đình',
  'Chùa',
  'Mới',
  'Tiền',
  'Hậu',
  'Phú',
  'An',
];

/** Rural reports sit on a main road this often; the rest are in the village lanes. */
const RURAL_MAIN_ROAD_PROBABILITY = 0.35;

const withKind = ([kind, name]: Street) => (kind ? `${kind} ${name}` : name);

export interface StreetText {
  /** For titles: "đường Láng", "Quốc lộ 32", "đường thôn Đoài". */
  short: string;
  /** For the description: "ngõ 12 đường Láng", "xóm 3, thôn Đoài". */
  full: string;
}

export function streetsFor(place: Pick<Place, 'urban' | 'districtCode'>, rng: Rng): StreetText {
  const pool = place.districtCode ? STREETS_BY_DISTRICT[place.districtCode] : undefined;
  const n = rng.intBetween(1, 320);
  if (pool && (place.urban || rng.chance(RURAL_MAIN_ROAD_PROBABILITY))) {
    const street = rng.pick(pool);
    const short = withKind(street);
    if (!place.urban) {
      return { short, full: `đoạn ${short} qua thôn ${rng.pick(VILLAGES)}` };
    }
    const other = rng.pick(pool);
    const forms = [
      `số ${n} ${short}`,
      `ngõ ${rng.intBetween(2, 200)} ${short}`,
      `ngách ${rng.intBetween(2, 90)}, ngõ ${rng.intBetween(2, 200)} ${short}`,
      `trước cửa số nhà ${n} ${short}`,
      other !== street ? `nút giao ${street[1]} – ${other[1]}` : `đoạn đầu ${short}`,
    ];
    return { short, full: rng.pick(forms) };
  }
  const village = rng.pick(VILLAGES);
  if (place.urban) {
    // An urban ward outside any listed district: residential groups are numbered.
    const group = rng.intBetween(1, 30);
    return { short: `đường tổ dân phố số ${group}`, full: `ngõ ${rng.intBetween(2, 80)}, tổ dân phố số ${group}` };
  }
  const forms = [`thôn ${village}`, `xóm ${rng.intBetween(1, 12)}, thôn ${village}`, `gần nhà văn hóa thôn ${village}`];
  return { short: `đường thôn ${village}`, full: rng.pick(forms) };
}
