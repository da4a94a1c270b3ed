import { describe, expect, it } from 'vitest';
import { langFor, otherLang } from './languages';

const HANOI = { languages: ['vi', 'en'] as const };
const NYC = { languages: ['en'] as const };

describe('city languages', () => {
  it.each([
    [HANOI, null, 'vi'],
    [HANOI, 'en', 'en'],
    [HANOI, 'fr', 'vi'],
    [NYC, null, 'en'],
    [NYC, 'vi', 'en'],
    [NYC, 'en', 'en'],
  ] as const)('%j asked %s → %s', (city, asked, lang) => {
    expect(langFor(asked, city)).toBe(lang);
  });

  it('toggles between two languages, and offers no toggle with one', () => {
    expect(otherLang('vi', HANOI)).toBe('en');
    expect(otherLang('en', HANOI)).toBe('vi');
    expect(otherLang('en', NYC)).toBeNull();
  });
});
