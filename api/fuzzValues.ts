import fc from 'fast-check';
import { REPORT_STATUSES } from '../core/statuses';

/**
 * The values the fuzz tests (api/fuzz.test.ts) build requests from: strings that broke things
 * before (issue 9's probe), dates and ids around every bound, and ordinary ones, so that a request
 * mixes what passes a check with what must be refused by the next.
 */

export const BIG_ID = '99999999999999999999';
export const SPECIALS = [
  '',
  ' ',
  '0',
  '-1',
  '1e308',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  BIG_ID,
  '9007199254740992',
  '0x10',
  '0000-01-01',
  '+275760-09-13',
  '-000001-01-01T00:00:00Z',
  '1999-12-31',
  '2026-01-01',
  '2026-02-30',
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00+07:00',
  '2099-12-31T23:59:59Z',
  '2100-01-01',
  '\ud800abc',
  'abc\udfff',
  '\u202egpj.exe',
  '\u2066x\u2069',
  'a\u0000b',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  "x'; DROP TABLE reports;--",
  '1 OR 1=1',
  '../../etc/passwd',
  '%00',
  '%2e%2e',
  'ư'.repeat(300),
  'traffic_roads',
  'received,accepted',
  '001',
  '00001',
  '105.8,21.0,105.9,21.1',
  '881f1d4a9bfffff',
  'district',
  'commune',
  'day',
  'hour',
  'public',
  'ops',
  'air_quality',
  // The product's own vocabulary: a status added later is fuzzed too.
  ...REPORT_STATUSES,
];

/** Strings that break naive code, and ordinary ones. */
export const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
);

/** Dates around and beyond every bound: year 0000, before 2000, after 2100, JS's last day. */
export const dateText = fc.oneof(
  fc.constantFrom('0000-01-01', '1999-12-31', '2000-01-01', '2026-01-01', '2099-12-31T23:59:59Z', '2100-01-01'),
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 10))),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
/** Ids around every bound: 0, 2^53, 20 digits, negative. */
export const idText = fc.oneof(
  fc.constantFrom('0', '1', '9007199254740991', '9007199254740992', BIG_ID, '-1'),
  fc.bigInt({ min: -1n, max: 10n ** 21n }).map(String),
  fc.nat({ max: 100 }).map(String),
);
export const smallInt = fc.integer({ min: -5, max: 1_000 }).map(String);
