import { XMLParser } from 'fast-xml-parser';

/**
 * The shape of an XML document: element names, nesting and order, without the values, with a
 * list's items represented by its first (the specification's examples and our answers differ in
 * how many items they hold, not in what an item is). For comparing our XML with the
 * specification's examples (api/open311/fixtures/).
 */
export type Shape = { name: string; children: Shape[] };

type Ordered = Array<Record<string, unknown>>;

const parser = new XMLParser({ preserveOrder: true, parseTagValue: false, trimValues: true });

function shapesOf(nodes: Ordered): Shape[] {
  const out: Shape[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    // A repeated element (a list's items) is shaped once, by its first.
    if (out.length && out[out.length - 1]!.name === name) continue;
    out.push({ name, children: shapesOf(node[name] as Ordered) });
  }
  return out;
}

export function xmlShape(xml: string): Shape {
  const [root, ...rest] = shapesOf(parser.parse(xml) as Ordered);
  if (!root || rest.length) throw new Error('xmlShape: expected one document element');
  return root;
}

/** The same for a JSON answer: object keys in order, an array by its first item, under `root`. */
export function jsonShape(root: string, value: unknown, itemOf: Record<string, string>): Shape {
  const children = (name: string, v: unknown): Shape[] => {
    if (Array.isArray(v)) {
      const item = itemOf[name];
      if (!item) throw new Error(`jsonShape: no item name for ${name}`);
      return v.length ? [{ name: item, children: children(item, v[0]) }] : [];
    }
    if (v !== null && typeof v === 'object')
      return Object.entries(v).map(([k, x]) => ({ name: k, children: children(k, x) }));
    return [];
  };
  return { name: root, children: children(root, value) };
}
