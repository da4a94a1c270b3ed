import { asc, eq, sql } from 'drizzle-orm';
import type { Role } from '../../core/roles';
import type { Db } from '../connect';
import { sessions, users } from '../schema';

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  name: string;
  displayName?: string | null;
  role: Role;
  areaCode?: string | null;
  agencyCode?: string | null;
  /** api/auth/password.ts's hash; null = a token-only account. */
  passwordHash: string | null;
  at: Date;
}

/** Staff accounts. Disabling or changing a password ends the user's sessions in the same step. */
export interface UserStore {
  /** The new user, or null when the name is taken. */
  add(user: NewUser): Promise<UserRow | null>;
  byName(name: string): Promise<UserRow | null>;
  byId(id: number): Promise<UserRow | null>;
  list(): Promise<UserRow[]>;
  count(): Promise<number>;
  setPassword(id: number, passwordHash: string, at: Date): Promise<void>;
  disable(id: number, at: Date): Promise<void>;
  signedIn(id: number, at: Date): Promise<void>;
}

export function createUserStore(db: Db): UserStore {
  const first = (rows: UserRow[]) => rows[0] ?? null;
  return {
    async add(u) {
      const rows = await db
        .insert(users)
        .values({
          name: u.name,
          displayName: u.displayName ?? null,
          role: u.role,
          areaCode: u.areaCode ?? null,
          agencyCode: u.agencyCode ?? null,
          passwordHash: u.passwordHash,
          createdAt: u.at,
          passwordChangedAt: u.passwordHash ? u.at : null,
        })
        .onConflictDoNothing({ target: users.name })
        .returning();
      return first(rows);
    },
    byName: async (name) => first(await db.select().from(users).where(eq(users.name, name))),
    byId: async (id) => first(await db.select().from(users).where(eq(users.id, id))),
    list: () => db.select().from(users).orderBy(asc(users.name)),
    async count() {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
      return Number(row?.n ?? 0);
    },
    async setPassword(id, passwordHash, at) {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, id));
        await tx.delete(sessions).where(eq(sessions.userId, id));
      });
    },
    async disable(id, at) {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ disabledAt: at }).where(eq(users.id, id));
        await tx.delete(sessions).where(eq(sessions.userId, id));
      });
    },
    async signedIn(id, at) {
      await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, id));
    },
  };
}
