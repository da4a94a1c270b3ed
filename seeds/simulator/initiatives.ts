/**
 * What simulated citizens propose and how the city answers: an idea's topic, a Vietnamese title
 * and text, where it is (a point, a commune, or the whole city), then its life — a review, perhaps
 * publication and supports, a decision, sometimes implementation — each with the city's answer.
 * Synthetic, as the reports' text (content.ts). Pure: the API's simulation (api/simulation/) files
 * and applies the steps through the same store paths as people.
 */
import type { InitiativeMoveTarget, InitiativeTopic } from '../../core/initiatives';
import type { Place } from './places';
import type { Rng } from './random';
import { streetsFor } from './streets';
import type { ReportContent } from '../../core/reportContent';

interface IdeaTemplate {
  title: string;
  details: readonly string[];
}

/** `{where}` a street, `{area}` the commune. */
const IDEAS: Record<InitiativeTopic, readonly IdeaTemplate[]> = {
  transport: [
    {
      title: 'Đề xuất bổ sung đèn tín hiệu tại {where}',
      details: [
        'Nút giao ngày càng đông phương tiện, đề xuất lắp đèn tín hiệu để đảm bảo an toàn cho học sinh.',
        'Đề xuất bố trí vạch sang đường và đèn cho người đi bộ gần cổng trường.',
      ],
    },
    {
      title: 'Đề xuất mở thêm tuyến xe buýt qua {area}',
      details: [
        'Khu dân cư mới chưa có tuyến xe buýt, người dân phải đi bộ hơn 1 km ra điểm dừng gần nhất.',
        'Đề xuất bố trí tuyến buýt nhỏ kết nối với ga đường sắt đô thị vào giờ cao điểm.',
      ],
    },
  ],
  planning: [
    {
      title: 'Góp ý cải tạo vườn hoa tại {where}',
      details: [
        'Đề xuất tận dụng khu đất trống làm sân chơi cho trẻ em và người cao tuổi.',
        'Đề nghị trồng thêm cây bóng mát và lắp ghế nghỉ dọc tuyến đường.',
      ],
    },
    {
      title: 'Đề xuất làm bãi đỗ xe ngầm dưới công viên ở {area}',
      details: ['Xe đỗ tràn lan trên vỉa hè; một bãi đỗ ngầm sẽ trả lại không gian đi bộ cho người dân.'],
    },
  ],
  environment: [
    {
      title: 'Sáng kiến phân loại rác tại nguồn ở {area}',
      details: [
        'Đề xuất đặt thùng rác phân loại và lịch thu gom riêng rác tái chế cho từng tổ dân phố.',
        'Đề xuất đổi rác tái chế lấy cây xanh vào cuối tuần để khuyến khích người dân.',
      ],
    },
    {
      title: 'Đề xuất trồng thêm cây xanh trên {where}',
      details: ['Tuyến phố nắng nóng, ít bóng mát; đề xuất trồng cây bản địa và tưới bằng nước mưa thu gom.'],
    },
  ],
  culture: [
    {
      title: 'Đề xuất không gian đọc sách cộng đồng tại nhà văn hoá {area}',
      details: ['Nhà văn hoá ít sử dụng ngày thường; có thể mở tủ sách và góc đọc cho học sinh sau giờ học.'],
    },
    {
      title: 'Sáng kiến phố đi bộ cuối tuần trên {where}',
      details: ['Tổ chức biểu diễn nghệ thuật dân gian và chợ phiên cuối tuần để phát huy văn hoá địa phương.'],
    },
  ],
  digital_services: [
    {
      title: 'Góp ý ứng dụng iHanoi',
      details: [
        'Đề nghị ứng dụng cho phép theo dõi tiến độ xử lý và nhận thông báo khi có kết quả.',
        'Đề xuất bổ sung bản đồ các điểm ngập để người dân chủ động tránh khi trời mưa.',
      ],
    },
    {
      title: 'Đề xuất đặt lịch làm thủ tục trực tuyến tại {area}',
      details: ['Người dân mất nhiều thời gian chờ; đặt lịch trực tuyến sẽ giảm ùn ứ ở bộ phận một cửa.'],
    },
  ],
  other: [
    {
      title: 'Góp ý nâng cao chất lượng phục vụ tại {area}',
      details: ['Đề xuất niêm yết rõ thời gian tiếp dân và số điện thoại đường dây nóng của phường.'],
    },
  ],
};

/** Topic shares: transport and the environment lead what people propose, as they lead what they report. */
const TOPIC_WEIGHTS: ReadonlyArray<[InitiativeTopic, number]> = [
  ['transport', 30],
  ['environment', 25],
  ['planning', 20],
  ['digital_services', 12],
  ['culture', 8],
  ['other', 5],
];

const CLOSINGS = [
  'Kính mong các cơ quan chức năng xem xét.',
  'Rất mong ý kiến được tiếp thu. Xin cảm ơn!',
  'Tôi sẵn sàng phối hợp nếu cần thêm thông tin.',
];

/** Most ideas name a spot; some a ward or commune as a whole; a few the whole city. */
const PLACED_BY_POINT = 0.7;
const PLACED_BY_AREA = 0.2;

export interface SimInitiative {
  topic: InitiativeTopic;
  title: string;
  text: string;
  /** A point, a commune code, or neither (the city). */
  place: { lat: number; lng: number } | { area: string } | null;
}

function pickTopic(rng: Rng): InitiativeTopic {
  const total = TOPIC_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = rng.uniform(0, total);
  for (const [topic, w] of TOPIC_WEIGHTS) if ((x -= w) < 0) return topic;
  return 'other';
}

function lowerUnit(nameVi: string): string {
  return nameVi.replace(/^(Phường|Xã|Thị trấn)(?=\s)/, (m) => m.toLowerCase());
}

export function composeInitiative(place: Place, rng: Rng, content: ReportContent): SimInitiative {
  const topic = pickTopic(rng);
  const idea = rng.pick(IDEAS[topic]);
  const area = lowerUnit(place.communeNameVi);
  const where = streetsFor(place, content.streets, rng).short;
  const fill = (s: string) => s.replace('{where}', where).replace('{area}', area);
  const r = rng.uniform(0, 1);
  return {
    topic,
    title: fill(idea.title),
    text: [rng.pick(idea.details), rng.pick(CLOSINGS)].join(' '),
    place:
      r < PLACED_BY_POINT
        ? { lat: place.lat, lng: place.lng }
        : r < PLACED_BY_POINT + PLACED_BY_AREA
          ? { area: place.communeCode }
          : null,
  };
}

/** The city's answer with a move, in both languages. */
export const SIM_ANSWERS: Record<InitiativeMoveTarget, ReadonlyArray<{ vi: string; en: string }>> = {
  under_review: [
    {
      vi: 'Đã tiếp nhận, chuyển cơ quan chuyên môn nghiên cứu, đánh giá.',
      en: 'Received and passed to the department concerned for study.',
    },
    { vi: 'Đang lấy ý kiến các sở, ngành liên quan.', en: 'The departments concerned are being consulted.' },
  ],
  accepted: [
    {
      vi: 'Sáng kiến được tiếp thu, đưa vào kế hoạch thực hiện năm nay.',
      en: "The idea is accepted and included in this year's plan.",
    },
  ],
  implemented: [{ vi: 'Đã triển khai thực hiện. Cảm ơn người dân đã góp ý.', en: 'Done. Thank you for the idea.' }],
  declined: [
    {
      vi: 'Chưa phù hợp với quy hoạch hiện hành; thành phố ghi nhận để nghiên cứu sau.',
      en: 'Not compatible with the current plan; noted for later study.',
    },
    { vi: 'Nội dung đã được triển khai theo một chương trình khác.', en: 'Already covered by another programme.' },
  ],
};

export type InitiativeStep =
  | { at: Date; kind: 'move'; to: InitiativeMoveTarget; answer: { vi: string; en: string } }
  | { at: Date; kind: 'publish' }
  | { at: Date; kind: 'support'; phone: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Where an idea stands: what is still to come depends on it. */
export interface InitiativeState {
  status: 'submitted' | 'under_review' | 'accepted';
  published: boolean;
}

/**
 * The rest of an idea's life from `state` at `from`: a review within three days (most are
 * reviewed), publication soon after for most, supports while it is open to them, a decision after
 * two to ten days (half accepted, a quarter declined, the rest left under review), and for some
 * accepted ones implementation within a month.
 */
export function planInitiative(state: InitiativeState, from: Date, rng: Rng): InitiativeStep[] {
  const steps: InitiativeStep[] = [];
  let t = from.getTime();
  const move = (to: InitiativeMoveTarget) =>
    steps.push({ at: new Date(t), kind: 'move', to, answer: rng.pick(SIM_ANSWERS[to]) });
  let status = state.status;
  if (status === 'submitted') {
    if (!rng.chance(0.9)) return steps;
    t += rng.uniform(2, 72) * HOUR_MS;
    move('under_review');
    status = 'under_review';
  }
  let publishedAt = state.published ? from.getTime() : null;
  if (publishedAt === null && rng.chance(0.75)) {
    t += rng.uniform(1, 24) * HOUR_MS;
    steps.push({ at: new Date(t), kind: 'publish' });
    publishedAt = t;
  }
  const decisionAt = t + rng.uniform(2, 10) * DAY_MS;
  if (publishedAt !== null) {
    // Supporters arrive fast at first, then trail off; they stop at the decision's end of the road.
    const supporters = Math.round(rng.exponential(1 / 6));
    for (let i = 0; i < supporters; i++) {
      const at = publishedAt + rng.exponential(1 / (2 * DAY_MS));
      steps.push({ at: new Date(at), kind: 'support', phone: `09${String(rng.int(100_000_000)).padStart(8, '0')}` });
    }
  }
  t = decisionAt;
  if (status === 'under_review') {
    const r = rng.uniform(0, 1);
    if (r < 0.5) {
      move('accepted');
      status = 'accepted';
    } else if (r < 0.75) {
      move('declined');
      return sorted(steps);
    } else {
      return sorted(steps);
    }
  }
  if (status === 'accepted' && rng.chance(0.45)) {
    t += rng.uniform(7, 30) * DAY_MS;
    move('implemented');
  }
  return sorted(steps);
}

function sorted(steps: InitiativeStep[]): InitiativeStep[] {
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
