import { XMLBuilder } from 'fast-xml-parser';

/**
 * GeoReport v2 answers in JSON or XML, by the path's extension (`services.json`, `services.xml`).
 * Both are built from the same plain object: JSON as it is, XML with each list wrapped in its
 * element and each item named by the list's name (the specification's own nesting, checked
 * against its examples in api/open311/specExamples.test.ts).
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

/** A list's element → the element of each of its items, as GeoReport v2 names them. */
export const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  status_history: 'update',
};

export type Scalar = string | number | boolean | null;
export type Node = Scalar | Node[] | { [key: string]: Node };

const builder = new XMLBuilder({
  format: true,
  indentBy: '  ',
  // Empty values are written as <name></name>, as the specification's examples write them.
  suppressEmptyNode: false,
  processEntities: true,
});

/** Our tree → the builder's: lists become repeated item elements, null an empty element. */
function toXmlTree(name: string, node: Node): unknown {
  if (node === null) return '';
  if (Array.isArray(node)) {
    const item = ITEM_OF[name];
    if (!item) throw new Error(`open311 xml: no item element for list "${name}"`);
    return { [item]: node.map((n) => toXmlTree(item, n)) };
  }
  if (typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toXmlTree(k, v)]));
  }
  return String(node);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** `root` names the XML document element; JSON has none (the list or object itself). */
export function renderBody(format: Format, root: string, body: Node): { text: string; contentType: string } {
  if (format === 'json') return { text: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
  const xml = builder.build({ [root]: toXmlTree(root, body) }) as string;
  return { text: `${XML_DECLARATION}\n${xml}`, contentType: 'text/xml; charset=utf-8' };
}

/** `services.json` → { base: 'services', format: 'json' }; no known extension → null. */
export function splitFormat(file: string): { base: string; format: Format } | null {
  const m = /^(.*)\.(json|xml)$/.exec(file);
  return m ? { base: m[1]!, format: m[2] as Format } : null;
}
