import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { PreparedTexts, preparingClient } from './preparedStatements';

const URL_ = process.env.DATABASE_URL;

describe('PreparedTexts', () => {
  it('admits the first texts up to its cap, and those again, and no new one after it', () => {
    const t = new PreparedTexts(2);
    expect(t.admit('a')).toBe(true);
    expect(t.admit('b')).toBe(true);
    expect(t.admit('c')).toBe(false);
    expect(t.admit('a')).toBe(true);
    expect(t.size).toBe(2);
  });
});

// pg_prepared_statements lists the session's own: one connection, so every query shares it.
describe.skipIf(!URL_)('preparingClient (Postgres)', () => {
  let client: postgres.Sql | undefined;
  afterEach(async () => {
    await client?.end();
    client = undefined;
  });

  // The test's own statements, not postgres.js's (its type lookup, its `commit`).
  const prepared = async (sql: postgres.Sql) =>
    (
      await sql.unsafe(
        "select statement from pg_prepared_statements where statement like 'select $1%' order by statement",
      )
    ).map((r) => (r.statement as string).trim());

  it('runs a statement with parameters as a named statement, once per text, inside a transaction too', async () => {
    client = postgres(URL_!, { max: 1, onnotice: () => {} });
    const sql = preparingClient(client);
    // drizzle's way: unsafe with its own prepare: false.
    for (let i = 0; i < 3; i++) {
      const [row] = await sql.unsafe('select $1::int + 1 as n', [i], { prepare: false });
      expect(row!.n).toBe(i + 1);
    }
    await sql.begin(async (tx) => {
      await tx.unsafe('select $1::text as t', ['x'], { prepare: false });
    });
    await sql.unsafe('select 42 as plain');
    expect(await prepared(client)).toEqual(['select $1::int + 1 as n', 'select $1::text as t']);
  });

  it('past its cap runs a new text unnamed, and still answers it', async () => {
    client = postgres(URL_!, { max: 1, onnotice: () => {} });
    const sql = preparingClient(client, new PreparedTexts(1));
    await sql.unsafe('select $1::int as a', [1]);
    const [row] = await sql.unsafe('select $1::int as b', [2]);
    expect(row!.b).toBe(2);
    expect(await prepared(client)).toEqual(['select $1::int as a']);
  });

  it('leaves a client that is not wrapped as drizzle has it: unnamed', async () => {
    client = postgres(URL_!, { max: 1, onnotice: () => {} });
    await client.unsafe('select $1::int as c', [3], { prepare: false });
    expect(await prepared(client)).toEqual([]);
  });
});
