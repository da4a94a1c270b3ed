import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EnvError, parseEnv } from '../api/env';
import { eraseExpiredBookingContacts, eraseExpiredContacts } from '../api/privacy/retention';
import { openStore } from '../db/store';
import { loadCityPack } from '../seeds/packs';

/**
 * `npm run privacy -- erase REPORT_ID [--by NAME]`: erases one reporter's contact at their request
 * (Decree 13/2023/NĐ-CP) and records it in the audit log with who did it (the OS user unless
 * `--by` names someone). The report and its statistics stay.
 * `npm run privacy -- retain`: runs the retention job now (CONTACT_RETENTION_DAYS), as the API
 * does every hour.
 *
 * REPORT_ID is the numeric id or the public id (HN-2026-000041). Works on the database of
 * DATABASE_URL or DATA_DIR, like the server; with the embedded database, stop the server first
 * (PGlite allows one process per data directory).
 */

const USAGE = `usage: npm run privacy -- erase REPORT_ID [--by NAME]
       npm run privacy -- retain`;

export class PrivacyCliError extends Error {}

export interface PrivacyCliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  now(): Date;
  /** Who runs the command, when --by does not say. */
  osUser(): string;
}

const ID = /^\d{1,15}$/;
const PUBLIC_ID = /^[A-Z]{2,8}-\d{4}-\d{6,}$/;

function parse(argv: string[]) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; options: { by: { type: 'string' } } }>
  >;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { by: { type: 'string' } } });
  } catch (e) {
    throw new PrivacyCliError((e as Error).message);
  }
  const [cmd, id, ...rest] = parsed.positionals;
  if (cmd !== 'erase' && cmd !== 'retain')
    throw new PrivacyCliError(cmd ? `unknown command "${cmd}"` : 'which command?');
  if (rest.length) throw new PrivacyCliError(`unexpected "${rest[0]}"`);
  if (cmd === 'retain') {
    if (id !== undefined || parsed.values.by !== undefined) throw new PrivacyCliError('retain takes no arguments');
    return { cmd, id: '', by: undefined };
  }
  if (id === undefined) throw new PrivacyCliError('erase needs a REPORT_ID');
  if (!ID.test(id) && !PUBLIC_ID.test(id)) throw new PrivacyCliError(`"${id}" is not a report id or public id`);
  const by = parsed.values.by?.trim();
  if (by !== undefined && (by === '' || by.length > 100))
    throw new PrivacyCliError('--by: a name of 1 to 100 characters');
  return { cmd, id, by };
}

export async function runPrivacyCommand(argv: string[], io: PrivacyCliIo): Promise<void> {
  const { cmd, id, by } = parse(argv);
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
    if (cmd === 'retain') {
      const ids = await eraseExpiredContacts(store, at, env.CONTACT_RETENTION_DAYS);
      io.out(
        `citydesk: erased ${ids.length} contact(s) of reports closed more than ${env.CONTACT_RETENTION_DAYS} days ago`,
      );
      const bookings = await eraseExpiredBookingContacts(store, at, env.CONTACT_RETENTION_DAYS);
      io.out(
        `citydesk: erased ${bookings.length} contact(s) of bookings finished more than ${env.CONTACT_RETENTION_DAYS} days ago`,
      );
      return;
    }
    const reportId = ID.test(id) ? Number(id) : await store.reports.idByPublicId(id);
    const report = reportId === null ? null : await store.reports.get(reportId);
    if (!report) throw new PrivacyCliError(`no report ${id}`);
    const who = by ?? io.osUser();
    if (await store.contacts.erase(report.id, at, who)) {
      io.out(`citydesk: erased the reporter's contact of ${report.publicId} (by ${who}); the report stays`);
      return;
    }
    const erasedAt = await store.contacts.erasedAt(report.id);
    io.out(
      erasedAt
        ? `citydesk: the contact of ${report.publicId} was already erased on ${erasedAt.toISOString()}`
        : `citydesk: ${report.publicId} has no contact to erase`,
    );
  } finally {
    await store.close();
  }
}

async function main() {
  try {
    await runPrivacyCommand(process.argv.slice(2), {
      env: process.env,
      out: (line) => console.log(line),
      now: () => new Date(),
      osUser: () => userInfo().username,
    });
  } catch (e) {
    if (e instanceof PrivacyCliError) console.error(`citydesk privacy: ${e.message}\n${USAGE}`);
    else if (e instanceof EnvError) console.error(`citydesk privacy: ${e.message}`);
    else console.error(`citydesk privacy: failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
