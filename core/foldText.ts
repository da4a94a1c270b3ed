/**
 * Text folded for search: what someone types without Vietnamese input ("benh vien", "cho dong xuan")
 * matches the name as written ("Bệnh viện", "Chợ Đồng Xuân"). One function, used both to index names
 * and to read queries, so the two can never fold differently.
 */

/** Combining marks left by NFD: the five tones, the circumflex, the breve, and the horn of ư/ơ (U+031B). */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
/**
 * đ/Đ are letters of their own, not d plus a mark, so NFD leaves them; Ð (U+00D0, Icelandic eth) and
 * ɖ (U+0189/U+0256, African D) look the same and turn up in text typed on other keyboards.
 */
const D_BAR = /[đĐÐƉɖ]/g;
/** Punctuation and symbols separate words ("Bệnh viện Bạch Mai - Cơ sở 2", "Trường THCS Lê Lợi (cơ sở 2)"). */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower case, no diacritics, đ → d, words separated by one space, no leading or trailing space. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_BAR, 'd')
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim();
}
