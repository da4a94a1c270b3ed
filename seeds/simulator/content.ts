/**
 * What a simulated report says: its category, a title and description in the pack's language, and
 * (sometimes) who filed it. Everything is synthetic — template sentences from the pack's content
 * (core/reportContent.ts), real street names for plausibility, invented people with reserved
 * example.com/example.org email domains. A pack with no content gets generic text (./fallbackContent.ts).
 */
import type { Category, CategoryGroup, CityPack } from '../../core/cityPack';
import type { ReportContent } from '../../core/reportContent';
import { fallbackContent } from './fallbackContent';
import { WeightedTable, type Rng } from './random';
import type { Place } from './places';
import { streetsFor } from './streets';

// ---- Category mix ---------------------------------------------------------------------------

/** iHanoi's published split of what citizens send: field incidents dominate, then procedure complaints, then ideas. */
export const IHANOI_SHARE = { field: 0.8, procedure: 0.12, initiative: 0.08 } as const;

/** The report groups' shares (ideas are initiatives, filed apart: seeds/simulator/initiatives.ts). */
export const GROUP_SHARE: Record<CategoryGroup, number> = {
  field: IHANOI_SHARE.field,
  procedure: IHANOI_SHARE.procedure,
};

export interface CategoryPicker {
  pick(rng: Rng): Category;
  /** Long-run share of a category code (for tests and docs). */
  share(code: string): number;
}

/**
 * Categories drawn by group share, then by the pack's relative weight inside the group (unlisted = 1):
 * what citizens see every day leads the mix.
 */
export function createCategoryPicker(
  categories: readonly Category[],
  weightOf: Readonly<Record<string, number>> = {},
): CategoryPicker {
  if (categories.length === 0) throw new Error('createCategoryPicker: no categories');
  const groups = (Object.keys(GROUP_SHARE) as CategoryGroup[]).filter((g) => categories.some((c) => c.group === g));
  // Renormalise over the groups the pack actually has, so a pack without initiatives still works.
  const groupTotal = groups.reduce((s, g) => s + GROUP_SHARE[g], 0);
  const weights = categories.map((c) => {
    const inGroup = categories.filter((o) => o.group === c.group);
    const groupWeight = inGroup.reduce((s, o) => s + (weightOf[o.code] ?? 1), 0);
    return ((GROUP_SHARE[c.group] ?? 0) / groupTotal) * ((weightOf[c.code] ?? 1) / groupWeight);
  });
  const table = new WeightedTable(categories, weights);
  return {
    pick: (rng) => table.pick(rng),
    share: (code) => {
      const i = categories.findIndex((c) => c.code === code);
      return i < 0 ? 0 : table.probability(i);
    },
  };
}

// ---- Text -----------------------------------------------------------------------------------

export interface ReportText {
  title: string;
  description: string;
}

export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
}

/** A pack's content, or the generic one in its first language. */
export function contentOf(pack: Pick<CityPack, 'languages' | 'simulator'>): ReportContent {
  return pack.simulator.reports ?? fallbackContent(pack.languages[0]);
}

/** Whether the content writes this category's own text (the rest get the generic issues). */
export function hasTemplates(content: ReportContent, categoryCode: string): boolean {
  return categoryCode in content.issues;
}

export function composeText(
  category: Pick<Category, 'code' | 'group' | 'nameVi' | 'nameEn'>,
  place: Place,
  rng: Rng,
  content: ReportContent,
): ReportText {
  const issue = rng.pick(content.issues[category.code] ?? content.genericIssues);
  const area = inlineAreaName(content, content.language === 'vi' ? place.communeNameVi : place.communeNameEn);
  const { short, full } = streetsFor(place, content.streets, rng);
  const categoryName = content.language === 'vi' ? category.nameVi : category.nameEn;
  const vars = { where: short, area, n: String(rng.intBetween(2, 10)), category: categoryName, full };
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => vars[k as keyof typeof vars] ?? '');
  const title = fill(issue.title);
  const parts = [
    // A procedure complaint is about an office, not a spot on a street.
    fill(content.location[category.group]),
    rng.pick(issue.details),
    fill(rng.pick(content.durations[category.group])),
    fill(rng.pick(content.requests[category.group])),
  ];
  return { title, description: parts.filter(Boolean).join(' ') };
}

/** "Phường Láng" → "phường Láng": the unit type is lower-case in running text, where the content says so. */
function inlineAreaName(content: ReportContent, name: string): string {
  return content.areaInline ? name.replace(new RegExp(content.areaInline), (m) => m.toLowerCase()) : name;
}

// ---- Reporter ---------------------------------------------------------------------------------

const NAME_GIVEN_PROBABILITY = 0.9;
const PHONE_GIVEN_PROBABILITY = 0.85;
const EMAIL_GIVEN_PROBABILITY = 0.35;
/** RFC 2606 reserved domains: a synthetic address can never reach a real inbox. */
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/** Letters with marks → ASCII for email local parts ("Nguyễn Thị Hằng" → "nguyen thi hang"). */
export function toAsciiVi(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const familyTables = new WeakMap<ReportContent['people'], WeightedTable<string>>();

/** A full name in the content's order, with its family-name frequencies. */
export function fakeName(rng: Rng, content: ReportContent): string {
  const people = content.people;
  let family = familyTables.get(people);
  if (!family) {
    family = new WeightedTable(
      people.familyNames.map(([n]) => n),
      people.familyNames.map(([, w]) => w),
    );
    familyTables.set(people, family);
  }
  const female = rng.chance(0.5);
  const parts = {
    family: family.pick(rng),
    middle: people.middle ? rng.pick(female ? people.middle.female : people.middle.male) : '',
    given: rng.pick(female ? people.given.female : people.given.male),
  };
  return people.order
    .map((k) => parts[k])
    .filter(Boolean)
    .join(' ');
}

/** A phone number in the content's (fictional) range. */
export function fakePhone(rng: Rng, content: ReportContent): string {
  const { prefix, digits } = content.people.phone;
  return `${prefix}${String(rng.int(10 ** digits)).padStart(digits, '0')}`;
}

export function fakeReporter(rng: Rng, content: ReportContent): ReporterContact | undefined {
  if (!rng.chance(content.people.contactProbability)) return undefined;
  const name = fakeName(rng, content);
  const contact: ReporterContact = {};
  if (rng.chance(NAME_GIVEN_PROBABILITY)) contact.name = name;
  if (rng.chance(PHONE_GIVEN_PROBABILITY)) contact.phone = fakePhone(rng, content);
  if (rng.chance(EMAIL_GIVEN_PROBABILITY) || (!contact.name && !contact.phone)) {
    const words = toAsciiVi(name)
      .replace(/[^a-z ]/g, '')
      .split(' ');
    // Family, middle, given as the Vietnamese write them; a two-part name has no middle.
    const [f, m, g] =
      content.people.order[0] === 'family'
        ? [words[0], words.length > 2 ? words[1] : '', words.at(-1)]
        : [words.at(-1), '', words[0]];
    const local = rng.pick([
      `${f}${m}${g}`,
      `${g}.${f}`,
      `${g}${f}${rng.intBetween(60, 99)}`,
      `${f}.${g}${rng.intBetween(1, 99)}`,
    ]);
    contact.email = `${local}@${rng.pick(EMAIL_DOMAINS)}`;
  }
  return contact;
}
