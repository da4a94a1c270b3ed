import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliScript } from './cliTesting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { verifyPassword } from '../api/auth/password';
import { secretHash } from '../api/auth/secrets';
import { runUserCommand } from './user';

/** Runs `npm run user -- …` as the operator would: its own process, on the test's DATA_DIR. */
const user = (dataDir: string, args: string[], stdin = '') => runCliScript('user.ts', dataDir, args, stdin);
/**
 * The same command in this process, as main() runs it (its exit code and stderr are the child test's):
 * a child per command cost ~15 s each on a busy machine, most of it starting tsx and PGlite.
 */
async function userHere(dataDir: string, args: string[], stdin = ''): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  await runUserCommand(args, {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    readStdin: async () => stdin,
    out: (line) => lines.push(line),
    now: () => new Date(),
  });
  return { code: 0, out: `${lines.join('\n')}\n` };
}
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;

describe('npm run user on a throwaway PGlite DATA_DIR', { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'citydesk-user-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** PGlite allows one process per directory, so the checks open it between commands. */
  async function withStore<T>(f: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
    const store = await openStore({ dataDir: join(dir, 'pglite'), publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' });
    try {
      return await f(store);
    } finally {
      await store.close();
    }
  }

  it('adds a chief with a generated one-time password, printed last (its own process, as an operator runs it)', async () => {
    const r = await user(dir, ['add', 'lan', '--role', 'chief', '--area', '002']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('added lan (chief 002)');
    const password = lastLine(r.out);
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const stored = await withStore((s) => s.users.byName('lan'));
    expect(await verifyPassword(password, stored!.passwordHash!)).toBe(true);
  });

  it('takes a password from stdin, and refuses bad input with a clear message and exit 1', async () => {
    const ok = await userHere(dir, ['add', 'ops', '--role', 'operator', '--password-stdin'], 'mật khẩu dài\n');
    expect(ok.code).toBe(0);
    expect(ok.out).not.toContain('mật khẩu');
    const bad = await user(dir, ['add', 'x2', '--role', 'chief', '--area', '999']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^citydesk user: no area 999/);
    expect(bad.err).toContain('usage: npm run user');
    // The other refusals (names, roles, agencies, duplicates) are accounts.test.ts's table.
    expect((await withStore((s) => s.users.list())).map((u) => u.name)).toEqual(['lan', 'ops']);
  });

  it('issues a token as its last line, which signs in as the user', async () => {
    const r = await userHere(dir, ['token', 'lan', '--label', 'open311']);
    expect(r.code).toBe(0);
    const token = lastLine(r.out);
    expect(token).toMatch(/^cdt_[A-Za-z0-9_-]{43}$/);
    const found = await withStore((s) => s.tokens.find(secretHash(token)));
    expect(found).toMatchObject({ token: { label: 'open311', revokedAt: null }, user: { name: 'lan' } });
  });

  it('changes a password from stdin', async () => {
    expect((await userHere(dir, ['passwd', 'ops', '--password-stdin'], 'một mật khẩu mới\n')).code).toBe(0);
    const ops = await withStore((s) => s.users.byName('ops'));
    expect(await verifyPassword('một mật khẩu mới', ops!.passwordHash!)).toBe(true);
  });

  it('disables a user and lists everyone in a table', async () => {
    expect((await userHere(dir, ['disable', 'ops'])).code).toBe(0);
    const list = await userHere(dir, ['list']);
    expect(list.code).toBe(0);
    const lines = list.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ROLE\s+AREA\/AGENCY\s+DISABLED\s+LAST SIGN-IN$/);
    expect(lines[1]).toMatch(/^lan\s+chief\s+002\s+no\s+—$/);
    expect(lines[2]).toMatch(/^ops\s+operator\s+—\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+—$/);
  });
});
