/**
 * The contact scrub: what a citizen's free text loses before any public view (a published
 * initiative, a report's text once cleared, a chat message). Citizens write their phone number or
 * e-mail into the text itself ("gọi tôi 0912 345 678"), and sometimes their ID-card number; the
 * contact fields they filled in are known too and are removed wherever they appear. One function,
 * for reports, initiatives and chat alike, so that every public text is cleaned by the same rule.
 *
 * It errs towards removing: a 12-digit number that was not a citizen-ID card is lost from the
 * public text, which is cheaper than publishing one that was. Names cannot be found reliably in
 * free text, so only the name the citizen gave as their contact is removed.
 */

/** What replaces each contact in the public text (the text is the citizen's, mostly Vietnamese). */
export const SCRUBBED = '[đã ẩn]';

/**
 * An e-mail address: a loose local part (any run of non-space characters: the strict RFC grammar
 * would let quoted tricks through) and a domain of dotted labels, so a full stop after it stays.
 */
const EMAIL = /[^\s@<>()[\]{}"',;:]+@(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}]{2,}/gu;

/**
 * A Vietnamese phone number as people write it: a leading 0, +84 or 84, then 8–10 more digits,
 * grouped by spaces, dots, dashes or parentheses ("0912 345 678", "+84 (24) 3825.1234",
 * "024-3825-1234"). Digits around it must not continue the number (a longer id is caught below).
 */
const PHONE = /(?<![\p{N}])(?:\+\s?84|\(?\+?84\)?|\(?0)(?:[\s.\-()]{0,2}\p{Nd}){8,10}(?![\p{N}])/gu;

/** A citizen-ID (CCCD) number: 12 digits, possibly grouped like a phone. */
const CITIZEN_ID = /(?<![\p{N}])\p{Nd}(?:[\s.-]?\p{Nd}){11}(?![\p{N}])/gu;

export interface KnownContact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Not inside a longer word: a name "An" must not take the "an" of "xanh". */
const whole = (pattern: string) => `(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`;

/**
 * The given contact's exact strings, wherever they appear. A name of several words matches in any
 * case (people retype their own name in lower case); a one-word name only as written, since
 * "An" or "Hà" are also words ("an toàn", "hà khắc").
 */
function knownPatterns(known: KnownContact): RegExp[] {
  const out: RegExp[] = [];
  const email = known.email?.trim();
  if (email) out.push(new RegExp(escapeRegExp(email), 'giu'));
  const name = known.name?.trim().replace(/\s+/g, ' ');
  if (name && name.length >= 2) {
    const words = name.split(' ').map(escapeRegExp);
    out.push(new RegExp(whole(words.join('\\s+')), words.length > 1 ? 'giu' : 'gu'));
  }
  // A phone as given (0912345678 or +84912345678): its digits in any grouping.
  const digits = known.phone?.replace(/\D/g, '').replace(/^84/, '0');
  if (digits && digits.length >= 8) {
    const grouped = [...digits.replace(/^0/, '')].join('[\\s.\\-()]{0,2}');
    out.push(new RegExp(`(?:\\+\\s?84|\\(?0)?[\\s.\\-()]{0,2}${grouped}`, 'gu'));
  }
  return out;
}

/** The text with every e-mail address, phone number, citizen-ID number and given contact replaced by SCRUBBED. */
export function scrubContacts(text: string, known: KnownContact = {}): string {
  let out = text;
  for (const re of knownPatterns(known)) out = out.replace(re, SCRUBBED);
  // IDs before phones: a grouped 12-digit ID starts like a phone number.
  return out.replace(EMAIL, SCRUBBED).replace(CITIZEN_ID, SCRUBBED).replace(PHONE, SCRUBBED);
}
