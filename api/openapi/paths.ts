/**
 * A Hono route path as an OpenAPI path template. A plain parameter (`:id`) becomes `{id}`; one with
 * a pattern is read as literal text, wildcards and a choice of words, so that Open311's
 * `/:doc{requests\.(?:json|xml)}` becomes `/requests.{format}` (format one of json, xml) and
 * `/services/:doc{[^/]+\.(?:json|xml)}` becomes `/services/{doc}.{format}`: each route keeps a path
 * of its own in the contract. A pattern beyond that stays one parameter, with the pattern.
 */
export type PathParam = {
  name: string;
  schema: { type: 'string'; enum?: string[]; pattern?: string };
  /** Said for a choice of words; a route's own `params` say the rest. */
  description?: string;
};

/** The name a choice of words (`(?:json|xml)`) gets as a parameter. */
const CHOICE_NAME = 'format';
const WORD = /^[A-Za-z0-9_-]+$/;

export function pathTemplate(path: string): { path: string; params: PathParam[] } {
  let out = '';
  const params: PathParam[] = [];
  let i = 0;
  while (i < path.length) {
    const m = /^:([A-Za-z0-9_]+)/.exec(path.slice(i));
    if (!m) {
      out += path[i++];
      continue;
    }
    const name = m[1];
    i += m[0].length;
    let pattern: string | undefined;
    if (path[i] === '{') {
      const end = closingBrace(path, i);
      pattern = path.slice(i + 1, end);
      i = end + 1;
    }
    if (path[i] === '?') i++;
    const read = pattern === undefined ? null : readPattern(pattern, name, params);
    if (read) out += read;
    else {
      out += `{${name}}`;
      params.push({ name, schema: { type: 'string', ...(pattern ? { pattern: `^${pattern}$` } : {}) } });
    }
  }
  return { path: out, params };
}

/** The index of the `}` that closes the `{` at `start`, past escapes and character classes. */
function closingBrace(path: string, start: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = start; i < path.length; i++) {
    const ch = path[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return path.length;
}

/** Literal text, one wildcard run (the parameter itself) and one choice of words; null for anything else. */
function readPattern(pattern: string, name: string, params: PathParam[]): string | null {
  let out = '';
  const found: PathParam[] = [];
  let i = 0;
  while (i < pattern.length) {
    const rest = pattern.slice(i);
    const wildcard = /^(\[[^\]]*\]|\.|\\[dws])(\+|\*|\{\d+(,\d*)?\})/.exec(rest);
    const choice = /^\((\?:)?([^()]*)\)/.exec(rest);
    if (rest[0] === '\\' && /[^A-Za-z0-9]/.test(rest[1] ?? '')) {
      out += rest[1];
      i += 2;
    } else if (WORD.test(rest[0]) && !/^[+*?{]/.test(rest[1] ?? '')) {
      out += rest[0];
      i += 1;
    } else if (wildcard && !found.some((p) => p.name === name)) {
      out += `{${name}}`;
      found.push({ name, schema: { type: 'string' } });
      i += wildcard[0].length;
    } else if (choice?.[2].split('|').every((w) => WORD.test(w)) && !found.some((p) => p.name === CHOICE_NAME)) {
      out += `{${CHOICE_NAME}}`;
      const words = choice[2].split('|');
      found.push({
        name: CHOICE_NAME,
        schema: { type: 'string', enum: words },
        description: `The answer's format: ${words.join(' or ')}`,
      });
      i += choice[0].length;
    } else return null;
  }
  params.push(...found);
  return out;
}
