import { type TestDatabase, createTestDatabase } from '../../db/testing';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh Postgres database for one benchmark (dropped by the caller). */
export async function benchDatabase(): Promise<TestDatabase> {
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
  return createTestDatabase('postgres');
}
