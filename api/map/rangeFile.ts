import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** An inclusive byte range of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses a `Range` header against a file of `size` bytes (RFC 9110 §14): one `bytes=a-b`, `a-` or
 * suffix `-n` range; an end past the file is clamped. `null` = no Range (send it all);
 * `'unsatisfiable'` = a range we refuse (416): past the end, reversed, malformed, or several at
 * once (PMTiles clients ask one range at a time; a multipart reply would only add code).
 */
export function parseRange(header: string | undefined | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined || header === null) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? size - 1 : Number(m[2]);
  if (last < start || start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

/** Tiles change only when the file is replaced; a day's cache, revalidated by ETag. */
const TILE_CACHE_SECONDS = 86_400;

/**
 * Serves a file with byte ranges: 206 + Content-Range for a range, 416 for a bad one, 200 for
 * all of it. Only the asked bytes are read, streamed from disk.
 */
export async function serveFileRange(path: string, req: Request, contentType: string): Promise<Response> {
  const info = await stat(path);
  const size = info.size;
  // Strong ETag: PMTiles clients ignore weak ones and use it to notice a replaced file.
  const etag = `"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': contentType,
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
    'Cache-Control': `public, max-age=${TILE_CACHE_SECONDS}`,
  };
  const range = parseRange(req.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  }
  if (!range && req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  const status = range ? 206 : 200;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  headers['Content-Length'] = String(length);
  if (req.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(path, { start, end })) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}
