import type { OfficeLevel } from '../../core/reception';
import { fakeName, fakePhone } from './content';
import type { ReportContent } from '../../core/reportContent';
import { type Rng, createRng } from './random';

/**
 * The reception offices' week in the demo, pure: which sessions each office holds on a working
 * day, how fast citizens book them, and who turns up. The wiring (api/simulation/reception.ts)
 * asks the working calendar which dates are working days and writes through the store.
 *
 * Hanoi's practice (Luật Tiếp công dân 2013): the city's citizen-reception office receives every
 * working day; a district's or ward's chairman receives on set days, at least one or two a month,
 * with its reception staff on others. Here: the city twice a day, each district on ~2 days a week,
 * each ward/commune on ~1.
 */
export interface SlotDraft {
  start: string;
  end: string;
  topic: string;
  officer: string;
  capacity: number;
}

interface OfficeRule {
  /** Chance that the office receives on a given working day. */
  dayChance: number;
  /** Sessions it may hold that day (morning, afternoon); one is drawn unless `both`. */
  sessions: Array<[string, string]>;
  both: boolean;
  capacity: [number, number];
  officers: string[];
}

const RULES: Record<OfficeLevel, OfficeRule> = {
  city: {
    dayChance: 1,
    sessions: [
      ['08:00', '10:00'],
      ['14:00', '16:00'],
    ],
    both: true,
    capacity: [6, 10],
    officers: ['Ban Tiếp công dân Thành phố', 'Phó Chủ tịch UBND Thành phố', 'Trưởng Ban Tiếp công dân'],
  },
  district: {
    dayChance: 0.4,
    sessions: [
      ['08:30', '10:30'],
      ['14:00', '16:00'],
    ],
    both: false,
    capacity: [3, 6],
    officers: ['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Ban Tiếp công dân'],
  },
  commune: {
    dayChance: 0.2,
    sessions: [
      ['08:00', '09:30'],
      ['14:00', '15:30'],
    ],
    both: false,
    capacity: [2, 4],
    officers: ['Chủ tịch UBND phường/xã', 'Phó Chủ tịch UBND phường/xã', 'Công chức Tư pháp – Hộ tịch'],
  },
};

/** What citizens come about, with a rough share of each (land is the largest by far). */
const TOPICS = [
  'Đất đai',
  'Chính sách xã hội',
  'Xây dựng, trật tự đô thị',
  'Môi trường',
  'Khiếu nại, tố cáo',
  'Hộ tịch, cư trú',
];
const TOPIC_WEIGHTS = [40, 15, 15, 10, 12, 8];

const SUBJECTS: Record<string, string[]> = {
  'Đất đai': [
    'Đề nghị cấp giấy chứng nhận quyền sử dụng đất',
    'Tranh chấp ranh giới đất với hộ liền kề',
    'Hỏi về bồi thường giải phóng mặt bằng',
  ],
  'Chính sách xã hội': ['Hỏi về trợ cấp người cao tuổi', 'Đề nghị xét hộ cận nghèo', 'Chế độ người có công'],
  'Xây dựng, trật tự đô thị': ['Công trình xây dựng sai phép gây lún nhà', 'Hỏi thủ tục cấp phép sửa chữa nhà'],
  'Môi trường': ['Cơ sở sản xuất gây tiếng ồn ban đêm', 'Nước thải chảy ra ngõ'],
  'Khiếu nại, tố cáo': ['Khiếu nại quyết định xử phạt hành chính', 'Phản ánh thái độ cán bộ tiếp nhận hồ sơ'],
  'Hộ tịch, cư trú': ['Hỏi thủ tục đăng ký thường trú', 'Trích lục khai sinh bị sai thông tin'],
};

/**
 * The sessions an office holds on a date, the same every time it is asked (seeded by office and
 * date), so a restarted demo plans the same week and publishes nothing twice.
 */
export function receptionSessions(office: { code: string; level: OfficeLevel }, date: string): SlotDraft[] {
  const rng = createRng(`reception:${office.code}:${date}`);
  const rule = RULES[office.level];
  if (!rng.chance(rule.dayChance)) return [];
  const sessions = rule.both ? rule.sessions : [rng.pick(rule.sessions)];
  return sessions.map(([start, end]) => ({
    start,
    end,
    topic: rng.pickWeighted(TOPICS, TOPIC_WEIGHTS),
    officer: rng.pick(rule.officers),
    capacity: rng.intBetween(rule.capacity[0], rule.capacity[1]),
  }));
}

/** The share of seats the demo's citizens take of a session: most fill, few stay empty. */
export function targetFill(slotId: number): number {
  return 0.55 + 0.45 * createRng(`fill:${slotId}`).next();
}

/**
 * Booking arrivals per hour for one session: its seats still wanted, spread over the time left
 * until the evening before it (citizens book ahead), but never slower than over BOOKING_FLOOR_H,
 * so a session of today still fills through the morning.
 */
export const BOOKING_FLOOR_H = 3;
export function bookingsPerHour(wanted: number, hoursUntilStart: number): number {
  if (wanted <= 0 || hoursUntilStart <= 0) return 0;
  return wanted / Math.max(BOOKING_FLOOR_H, hoursUntilStart - 14);
}

/** A booked citizen cancels now and then before the day. */
export const CANCEL_PROBABILITY = 0.06;
/** Of those who booked, most come (a fifth do not, as reception offices report). */
export const ATTEND_PROBABILITY = 0.8;

export function citizenBooking(
  rng: Rng,
  topic: string | null,
  content: ReportContent,
): { name: string; phone: string; subject: string } {
  const subjects = SUBJECTS[topic ?? ''] ?? Object.values(SUBJECTS).flat();
  return { name: fakeName(rng, content), phone: fakePhone(rng, content), subject: rng.pick(subjects) };
}
