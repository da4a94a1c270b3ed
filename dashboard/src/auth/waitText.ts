import type { Messages } from '../i18n/messages';

/** Up to this many seconds a wait reads in seconds ("45 giây"); longer, in whole minutes. */
const SECONDS_UP_TO_S = 120;

/** A wait in words, for the sign-in page's "try again in …". */
export function waitText(seconds: number, t: Messages): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s <= SECONDS_UP_TO_S ? `${s} ${t.seconds}` : `${Math.ceil(s / 60)} ${t.minutes}`;
}
