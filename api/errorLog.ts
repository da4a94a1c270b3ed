/**
 * One log line for an unexpected error, without the data it was about.
 *
 * `console.error(err)` on a failed query printed everything a reporter sent: drizzle's
 * DrizzleQueryError carries the statement and its `params` (and puts both in its message), the
 * driver's error its `parameters`, and Postgres's own `detail` and `where` quote the offending
 * values ("Key (email)=(…)", "JSON data, line 1: …"). Decree 13/2023/NĐ-CP counts a log as a
 * processing of personal data, so logs get the kind of failure, never its values: each error's
 * name and SQLSTATE, the message with quoted values hidden, the schema names Postgres reports,
 * and the stack's frames.
 */

/** Frames kept from the outermost error's stack: enough to find the line, not a page of them. */
const MAX_STACK_FRAMES = 8;
/** Errors in a cause chain followed; drizzle wraps one level, a driver sometimes another. */
const MAX_CAUSES = 8;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  stack?: unknown;
  table_name?: unknown;
  column_name?: unknown;
  constraint_name?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** A query failure carries its statement or its parameters (drizzle, postgres.js, PGlite). */
function isQueryError(e: object): boolean {
  return 'params' in e || 'parameters' in e || 'query' in e || 'severity' in e;
}

/** Postgres quotes the value it refused (`invalid input syntax for type integer: "…"`). */
const hideQuoted = (message: string) => message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/'[^']*'/g, "'…'");

function describeOne(e: ErrorLike, queryFailed: boolean): string {
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.code === 'string' ? ` ${e.code}` : '';
  let message = typeof e.message === 'string' ? e.message : '';
  // drizzle's own message is the statement and its parameters: its cause says what went wrong.
  if (message.startsWith('Failed query:')) message = '';
  else if (queryFailed) message = hideQuoted(message);
  const names = (['table_name', 'column_name', 'constraint_name'] as const)
    .filter((k) => typeof e[k] === 'string')
    .map((k) => `${k.replace('_name', '')}=${e[k]}`);
  return `${name}${code}${message ? `: ${message.slice(0, 300)}` : ''}${names.length ? ` [${names.join(' ')}]` : ''}`;
}

export function describeError(err: unknown): string {
  if (!(err instanceof Object)) return `non-error thrown (${typeof err})`;
  const chain: ErrorLike[] = [];
  for (let e: unknown = err; e instanceof Object && chain.length < MAX_CAUSES; e = (e as ErrorLike).cause) {
    chain.push(e as ErrorLike);
  }
  // Once any link is a query failure, every message in the chain may quote its values.
  const queryFailed = chain.some(
    (e) => isQueryError(e as object) || (typeof e.code === 'string' && SQLSTATE.test(e.code)),
  );
  const stack = typeof chain[0].stack === 'string' ? chain[0].stack : '';
  const frames = stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, MAX_STACK_FRAMES);
  return [chain.map((e) => describeOne(e, queryFailed)).join(' ← caused by '), ...frames].join('\n');
}
