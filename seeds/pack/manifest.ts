import { z } from 'zod';

/**
 * A city pack's manifest (`seeds/<city>/pack.json`): what the city is and which files of its folder
 * hold the rest. Validated once at load, so a typo fails with the file and the field named.
 * The format is documented in seeds/README.md.
 */

/** The interface speaks these (dashboard/src/i18n/messages.ts); a pack offers one or both. */
export const PACK_LANGUAGES = ['vi', 'en'] as const;
export type PackLanguage = (typeof PACK_LANGUAGES)[number];

/** A file inside the pack's folder: no absolute path, no climbing out of it. */
const packFile = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'must be a path inside the pack folder');

/** One text per language the pack declares, e.g. `{ "vi": "Hà Nội", "en": "Hanoi" }`. */
const localText = z.object({ vi: z.string().min(1).optional(), en: z.string().min(1).optional() }).strict();
export type LocalText = z.infer<typeof localText>;

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const camera = z.object({ center: lngLat, zoom: z.number().min(0).max(22) }).strict();

const level = z
  .object({
    /** How the user is shown the level ("Quận/huyện", "Borough"). */
    name: localText,
    /** Every code of this level matches it (checked at load), e.g. "^\\d{3}$". */
    codePattern: z.string().min(1),
    /** GeoJSON FeatureCollection of Polygon/MultiPolygon features, one per area. */
    geometry: packFile,
    /** The feature property holding the area's code (numbers are read as their decimal text). */
    codeProperty: z.string().min(1),
    /**
     * CSV with one row per area, joined on `code`: `name_<lang>` per language, optional
     * `parent_code` (lower level only), `population`, `area_km2` (computed from geometry when absent).
     * Features with no row are left out (NYC's joint interest areas).
     */
    attributes: packFile,
  })
  .strict();

const overlay = z.discriminatedUnion('type', [
  z
    .object({
      /** Static features from a GeoJSON file, shown as they are. */
      type: z.literal('geojson'),
      code: z.string().regex(/^[a-z][a-z0-9_]*$/),
      kind: z.enum(['planning', 'environment', 'traffic', 'transit', 'amenity']),
      name: localText,
      file: packFile,
      source: z.string().min(1),
      licence: z.string().min(1),
      dataDate: z.string().nullable(),
    })
    .strict(),
  z
    .object({
      /**
       * Layers computed by a module of the pack's own folder (simulated readings, cells built from the
       * areas): it exports `loadOverlays(pack)`. The one place a pack may carry code.
       */
      type: z.literal('module'),
      module: packFile,
    })
    .strict(),
]);

export const manifestSchema = z
  .object({
    /** The folder's name; `CITY=<code>`. */
    code: z.string().regex(/^[a-z][a-z0-9_-]*$/),
    /** Prefix of public report ids (HN-2026-000123). */
    publicIdPrefix: z.string().regex(/^[A-Z]{2,4}$/),
    /** Languages of the pack's names, first = the dashboard's default. */
    languages: z.array(z.enum(PACK_LANGUAGES)).min(1),
    name: localText,
    shortName: localText,
    /** IANA zone; the working calendar's must be the same. */
    timezone: z.string().min(1),
    /** BCP 47 locale per declared language, for numbers and dates. */
    locales: z.object({ vi: z.string().min(2).optional(), en: z.string().min(2).optional() }).strict(),
    /** Where the city's name sits on a map; [lng, lat]. */
    center: lngLat,
    views: z.object({ opening: camera, city: camera }).strict(),
    /** GeoJSON with the city's outline as its first feature. */
    boundary: packFile,
    levels: z.object({ district: level, commune: level }).strict(),
    categories: packFile,
    calendar: packFile,
    sla: packFile,
    initiativeCategoryCodes: z.array(z.string()).default([]),
    /** What the map is drawn on without MAP_STYLE_URL/MAP_PMTILES: the pack's own boundaries. */
    map: z.object({ basemap: z.literal('boundaries'), note: z.string().optional() }).strict(),
    overlays: z.array(overlay).default([]),
    simulator: z
      .object({
        /** Report titles, descriptions, streets and people (seeds/simulator/contentSchema.ts). */
        reports: packFile.optional(),
        /** The demo's other simulations this pack has content for (their text is Vietnamese). */
        extras: z.array(z.enum(['alerts', 'chat', 'initiatives', 'reception'])).default([]),
      })
      .strict()
      .default({ extras: [] }),
    attribution: z.array(z.string().min(1)).min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    const texts: Array<[string, LocalText]> = [
      ['name', m.name],
      ['shortName', m.shortName],
      ['levels.district.name', m.levels.district.name],
      ['levels.commune.name', m.levels.commune.name],
    ];
    for (const lang of m.languages) {
      for (const [field, t] of texts) {
        if (!t[lang])
          ctx.addIssue({ code: 'custom', path: [...field.split('.'), lang], message: `missing ${lang} text` });
      }
      if (!m.locales[lang])
        ctx.addIssue({ code: 'custom', path: ['locales', lang], message: `missing ${lang} locale` });
    }
    for (const [key, lvl] of Object.entries(m.levels)) {
      try {
        new RegExp(lvl.codePattern);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['levels', key, 'codePattern'], message: 'not a regular expression' });
      }
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: m.timezone });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: `unknown time zone ${m.timezone}` });
    }
  });

export type PackManifest = z.infer<typeof manifestSchema>;

/** The text in `lang`, or in the pack's first language when it has no such text (one-language packs). */
export function textIn(t: LocalText, lang: PackLanguage, languages: readonly PackLanguage[]): string {
  const v = t[lang] ?? t[languages[0]];
  if (!v) throw new Error(`no ${languages[0]} text`);
  return v;
}
