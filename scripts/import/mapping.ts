import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CityPack } from '../../core/cityPack';
import { foldForSearch } from '../../core/foldText';
import { REPORT_STATUSES, type ReportStatus } from '../../core/statuses';
import { ImportError } from './importError';

/**
 * How a source's records become reports: which of its fields hold what, how it writes dates, and
 * what its category and status words mean here. A JSON file (`--map FILE`) or one shipped beside
 * this module (`--map nyc311`, `--map open311`, `--map citydesk`).
 */
export const IMPORT_FORMATS = ['csv', 'geojson', 'open311'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A field's name in the source, or several: text fields join them, others take the first non-empty. */
const fieldRef = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => [v].flat());

export const mappingSchema = z
  .object({
    /** The dataset: kept with each report's source id, so two datasets' ids never collide. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _'),
    description: z.string().optional(),
    /** MM/DD/YYYY (US exports) or DD/MM/YYYY (Vietnamese ones), for slashed dates. */
    dateOrder: z.enum(['mdy', 'dmy']).default('mdy'),
    fields: z
      .object({
        /** Without one, a record's id is a hash of its content (still idempotent for the same file). */
        id: fieldRef.optional(),
        createdAt: fieldRef,
        acceptedAt: fieldRef.optional(),
        resolvedAt: fieldRef.optional(),
        closedAt: fieldRef.optional(),
        category: fieldRef,
        status: fieldRef.optional(),
        title: fieldRef.optional(),
        description: fieldRef.optional(),
        /** Not needed for GeoJSON, whose points carry them. */
        lat: fieldRef.optional(),
        lng: fieldRef.optional(),
        name: fieldRef.optional(),
        phone: fieldRef.optional(),
        email: fieldRef.optional(),
      })
      .strict(),
    /** The source's category words → the pack's category codes (else the pack's codes and names match). */
    categories: z.record(z.string(), z.string()).default({}),
    /** The source's status words → citydesk statuses (else the status names themselves match). */
    statuses: z.record(z.string(), z.enum(REPORT_STATUSES)).default({}),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;
export type FieldName = keyof Mapping['fields'];

const SHIPPED_DIR = fileURLToPath(new URL('./mappings/', import.meta.url));
/** The mapping used when none is named: a file in citydesk's own export shape, or an Open311 dump. */
export const DEFAULT_MAPPING: Record<ImportFormat, string> = {
  csv: 'citydesk',
  geojson: 'citydesk',
  open311: 'open311',
};
export const SHIPPED_MAPPINGS = ['citydesk', 'nyc311', 'open311'];

export async function loadMapping(ref: string): Promise<Mapping> {
  const path = SHIPPED_MAPPINGS.includes(ref) ? `${SHIPPED_DIR}${ref}.json` : ref;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new ImportError(`--map ${ref}: ${(e as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(`--map ${ref}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Words compared as folded text: case, accents, spaces and punctuation aside ("In Progress" = "in_progress"). */
const keyOf = (s: string) => foldForSearch(s);

/** The source's category word → a pack category code, or null (rejected as unknown). */
export function categoryResolver(
  mapping: Mapping,
  pack: Pick<CityPack, 'categories'>,
): (word: string) => string | null {
  const codes = new Set(pack.categories.map((c) => c.code));
  const table = new Map<string, string>();
  for (const c of pack.categories) {
    table.set(keyOf(c.nameEn), c.code);
    table.set(keyOf(c.nameVi), c.code);
  }
  for (const c of pack.categories) table.set(keyOf(c.code), c.code);
  for (const [word, code] of Object.entries(mapping.categories)) {
    if (!codes.has(code))
      throw new ImportError(
        `--map ${mapping.name}: category "${word}" maps to "${code}", which is not a category of this city's pack`,
      );
    table.set(keyOf(word), code);
  }
  return (word) => table.get(keyOf(word)) ?? null;
}

/** The source's status word → a citydesk status, or null (rejected as unknown). */
export function statusResolver(mapping: Mapping): (word: string) => ReportStatus | null {
  const table = new Map<string, ReportStatus>(REPORT_STATUSES.map((s) => [keyOf(s), s]));
  for (const [word, status] of Object.entries(mapping.statuses)) table.set(keyOf(word), status);
  return (word) => table.get(keyOf(word)) ?? null;
}
