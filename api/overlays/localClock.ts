import { localTime, LOCAL_UTC_OFFSET_H } from '../../seeds/simulator/rhythm';

const MS_PER_HOUR = 3_600_000;

/** Local hour (fractional), ISO weekday and month (0 = January) in Hanoi (UTC+7 all year). */
export function localClock(t: Date): { hour: number; isoWeekday: number; month: number } {
  const { hour, isoWeekday } = localTime(t);
  const month = new Date(t.getTime() + LOCAL_UTC_OFFSET_H * MS_PER_HOUR).getUTCMonth();
  return { hour, isoWeekday, month };
}
