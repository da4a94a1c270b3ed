/** Raw `execute` results differ by driver: postgres.js gives an array, PGlite `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Raw timestamps arrive as text from both drivers (drizzle turns their parsers off). */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(
    String(value)
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00'),
  );
}

export function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
