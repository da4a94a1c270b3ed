import { cityClock } from '../../core/cityClock';
import type { WorkingCalendar } from '../../core/cityPack';
import { ValidationError } from '../errors';
import type { WorkingClock } from './workingCalendar';

/**
 * Whether a reception slot lies on the city's working calendar: on a working day (not a weekend
 * unless it is a compensatory working day, never a holiday), wholly inside one working period, in
 * the future and within a year. The calendar's rules are the working clock's (api/domain/
 * workingCalendar.ts, the one the SLA runs on): a slot is inside working time exactly when the
 * working hours between its start and end are its whole length. The pack's holiday list only
 * names the holiday in the refusal.
 */
export interface SlotTimeInput {
  /** The city's local date and wall times: YYYY-MM-DD, HH:MM. */
  date: string;
  start: string;
  end: string;
}

/** A year: offices publish weeks or months ahead; further than this is a typo of the year. */
export const MAX_DAYS_AHEAD = 366;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** Working hours come back as a float of hours: equal to the slot's length within a millisecond. */
const SAME_LENGTH_TOLERANCE_MS = 1;

/** 400 with a code of its own for each calendar rule, naming the field to fix. */
export class SlotOffCalendar extends ValidationError {}

export function slotInstants(
  input: SlotTimeInput,
  calendar: WorkingCalendar,
  clock: WorkingClock,
  now: Date,
): { startsAt: Date; endsAt: Date } {
  const local = cityClock(calendar.timezone);
  const day = Date.parse(`${input.date}T00:00:00Z`) / MS_PER_DAY;
  const startsAt = new Date(local.utcOfLocal(day, minutesOf(input.start)));
  const endsAt = new Date(local.utcOfLocal(day, minutesOf(input.end)));
  if (endsAt <= startsAt)
    throw new SlotOffCalendar('end: must be after start / Giờ kết thúc phải sau giờ bắt đầu', 'end');
  if (startsAt <= now) {
    throw new SlotOffCalendar(
      `date: ${input.date} ${input.start} has passed / Thời điểm đã qua`,
      'date',
      'slot_in_past',
    );
  }
  if (startsAt.getTime() - now.getTime() > MAX_DAYS_AHEAD * MS_PER_DAY) {
    throw new SlotOffCalendar(
      `date: at most ${MAX_DAYS_AHEAD} days ahead / Chỉ đăng lịch trong vòng ${MAX_DAYS_AHEAD} ngày tới`,
      'date',
      'slot_too_far',
    );
  }
  const holiday = calendar.holidays.find((h) => h.date === input.date);
  if (holiday) {
    throw new SlotOffCalendar(
      `date: ${input.date} is a holiday (${holiday.nameEn}) / Ngày nghỉ lễ: ${holiday.nameVi}`,
      'date',
      'slot_on_holiday',
    );
  }
  const dayStart = new Date(local.utcOfLocal(day));
  const dayEnd = new Date(local.utcOfLocal(day + 1));
  if (clock.workingHoursBetween(dayStart, dayEnd) === 0) {
    throw new SlotOffCalendar(
      `date: ${input.date} is not a working day / Không phải ngày làm việc`,
      'date',
      'slot_not_working_day',
    );
  }
  const workingMs = clock.workingHoursBetween(startsAt, endsAt) * MS_PER_HOUR;
  if (Math.abs(workingMs - (endsAt.getTime() - startsAt.getTime())) > SAME_LENGTH_TOLERANCE_MS) {
    const hours = calendar.periods.map(([a, b]) => `${a}–${b}`).join(', ');
    throw new SlotOffCalendar(
      `${clock.isWorkingTime(startsAt) ? 'end' : 'start'}: outside working hours (${hours}) / Ngoài giờ làm việc (${hours})`,
      clock.isWorkingTime(startsAt) ? 'end' : 'start',
      'slot_outside_hours',
    );
  }
  return { startsAt, endsAt };
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
