/**
 * Text hygiene for everything a client sends, in one place (api/schemas.ts and api/validate.ts use it).
 *
 * A lone UTF-16 surrogate ("\ud800") is not text: Postgres's jsonb refuses it (a 500 and a failed
 * ingest batch) and its text columns store it as U+FFFD (the 201 then echoes what was not kept).
 * Bidirectional controls make displayed text lie about itself ("gnp.exe" shown as "exe.png");
 * Vietnamese, English and every other script the desk shows need none of them, so they are removed
 * before anything is stored or echoed.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * The bidirectional formatting characters of Unicode's UAX #9: embeddings and overrides
 * (U+202A–U+202E), isolates (U+2066–U+2069), and the implicit marks LRM, RLM and ALM
 * (U+200E, U+200F, U+061C).
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

export const stripBidi = (s: string): string => s.replace(BIDI_CONTROLS, '');

export const hasBidi = (s: string): boolean => s.search(BIDI_CONTROLS) !== -1;

export const NOT_WELL_FORMED = 'must be valid Unicode text (a lone UTF-16 surrogate) / văn bản Unicode không hợp lệ';

/**
 * The path of the first string (a value or an object key) in parsed JSON or a query that is not
 * well-formed, '' for the root, or null if every string is. Walks at most the 64 KB a body may be.
 */
export function firstMalformedString(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : path.join('.');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstMalformedString(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // Named with U+FFFD in place of the surrogate, so the error names it in valid text.
      if (!isWellFormed(k)) return [...path, k.replace(LONE_SURROGATES, '\ufffd')].join('.');
      const found = firstMalformedString(v, [...path, k]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** NUL: Postgres text and jsonb cannot hold it. */
const NUL = /\u0000/;

/**
 * The path of the first string in a value about to be stored that Postgres would refuse (a lone
 * surrogate or a NUL), or null. Checked before an item joins an ingest batch, whatever its source.
 */
export function firstUnstorableString(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return isWellFormed(value) && !NUL.test(value) ? null : path.join('.');
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = firstUnstorableString(v, [...path, k]);
    if (found !== null) return found;
  }
  return null;
}
