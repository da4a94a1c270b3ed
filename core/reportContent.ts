import { z } from 'zod';

/**
 * What the demo simulator writes in a city's reports: titles and details per category, the streets
 * of each district, how an address is worded, who reports. Data in the pack (its manifest's
 * `simulator.reports`), so a city brings its own language and streets; seeds/simulator/content.ts and
 * streets.ts are the engine. Templates fill `{name}` placeholders; `{a..b}` is a random whole number.
 */

const issue = z.object({ title: z.string().min(1), details: z.array(z.string().min(1)).min(1) }).strict();
const byGroup = z.object({ field: z.array(z.string()).min(1), procedure: z.array(z.string()).min(1) }).strict();
const weight = z.number().positive();

export const reportContentSchema = z
  .object({
    /** The language the text is in. */
    language: z.enum(['vi', 'en']),
    /** Relative weight of a category inside its group (unlisted = 1). */
    categoryWeights: z.record(z.string(), weight).default({}),
    /** Category → lower-level area code → multiplier of its population weight (hotspots to find). */
    hotZones: z.record(z.string(), z.record(z.string(), weight)).default({}),
    /** Category code → kinds of problem; `{where}` a short place, `{area}` the area, `{n}` a count. */
    issues: z.record(z.string(), z.array(issue).min(1)),
    /** For categories with no issues of their own; `{category}` is the category's name. */
    genericIssues: z.array(issue).min(1),
    durations: byGroup,
    requests: byGroup,
    /** The description's first sentence: `{full}` the address, `{area}` the area. */
    location: z.object({ field: z.string().min(1), procedure: z.string().min(1) }).strict(),
    /** A regular expression whose match in an area's name is lower-cased in running text ("Phường" → "phường"). */
    areaInline: z.string().optional(),
    /** Lower-level areas whose name matches are urban (streets), the rest rural (villages); absent = all urban. */
    urbanAreaPattern: z.string().optional(),
    streets: z
      .object({
        /** Upper-level (district) code → [kind, name] ("phố", "Huế"; "", "Broadway"). */
        byDistrict: z.record(z.string(), z.array(z.tuple([z.string(), z.string().min(1)])).min(1)),
        villages: z.array(z.string().min(1)).default([]),
        ruralMainRoadProbability: z.number().min(0).max(1).default(1),
        /** Addresses on a street: `{n}` a house number, `{street}` kind and name. */
        urbanForms: z.array(z.string().min(1)).min(1),
        /** A junction of two streets of the district (`{name}`, `{otherName}`), or `sameStreet` when both are one. */
        junction: z.string().min(1),
        sameStreet: z.string().min(1),
        ruralOnRoad: z.string().min(1),
        urbanNoStreet: z
          .object({
            short: z.string().min(1),
            full: z.string().min(1),
            groups: z.tuple([z.number().int(), z.number().int()]),
          })
          .strict(),
        ruralNoStreet: z.object({ short: z.string().min(1), full: z.array(z.string().min(1)).min(1) }).strict(),
      })
      .strict(),
    people: z
      .object({
        /** Share of reporters who leave a way to reach them. */
        contactProbability: z.number().min(0).max(1),
        familyNames: z.array(z.tuple([z.string().min(1), weight])).min(1),
        middle: z
          .object({ male: z.array(z.string()), female: z.array(z.string()) })
          .strict()
          .optional(),
        given: z.object({ male: z.array(z.string()).min(1), female: z.array(z.string()).min(1) }).strict(),
        /** How a full name is written. */
        order: z.array(z.enum(['family', 'middle', 'given'])).min(2),
        /** A number as `prefix` + `digits` random digits (use a range reserved for fiction). */
        phone: z.object({ prefix: z.string(), digits: z.number().int().min(1).max(12) }).strict(),
      })
      .strict(),
  })
  .strict();

export type ReportContent = z.infer<typeof reportContentSchema>;
