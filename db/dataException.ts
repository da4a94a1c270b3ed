/**
 * Whether the database refused a value as data: SQLSTATE class 22 ("data exception": an invalid
 * character or escape in text or jsonb, a number or date out of range). A statement that failed
 * this way fails for what it was given, so the item that carried the value is at fault, not the
 * database or the query. drizzle wraps the driver's error (its `cause`): the chain is looked at.
 */
export function isDataException(e: unknown): boolean {
  for (let err = e, depth = 0; err && typeof err === 'object' && depth < 8; depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}
