import { describe, expect, it } from 'vitest';
import { repairMojibake } from './mojibake';

describe('repairMojibake', () => {
  it.each([
    ['Itâ€™s fixed', 'It’s fixed'],
    ['â€œquotedâ€\u009D', '“quoted”'],
    ['cafÃ©', 'café'],
    ['Ngáº­p Ãºng Ä‘Æ°á»\u009Dng', 'Ngập úng đường'],
    // Twice encoded: repaired twice.
    ['ItÃ¢â‚¬â„¢s', 'It’s'],
    // A repaired character beside a broken one: each run on its own.
    ['It’s â€™ fixed', 'It’s ’ fixed'],
  ])('%j → %j', (broken, fixed) => {
    expect(repairMojibake(broken)).toBe(fixed);
  });

  it.each(['café', 'Ngập úng đường Láng', 'Ã alone', '£5 – “ok”', 'naïve Zürich', ''])('leaves %j as it is', (text) => {
    expect(repairMojibake(text)).toBe(text);
  });
});
