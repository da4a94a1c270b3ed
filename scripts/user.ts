import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { EnvError, parseEnv } from '../api/env';
import {
  AccountError,
  addAccount,
  checkAccount,
  disableAccount,
  type NewAccount,
  issueAccountToken,
  setAccountPassword,
} from '../api/auth/accounts';
import { openStore, type UserRow } from '../db/store';
import { loadCityPack } from '../seeds/packs';

/**
 * `npm run user -- add NAME --role ROLE [--area CODE] [--agency CODE] [--display-name TEXT] [--password-stdin]`
 * `npm run user -- token NAME [--label TEXT]`   (the token is the last line printed)
 * `npm run user -- list`
 * `npm run user -- disable NAME`
 * `npm run user -- passwd NAME [--password-stdin]`
 *
 * Works on the database of DATABASE_URL or DATA_DIR, like the server. With the embedded database,
 * stop the server first: PGlite allows one process per data directory.
 */

const USAGE = `usage: npm run user -- add NAME --role admin|operator|chief|agency [--area CODE] [--agency CODE] [--display-name TEXT] [--password-stdin]
       npm run user -- token NAME [--label TEXT]
       npm run user -- list
       npm run user -- disable NAME
       npm run user -- passwd NAME [--password-stdin]`;

const COMMANDS = ['add', 'token', 'list', 'disable', 'passwd'] as const;
type Command = (typeof COMMANDS)[number];

/** What each command takes besides NAME; anything else is refused. */
const ALLOWED: Record<Command, string[]> = {
  add: ['role', 'area', 'agency', 'display-name', 'password-stdin'],
  token: ['label'],
  list: [],
  disable: [],
  passwd: ['password-stdin'],
};

export interface CliIo {
  env: Record<string, string | undefined>;
  /** The whole of stdin, read only for --password-stdin. */
  readStdin(): Promise<string>;
  out(line: string): void;
  now(): Date;
}

function parse(argv: string[]) {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (e) {
    throw new AccountError((e as Error).message);
  }
  const [command, name, ...rest] = parsed.positionals;
  if (!command || !(COMMANDS as readonly string[]).includes(command))
    throw new AccountError(command ? `unknown command "${command}"` : 'which command?');
  const cmd = command as Command;
  if (rest.length) throw new AccountError(`unexpected "${rest[0]}"`);
  if (cmd === 'list' ? name !== undefined : name === undefined)
    throw new AccountError(cmd === 'list' ? `list takes no NAME` : `${cmd} needs a NAME`);
  const extra = Object.keys(parsed.values).find((k) => !ALLOWED[cmd].includes(k));
  if (extra) throw new AccountError(`--${extra} does not go with ${cmd}`);
  return { cmd, name: name ?? '', values: parsed.values };
}

const parseOptions = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      area: { type: 'string' },
      agency: { type: 'string' },
      'display-name': { type: 'string' },
      label: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });

/** The password given on stdin: the first line, without its line ending. */
async function passwordFrom(io: CliIo, wanted: boolean | undefined): Promise<string | undefined> {
  if (!wanted) return undefined;
  const text = await io.readStdin();
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new AccountError('--password-stdin: nothing on stdin');
  return line;
}

function newAccount(name: string, values: ReturnType<typeof parse>['values'], password?: string): NewAccount {
  if (!values.role) throw new AccountError('add needs --role admin|operator|chief|agency');
  return {
    name,
    role: values.role,
    areaCode: values.area,
    agencyCode: values.agency,
    displayName: values['display-name'],
    password,
  };
}

function table(rows: UserRow[]): string[] {
  const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');
  const lines = [
    ['NAME', 'ROLE', 'AREA/AGENCY', 'DISABLED', 'LAST SIGN-IN'],
    ...rows.map((u) => [
      u.name,
      u.role,
      u.areaCode ?? u.agencyCode ?? '—',
      u.disabledAt ? when(u.disabledAt) : 'no',
      when(u.lastSignInAt),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) =>
    l
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

export async function runUserCommand(argv: string[], io: CliIo): Promise<void> {
  const { cmd, name, values } = parse(argv);
  const password = cmd === 'add' || cmd === 'passwd' ? await passwordFrom(io, values['password-stdin']) : undefined;
  const env = parseEnv(io.env);
  const pack = await loadCityPack(env.CITY);
  const account = cmd === 'add' ? newAccount(name, values, password) : null;
  // Bad input is refused before the database is opened (or created).
  if (account) checkAccount(pack, account);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: join(env.DATA_DIR, 'pglite'),
    publicIdPrefix: pack.publicIdPrefix,
    timezone: pack.timezone,
  });
  try {
    // A chief's area must be in the areas table (a key); on a fresh database nothing has loaded it yet.
    await store.catalog.loadPack(pack);
    const at = io.now();
    switch (cmd) {
      case 'add': {
        const r = await addAccount(store, pack, account!, at);
        const scope = r.user.areaCode ?? r.user.agencyCode;
        io.out(`citydesk: added ${r.user.name} (${r.user.role}${scope ? ` ${scope}` : ''})`);
        if (r.generated) {
          io.out('One-time password, shown only now; change it with `npm run user -- passwd NAME`:');
          io.out(r.password);
        }
        return;
      }
      case 'passwd': {
        const r = await setAccountPassword(store, name, password, at);
        io.out(`citydesk: new password for ${r.user.name}; their sessions have ended`);
        if (r.generated) {
          io.out('One-time password, shown only now:');
          io.out(r.password);
        }
        return;
      }
      case 'token': {
        const r = await issueAccountToken(store, name, values.label ?? null, at);
        io.out(`citydesk: API token for ${r.user.name} (${r.user.role}), shown only now; send it as`);
        io.out('  Authorization: Bearer <token>');
        io.out(r.token);
        return;
      }
      case 'disable': {
        const user = await disableAccount(store, name, at);
        io.out(`citydesk: ${user.name} disabled; their sessions and tokens no longer work`);
        return;
      }
      case 'list': {
        for (const line of table(await store.users.list())) io.out(line);
        return;
      }
    }
  } finally {
    await store.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

async function main() {
  try {
    await runUserCommand(process.argv.slice(2), {
      env: process.env,
      readStdin: () => readAll(process.stdin.setEncoding('utf8')),
      out: (line) => console.log(line),
      now: () => new Date(),
    });
  } catch (e) {
    if (e instanceof AccountError) console.error(`citydesk user: ${e.message}\n${USAGE}`);
    else if (e instanceof EnvError) console.error(`citydesk user: ${e.message}`);
    else console.error(`citydesk user: failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
