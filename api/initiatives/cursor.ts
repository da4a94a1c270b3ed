import { ValidationError } from '../errors';
import { boundedDate, parseId } from '../schemas';

/** A page's end as an opaque cursor: the last item's filing instant and id (lists run newest first). */
export function encodeCursor(c: { createdAt: Date; id: number }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
}

/** Bounded as every date and id a request names (api/schemas.ts): a forged cursor is a 400, not a 500. */
export function decodeCursor(s: string): { createdAt: Date; id: number } {
  const [at, idText, ...rest] = Buffer.from(s, 'base64url').toString().split('|');
  const createdAt = at === undefined ? null : boundedDate(at);
  const id = parseId(idText);
  if (!createdAt || id === null || rest.length)
    throw new ValidationError('cursor: not a cursor this API issued', 'cursor');
  return { createdAt, id };
}
