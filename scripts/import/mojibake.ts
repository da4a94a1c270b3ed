/**
 * Text that was UTF-8, read as Windows-1252 (or Latin-1) and written out as UTF-8 again: `â€™` for
 * `’`, `Ã©` for `é`, `Ä‘` for `đ`. Such text maps back to bytes one character each, and those bytes
 * are valid UTF-8; genuine text almost never is both (`café` is not: a lone 0xE9 is invalid UTF-8,
 * and Vietnamese letters like `ệ` are outside the one-byte range). Repaired up to twice (triple
 * encodings exist). Pure.
 */

/** Windows-1252's characters at bytes 0x80–0x9F (the rest of 0x00–0xFF are the same as Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const BYTE_OF = new Map<string, number>();
for (let i = 0; i < 32; i++) BYTE_OF.set(CP1252_HIGH[i], 0x80 + i);

/** Continuation bytes 0x80–0xBF as Latin-1 or Windows-1252 shows them. */
const CONT = `[\u0080-\u00BF${CP1252_HIGH}]`;
/**
 * One UTF-8 sequence shown byte by byte: a lead byte (0xC2–0xF4 as Latin-1) and the 1–3
 * continuation bytes it announces. Only such runs are touched, so text that mixes a repaired
 * character with a broken one (`It’s â€™`) is mended where it is broken and left where it is not.
 */
const RUN = new RegExp(`[\u00C2-\u00DF]${CONT}|[\u00E0-\u00EF]${CONT}{2}|[\u00F0-\u00F4]${CONT}{3}`, 'g');
const decoder = new TextDecoder('utf-8', { fatal: true });

function byteOf(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? c : (BYTE_OF.get(ch) ?? -1);
}

function decodeRun(run: string): string {
  const bytes = Uint8Array.from(run, byteOf);
  try {
    return decoder.decode(bytes);
  } catch {
    return run;
  }
}

function once(text: string): string {
  return text.replace(RUN, decodeRun);
}

export function repairMojibake(text: string): string {
  const first = once(text);
  return first === text ? text : once(first);
}
