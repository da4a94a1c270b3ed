import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiKeyError, issueApiKey, revokeApiKey } from '../api/open311/keys';
import { EnvError, parseEnv } from '../api/env';
import { openStore } from '../db/store';
import { loadCityPack } from '../seeds/packs';

/**
 * `npm run apikey -- add NAME`      a key for the Open311 client NAME (the key is the last line printed)
 * `npm run apikey -- revoke NAME`   its key stops working at once
 * `npm run apikey -- list`          clients, when their key was made and last used, revoked or not
 *
 * Works on the database of DATABASE_URL or DATA_DIR, like the server (with the embedded database,
 * stop the server first). A key files reports through /open311/v2 and opens nothing else.
 */

const USAGE = `usage: npm run apikey -- add NAME
       npm run apikey -- revoke NAME
       npm run apikey -- list`;

const COMMANDS = ['add', 'revoke', 'list'] as const;
type Command = (typeof COMMANDS)[number];

export interface ApiKeyIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  now(): Date;
}

function parse(argv: string[]): { cmd: Command; name: string } {
  let positionals: string[];
  try {
    positionals = parseArgs({ args: argv, allowPositionals: true, options: {} }).positionals;
  } catch (e) {
    throw new ApiKeyError((e as Error).message);
  }
  const [command, name, ...rest] = positionals;
  if (!command || !(COMMANDS as readonly string[]).includes(command))
    throw new ApiKeyError(command ? `unknown command "${command}"` : 'which command?');
  const cmd = command as Command;
  if (rest.length) throw new ApiKeyError(`unexpected "${rest[0]}"`);
  if (cmd === 'list' ? name !== undefined : name === undefined)
    throw new ApiKeyError(cmd === 'list' ? 'list takes no NAME' : `${cmd} needs a NAME`);
  return { cmd, name: name ?? '' };
}

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

export async function runApiKeyCommand(argv: string[], io: ApiKeyIo): Promise<void> {
  const { cmd, name } = parse(argv);
  const env = parseEnv(io.env);
  const pack = await loadCityPack(env.CITY);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: join(env.DATA_DIR, 'pglite'),
    publicIdPrefix: pack.publicIdPrefix,
    timezone: pack.timezone,
  });
  try {
    const at = io.now();
    switch (cmd) {
      case 'add': {
        const { row, key } = await issueApiKey(store, name, at);
        io.out(
          `citydesk: Open311 API key for ${row.name}, shown only now; send it as the api_key field of POST /open311/v2/requests`,
        );
        io.out(key);
        return;
      }
      case 'revoke': {
        const revoked = await revokeApiKey(store, name, at);
        io.out(`citydesk: the key of ${revoked} is revoked`);
        return;
      }
      case 'list': {
        const rows = await store.apiKeys.list();
        io.out('NAME  CREATED  LAST USED  REVOKED');
        for (const k of rows)
          io.out(`${k.name}  ${when(k.createdAt)}  ${when(k.lastUsedAt)}  ${k.revokedAt ? when(k.revokedAt) : 'no'}`);
        return;
      }
    }
  } finally {
    await store.close();
  }
}

async function main() {
  try {
    await runApiKeyCommand(process.argv.slice(2), {
      env: process.env,
      out: (l) => console.log(l),
      now: () => new Date(),
    });
  } catch (e) {
    if (e instanceof ApiKeyError) console.error(`citydesk apikey: ${e.message}\n${USAGE}`);
    else if (e instanceof EnvError) console.error(`citydesk apikey: ${e.message}`);
    else console.error(`citydesk apikey: failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
