import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliScript } from './cliTesting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHash } from '../api/auth/secrets';
import { openStore } from '../db/store';
import { runApiKeyCommand } from './apikey';

/** `npm run apikey -- …` as the operator runs it: its own process, on the test's DATA_DIR. */
const apikey = (dataDir: string, args: string[]) => runCliScript('apikey.ts', dataDir, args);

/** The same command in this process (a child per command costs seconds of tsx and PGlite start-up). */
async function apikeyHere(dataDir: string, args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runApiKeyCommand(args, {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    out: (l) => lines.push(l),
    now: () => new Date(),
  });
  return lines;
}

describe('npm run apikey on a throwaway PGlite DATA_DIR', { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'citydesk-apikey-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  async function withStore<T>(f: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
    const store = await openStore({ dataDir: join(dir, 'pglite'), publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' });
    try {
      return await f(store);
    } finally {
      await store.close();
    }
  }

  it('adds a key, printed as the last line (its own process), stored only as its hash and logged', async () => {
    const r = await apikey(dir, ['add', 'Partner-App']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const key = r.out.trimEnd().split('\n').at(-1)!;
    expect(key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    const stored = await withStore(async (s) => ({
      live: await s.apiKeys.findLive(secretHash(key)),
      audit: (await s.audit.list({ limit: 10 })).map((a) => a.action),
    }));
    expect(stored.live).toMatchObject({ name: 'partner-app', keyHash: secretHash(key), revokedAt: null });
    expect(JSON.stringify(stored.live)).not.toContain(key);
    expect(stored.audit).toContain('apikey.added');
  });

  it('refuses a second live key for one client, bad names and bad commands, with exit 1 and the usage', async () => {
    await expect(apikeyHere(dir, ['add', 'partner-app'])).rejects.toThrow(/already has a key/);
    const bad = await apikey(dir, ['add', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^citydesk apikey: "x" is not a valid name/);
    expect(bad.err).toContain('usage: npm run apikey');
    await expect(apikeyHere(dir, ['rotate', 'partner-app'])).rejects.toThrow(/unknown command "rotate"/);
    await expect(apikeyHere(dir, ['add'])).rejects.toThrow(/add needs a NAME/);
    await expect(apikeyHere(dir, ['list', 'partner-app'])).rejects.toThrow(/list takes no NAME/);
    await expect(apikeyHere(dir, ['add', 'a', 'b'])).rejects.toThrow(/unexpected "b"/);
    await expect(apikeyHere(dir, ['add', 'ab', '--role', 'admin'])).rejects.toThrow(/role/);
  });

  it('revokes: the key no longer works, the client may get a new one; list shows both', async () => {
    const before = await withStore((s) => s.apiKeys.liveOf('partner-app'));
    expect((await apikeyHere(dir, ['revoke', 'partner-app'])).at(-1)).toBe(
      'citydesk: the key of partner-app is revoked',
    );
    expect(await withStore((s) => s.apiKeys.findLive(before!.keyHash))).toBeNull();
    await expect(apikeyHere(dir, ['revoke', 'partner-app'])).rejects.toThrow(/has no live key/);
    const again = (await apikeyHere(dir, ['add', 'partner-app'])).at(-1)!;
    expect(secretHash(again)).not.toBe(before!.keyHash);
    expect(await withStore((s) => s.apiKeys.findLive(secretHash(again)))).toMatchObject({ name: 'partner-app' });
    const listed = await apikeyHere(dir, ['list']);
    expect(listed.filter((l) => l.startsWith('partner-app '))).toHaveLength(2);
    expect(listed.join('\n')).not.toContain(again);
  });
});
