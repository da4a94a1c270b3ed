import type postgres from 'postgres';

/**
 * How many distinct statement texts one process runs as named prepared statements. The app's own
 * queries are a few hundred texts at most (each route's, with its optional filters and list
 * lengths); the cap keeps a text built per request (an ad hoc query, a long `in (…)` list) from
 * growing every backend's statement cache until its connection is recycled: past it, a new text
 * runs unnamed, as drizzle sends everything by default.
 */
export const MAX_PREPARED_TEXTS = 512;

type Unsafe = postgres.Sql['unsafe'];

/**
 * drizzle sends every statement unnamed (`prepare: false`), and postgres.js then spends a describe
 * round trip on each one with parameters before it can bind it: two round trips per query, and
 * inside a transaction that holds the event lock (the hotspot flags' sync) every one of them holds
 * up every other event writer. A named statement is described once per connection, then each run
 * is one round trip. Statements without parameters need no describe and stay unnamed.
 *
 * Wraps `unsafe` (drizzle's every query) and `begin` (whose callback gets the transaction's own
 * client, which drizzle's transaction session queries: wrapped the same way).
 */
export function preparingClient<T extends postgres.Sql | postgres.TransactionSql>(
  sql: T,
  texts = new PreparedTexts(),
): T {
  const unsafe: Unsafe = (text, params, options) =>
    sql.unsafe(text, params, params?.length && texts.admit(text) ? { ...options, prepare: true } : options);
  // begin(fn) or begin(options, fn).
  const begin = (...args: unknown[]) => {
    const fn = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
    const withTx = (tx: postgres.TransactionSql) => fn(preparingClient(tx, texts));
    return ((sql as postgres.Sql).begin as (...a: unknown[]) => unknown)(...args.slice(0, -1), withTx);
  };
  return new Proxy(sql, {
    get: (target, prop, receiver) =>
      prop === 'unsafe' ? unsafe : prop === 'begin' ? begin : Reflect.get(target, prop, receiver),
  });
}

/** The texts admitted as named statements: the first MAX_PREPARED_TEXTS distinct ones seen. */
export class PreparedTexts {
  private readonly seen = new Set<string>();

  constructor(private readonly max = MAX_PREPARED_TEXTS) {}

  admit(text: string): boolean {
    if (this.seen.has(text)) return true;
    if (this.seen.size >= this.max) return false;
    this.seen.add(text);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
