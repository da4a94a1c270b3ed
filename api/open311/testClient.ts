import { XMLParser } from 'fast-xml-parser';
import type { Requester } from '../testClient';
import { type Format, ITEM_OF } from './formats';

/**
 * An Open311 client for tests: asks in either format and reads the answer into one form (lists as
 * arrays, every value as the text XML would carry, null as ''), so the same assertions hold for
 * JSON and XML.
 */
export type Read = string | Read[] | { [k: string]: Read };

const ITEMS = new Set(Object.values(ITEM_OF));
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ITEMS.has(name), ignoreDeclaration: true });

function fromJson(v: unknown): Read {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromJson(x)]));
  return String(v);
}

function fromXml(name: string, v: unknown): Read {
  const item = ITEM_OF[name];
  if (item) {
    if (v === '' || v === undefined) return [];
    return ((v as Record<string, unknown[]>)[item] ?? []).map((x) => fromXml(item, x));
  }
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromXml(k, x)]));
  return String(v);
}

export async function readAnswer(res: Response, format: Format): Promise<{ status: number; body: Read; text: string }> {
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (format === 'json') {
    if (!type.startsWith('application/json')) throw new Error(`expected JSON, got ${type}: ${text.slice(0, 200)}`);
    return { status: res.status, body: fromJson(JSON.parse(text)), text };
  }
  if (!type.startsWith('text/xml')) throw new Error(`expected XML, got ${type}: ${text.slice(0, 200)}`);
  const doc = parser.parse(text) as Record<string, unknown>;
  const [root] = Object.keys(doc);
  return { status: res.status, body: fromXml(root!, doc[root!]), text };
}

export function open311Client(app: Requester, format: Format) {
  return {
    async get(path: string) {
      return readAnswer(await app.request(`/open311/v2/${path.replace('{f}', format)}`), format);
    },
    async post(path: string, form: Record<string, string>) {
      const res = await app.request(`/open311/v2/${path.replace('{f}', format)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
      return readAnswer(res, format);
    },
  };
}
