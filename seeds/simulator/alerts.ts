/**
 * What the demo's alerts and news say and where: the kinds a city centre publishes in a day
 * (congestion after a crash, flooding after rain, a planned power or water cut, a dengue warning,
 * a heat or storm warning), in Vietnamese and English, over a commune, a district, or a polygon
 * drawn around a point of the commune (as an operator draws one around a flooded street). Pure:
 * the API's simulation (api/simulation/alerts.ts) publishes them through the store.
 */
import type { Polygon } from 'geojson';
import type { AlertKind, AlertSeverity } from '../../core/alerts';
import type { CityPack } from '../../core/cityPack';
import { createPlaceSampler } from './places';
import type { Rng } from './random';

/** The live demo: about one alert an hour (a real centre publishes a few a day), each in force for hours. */
export const DEMO_ALERTS_PER_DAY = 24;
export const DEMO_NEWS_PER_DAY = 4;

const HOUR_MS = 3_600_000;
const METRES_PER_DEGREE = 111_320;

export interface SimAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
  /** A commune or district code, or a drawn polygon. */
  place: { areaCode: string; geometry: null } | { areaCode: null; geometry: Polygon };
  startsAt: Date;
  expiresAt: Date;
}

export interface SimNews {
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
}

interface Template {
  kind: AlertKind;
  /** Relative frequency among the day's alerts. */
  weight: number;
  severities: Array<[AlertSeverity, number]>;
  hours: [number, number];
  /** Where: a drawn polygon of this radius (m), the commune, or its district. */
  where: { polygonRadiusM: [number, number] } | 'commune' | 'district';
  /** The report category whose hot zones the place follows (flooding where it floods). */
  placeLike: string;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
}

/** `{place}` is the commune's name (or its district's, for district alerts). */
const TEMPLATES: Template[] = [
  {
    kind: 'traffic',
    weight: 5,
    severities: [
      ['warning', 3],
      ['info', 1],
    ],
    hours: [1, 3],
    where: { polygonRadiusM: [300, 900] },
    placeLike: 'traffic_roads',
    titleVi: 'Ùn tắc kéo dài khu vực {place}',
    titleEn: 'Heavy congestion around {place}',
    bodyVi: 'Va chạm giao thông gây ùn tắc. Đề nghị người dân đi đường khác và chú ý hướng dẫn của CSGT.',
    bodyEn: 'A collision is holding up traffic. Please take another route and follow the traffic police.',
  },
  {
    kind: 'traffic',
    weight: 2,
    severities: [['info', 1]],
    hours: [3, 8],
    where: 'commune',
    placeLike: 'traffic_roads',
    titleVi: 'Phân luồng giao thông tại {place}',
    titleEn: 'Traffic diversion in {place}',
    bodyVi: 'Cấm xe một số tuyến phố để thi công và phục vụ sự kiện; xe buýt đi tuyến thay thế.',
    bodyEn: 'Some streets are closed for works and an event; buses take alternative routes.',
  },
  {
    kind: 'flood',
    weight: 3,
    severities: [
      ['warning', 2],
      ['danger', 1],
    ],
    hours: [2, 8],
    where: { polygonRadiusM: [400, 1_500] },
    placeLike: 'drainage_flooding',
    titleVi: 'Ngập úng sau mưa lớn tại {place}',
    titleEn: 'Flooding after heavy rain in {place}',
    bodyVi: 'Nước ngập 30–50 cm trên một số tuyến phố. Không đi vào vùng ngập, tránh xa cột điện và hố ga.',
    bodyEn: 'Streets under 30–50 cm of water. Keep out of flooded streets and away from power poles and drains.',
  },
  {
    kind: 'storm',
    weight: 1,
    severities: [['danger', 1]],
    hours: [2, 6],
    where: { polygonRadiusM: [4_000, 9_000] },
    placeLike: 'drainage_flooding',
    titleVi: 'Cảnh báo dông, lốc, sét khu vực {place}',
    titleEn: 'Thunderstorm, squall and lightning warning around {place}',
    bodyVi: 'Dông mạnh kèm gió giật cấp 7–8. Chằng chống nhà cửa, không trú dưới cây lớn và biển quảng cáo.',
    bodyEn:
      'Strong thunderstorms with gusts of force 7–8. Secure your home; do not shelter under big trees or billboards.',
  },
  {
    kind: 'heat',
    weight: 1,
    severities: [
      ['warning', 2],
      ['danger', 1],
    ],
    hours: [6, 10],
    where: 'district',
    placeLike: 'environment_waste',
    titleVi: 'Nắng nóng gay gắt tại {place}',
    titleEn: 'Severe heat in {place}',
    bodyVi: 'Nhiệt độ ngoài trời trên 39 °C. Hạn chế ra ngoài từ 11 đến 16 giờ, uống đủ nước.',
    bodyEn: 'Above 39 °C outdoors. Stay inside from 11:00 to 16:00 and drink enough water.',
  },
  {
    kind: 'power_outage',
    weight: 3,
    severities: [['info', 1]],
    hours: [2, 8],
    where: 'commune',
    placeLike: 'lighting_electricity',
    titleVi: 'Tạm ngừng cấp điện tại {place}',
    titleEn: 'Planned power cut in {place}',
    bodyVi: 'EVN Hà Nội tạm ngừng cấp điện để bảo dưỡng lưới điện. Điện sẽ được cấp lại trong ngày.',
    bodyEn: 'EVN Hanoi is cutting power to maintain the grid. Power returns the same day.',
  },
  {
    kind: 'water_outage',
    weight: 2,
    severities: [
      ['info', 2],
      ['warning', 1],
    ],
    hours: [4, 12],
    where: 'commune',
    placeLike: 'water_supply',
    titleVi: 'Gián đoạn cấp nước tại {place}',
    titleEn: 'Water supply interrupted in {place}',
    bodyVi: 'Sửa chữa đường ống chính, nước yếu hoặc mất nước. Xe téc cấp nước tại trụ sở UBND phường.',
    bodyEn: 'A main is being repaired: low or no pressure. A water tanker is at the ward office.',
  },
  {
    kind: 'public_health',
    weight: 1,
    severities: [['warning', 1]],
    hours: [24, 72],
    where: 'commune',
    placeLike: 'environment_waste',
    titleVi: 'Cảnh báo sốt xuất huyết tại {place}',
    titleEn: 'Dengue warning in {place}',
    bodyVi: 'Số ca mắc tăng. Diệt bọ gậy, loại bỏ vật chứa nước đọng, ngủ màn; đến cơ sở y tế khi sốt cao.',
    bodyEn: 'Cases are rising. Clear standing water, sleep under a net, and see a doctor for a high fever.',
  },
  {
    kind: 'crime',
    weight: 1,
    severities: [['info', 1]],
    hours: [12, 24],
    where: 'commune',
    placeLike: 'security_order',
    titleVi: 'Cảnh giác trộm cắp tại {place}',
    titleEn: 'Beware of pickpockets in {place}',
    bodyVi: 'Công an phường ghi nhận nhiều vụ trộm cắp tài sản. Giữ tư trang cẩn thận ở nơi đông người.',
    bodyEn: 'The ward police report several thefts. Keep your belongings close in crowded places.',
  },
];

const NEWS: SimNews[] = [
  {
    titleVi: 'Lịch cắt điện tuần tới trên địa bàn thành phố',
    titleEn: "Next week's planned power cuts across the city",
    bodyVi: 'EVN Hà Nội công bố lịch tạm ngừng cấp điện để bảo dưỡng. Tra cứu theo phường, xã trên ứng dụng.',
    bodyEn: 'EVN Hanoi has published its maintenance power cuts. Look up your ward or commune in the app.',
  },
  {
    titleVi: 'Thành phố triển khai chiến dịch diệt bọ gậy',
    titleEn: 'The city starts a campaign against mosquito larvae',
    bodyVi: 'Các phường, xã tổ chức tổng vệ sinh môi trường cuối tuần; người dân phối hợp loại bỏ vật chứa nước.',
    bodyEn: 'Wards and communes hold a clean-up this weekend; residents are asked to empty standing water.',
  },
  {
    titleVi: 'Mở thêm tuyến xe buýt điện kết nối sân bay Nội Bài',
    titleEn: 'A new electric bus route to Noi Bai airport',
    bodyVi: 'Tuyến mới chạy 15 phút một chuyến từ 5:00 đến 22:00, giá vé theo quy định hiện hành.',
    bodyEn: 'The new route runs every 15 minutes from 5:00 to 22:00 at the usual fares.',
  },
  {
    titleVi: 'Hướng dẫn phản ánh hiện trường qua ứng dụng',
    titleEn: 'How to file a report from the street through the app',
    bodyVi: 'Chụp ảnh, chọn vị trí và lĩnh vực; cơ quan xử lý tiếp nhận trong 8 giờ làm việc.',
    bodyEn: 'Take a photo, pick the place and the field; the agency accepts it within 8 working hours.',
  },
  {
    titleVi: 'Dự báo thời tiết: mưa dông vào chiều tối',
    titleEn: 'Weather: thunderstorms in the late afternoon',
    bodyVi: 'Trung tâm Khí tượng dự báo mưa rào và dông rải rác, đề phòng ngập úng cục bộ.',
    bodyEn: 'The weather service expects scattered showers and storms; local flooding is possible.',
  },
];

/** A closed, counter-clockwise ring of 6–10 corners around a point, each at 70–100 % of the radius. */
export function polygonAround(lng: number, lat: number, radiusM: number, rng: Rng): Polygon {
  const n = rng.intBetween(6, 10);
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n;
    const r = radiusM * rng.uniform(0.7, 1);
    const dLat = (r * Math.sin(angle)) / METRES_PER_DEGREE;
    const dLng = (r * Math.cos(angle)) / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
    ring.push([Math.round((lng + dLng) * 1e6) / 1e6, Math.round((lat + dLat) * 1e6) / 1e6]);
  }
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

const weightsOf = <T>(xs: Array<[T, number]>) => xs.map(([, w]) => w);

/** Draws the demo's alerts and news for a city pack. */
export function createAlertMaker(pack: Pick<CityPack, 'areas' | 'simulator'>) {
  const places = createPlaceSampler(pack);
  const areas = new Map(pack.areas.map((a) => [a.code, a]));
  return {
    alert(at: Date, rng: Rng): SimAlert {
      const t = rng.pickWeighted(
        TEMPLATES,
        TEMPLATES.map((x) => x.weight),
      );
      const p = places.sample(t.placeLike, rng);
      const district = p.districtCode ? areas.get(p.districtCode) : undefined;
      const commune = areas.get(p.communeCode);
      const named = t.where === 'district' && district ? district : commune;
      let place: SimAlert['place'];
      if (t.where === 'district' && district) place = { areaCode: district.code, geometry: null };
      else if (typeof t.where === 'object')
        place = { areaCode: null, geometry: polygonAround(p.lng, p.lat, rng.uniform(...t.where.polygonRadiusM), rng) };
      else place = { areaCode: p.communeCode, geometry: null };
      const fill = (s: string, lang: 'vi' | 'en') =>
        s.replace('{place}', named ? (lang === 'vi' ? named.nameVi : named.nameEn) : p.communeNameVi);
      const hours = rng.uniform(...t.hours);
      return {
        kind: t.kind,
        severity: rng.pickWeighted(
          t.severities.map(([s]) => s),
          weightsOf(t.severities),
        ),
        titleVi: fill(t.titleVi, 'vi'),
        titleEn: fill(t.titleEn, 'en'),
        bodyVi: t.bodyVi,
        bodyEn: t.bodyEn,
        place,
        startsAt: at,
        // To the minute, as a person sets it.
        expiresAt: new Date(Math.ceil((at.getTime() + hours * HOUR_MS) / 60_000) * 60_000),
      };
    },
    news(rng: Rng): SimNews {
      return rng.pick(NEWS);
    },
  };
}
