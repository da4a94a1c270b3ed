import type { CityClock } from '../../core/cityClock';
import { ValidationError } from '../errors';
import { MAX_LIST_DAYS } from './schemas';

const MS_PER_DAY = 86_400_000;

/**
 * The window a slot list covers: [from, until), `defaultDays` from `from` unless `until` is given,
 * never longer than MAX_LIST_DAYS. Staff lists start by default at the start of the city's today;
 * a citizen's list never starts before now (past slots cannot be booked).
 */
export function listWindow(
  q: { from?: Date; until?: Date },
  defaults: { from: Date; days: number; notBefore?: Date },
): { from: Date; until: Date } {
  let from = q.from ?? defaults.from;
  if (defaults.notBefore && from < defaults.notBefore) from = defaults.notBefore;
  const until = q.until ?? new Date(from.getTime() + defaults.days * MS_PER_DAY);
  if (until <= from) throw new ValidationError('until: must be after from', 'until');
  if (until.getTime() - from.getTime() > MAX_LIST_DAYS * MS_PER_DAY) {
    throw new ValidationError(`until: at most ${MAX_LIST_DAYS} days after from`, 'until');
  }
  return { from, until };
}

export function startOfToday(clock: CityClock, now: Date): Date {
  return new Date(clock.startOfLocalDay(now));
}
