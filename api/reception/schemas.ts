import { z } from 'zod';
import { ATTENDANCE_OUTCOMES } from '../../core/reception';
import { isoDate, plainText, vnPhone } from '../schemas';

/** A room of a ward office seats a few; the city's hall a hundred at most. */
export const MAX_SLOT_CAPACITY = 100;
/** The longest window one list may span: two months. */
export const MAX_LIST_DAYS = 62;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM');
const officeCode = z.string().trim().min(1).max(40);
const capacity = z
  .number()
  .int()
  .min(1, 'must be at least 1 seat')
  .max(MAX_SLOT_CAPACITY, `must be at most ${MAX_SLOT_CAPACITY} seats`);

export const newSlotBody = z
  .object({
    office: officeCode,
    /** The city's local date and wall times. */
    date: z.iso.date(),
    start: hhmm,
    end: hhmm,
    topic: plainText(1, 200).optional(),
    officer: plainText(1, 120).optional(),
    capacity,
  })
  .strict();

export const editSlotBody = z
  .object({
    capacity: capacity.optional(),
    topic: plainText(1, 200).nullable().optional(),
    officer: plainText(1, 120).nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one of capacity, topic, officer');

export const cancelSlotBody = z.object({ reason: plainText(1, 500).optional() }).strict();

export const bookingBody = z
  .object({
    name: plainText(1, 100),
    phone: vnPhone,
    subject: plainText(3, 1_000),
  })
  .strict();

/** The code as the citizen typed it; api/reception/code.ts reads it. */
export const codeBody = z.object({ code: z.string().max(64) }).strict();

export const attendanceBody = z.object({ outcome: z.enum(ATTENDANCE_OUTCOMES) }).strict();

export const staffSlotsQuery = z
  .object({
    office: officeCode.optional(),
    from: isoDate.optional(),
    until: isoDate.optional(),
  })
  .strict();

export const publicSlotsQuery = z.object({ from: isoDate.optional(), until: isoDate.optional() }).strict();
