import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EnvError, parseEnv } from '../api/env';
import { CHAT_REDACTION } from '../api/privacy/chatRedaction';
import {
  eraseExpiredBookingContacts,
  eraseExpiredContacts,
  eraseExpiredInitiativeContacts,
  redactQuietChats,
} from '../api/privacy/retention';
import { openStore, type Store } from '../db/store';
import { loadCityPack } from '../seeds/packs';

/**
 * `npm run privacy -- erase REPORT_ID [--by NAME]`: erases one reporter's contact at their request
 * (Decree 13/2023/NĐ-CP), with their messages on the report's chat scrubbed of it, and records it in
 * the audit log with who did it (the OS user unless `--by` names someone). The report, its
 * statistics and the staff's messages stay.
 * `npm run privacy -- erase-initiative INITIATIVE_ID [--by NAME]`: the same for an initiative's
 * submitter contact; the initiative, its answers and supports stay.
 * `npm run privacy -- retain`: runs the retention job now (CONTACT_RETENTION_DAYS), as the API
 * does every hour.
 *
 * REPORT_ID is the numeric id or the public id (HN-2026-000041); INITIATIVE_ID the numeric id or
 * the public id (HN-SK-2026-000042). Works on the database of
 * DATABASE_URL or DATA_DIR, like the server; with the embedded database, stop the server first
 * (PGlite allows one process per data directory).
 */

const USAGE = `usage: npm run privacy -- erase REPORT_ID [--by NAME]
       npm run privacy -- erase-initiative INITIATIVE_ID [--by NAME]
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
/** An initiative's public id: the report's with a kind after the city's prefix (db/store.ts: HN-SK-2026-000042). */
const INITIATIVE_PUBLIC_ID = /^[A-Z]{2,8}-[A-Z]{2,8}-\d{4}-\d{6,}$/;
const COMMANDS = ['erase', 'erase-initiative', 'retain'] as const;
type Command = (typeof COMMANDS)[number];
const isCommand = (s: string | undefined): s is Command => (COMMANDS as readonly string[]).includes(s ?? '');

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
  if (!isCommand(cmd)) throw new PrivacyCliError(cmd ? `unknown command "${cmd}"` : 'which command?');
  if (rest.length) throw new PrivacyCliError(`unexpected "${rest[0]}"`);
  if (cmd === 'retain') {
    if (id !== undefined || parsed.values.by !== undefined) throw new PrivacyCliError('retain takes no arguments');
    return { cmd, id: '', by: undefined };
  }
  if (cmd === 'erase-initiative') {
    if (id === undefined) throw new PrivacyCliError('erase-initiative needs an INITIATIVE_ID');
    if (!ID.test(id) && !INITIATIVE_PUBLIC_ID.test(id))
      throw new PrivacyCliError(`"${id}" is not an initiative id or public id`);
  } else {
    if (id === undefined) throw new PrivacyCliError('erase needs a REPORT_ID');
    if (!ID.test(id) && !PUBLIC_ID.test(id)) throw new PrivacyCliError(`"${id}" is not a report id or public id`);
  }
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
    const who = () => by ?? io.osUser();
    if (cmd === 'retain') await retain(store, at, env.CONTACT_RETENTION_DAYS, io);
    else if (cmd === 'erase') await eraseReport(store, id, at, who(), io);
    else await eraseInitiative(store, id, at, who(), io);
  } finally {
    await store.close();
  }
}

async function retain(store: Store, at: Date, days: number, io: PrivacyCliIo) {
  const ids = await eraseExpiredContacts(store, at, days);
  io.out(`citydesk: erased ${ids.length} contact(s) of reports closed more than ${days} days ago`);
  const bookings = await eraseExpiredBookingContacts(store, at, days);
  io.out(`citydesk: erased ${bookings.length} contact(s) of bookings finished more than ${days} days ago`);
  const initiatives = await eraseExpiredInitiativeContacts(store, at, days);
  io.out(`citydesk: erased ${initiatives.length} contact(s) of initiatives ended more than ${days} days ago`);
  const threads = await redactQuietChats(store, at, days);
  io.out(`citydesk: redacted citizen messages of ${threads.length} chat thread(s) quiet more than ${days} days`);
}

async function eraseReport(store: Store, id: string, at: Date, who: string, io: PrivacyCliIo) {
  const reportId = ID.test(id) ? Number(id) : await store.reports.idByPublicId(id);
  const report = reportId === null ? null : await store.reports.get(reportId);
  if (!report) throw new PrivacyCliError(`no report ${id}`);
  const done = await store.contacts.erase(report.id, at, who, CHAT_REDACTION);
  const chat = done.chat ? ` and scrubbed ${done.chat.messages} citizen chat message(s)` : '';
  if (done.contact) {
    io.out(`citydesk: erased the reporter's contact of ${report.publicId}${chat} (by ${who}); the report stays`);
    return;
  }
  const erasedAt = await store.contacts.erasedAt(report.id);
  io.out(
    erasedAt
      ? `citydesk: the contact of ${report.publicId} was already erased on ${erasedAt.toISOString()}`
      : `citydesk: ${report.publicId} has no contact to erase`,
  );
  // Words the citizen wrote after their contact went (or on a report filed without one).
  if (done.chat)
    io.out(`citydesk: scrubbed ${done.chat.messages} citizen chat message(s) of ${report.publicId} (by ${who})`);
}

async function eraseInitiative(store: Store, id: string, at: Date, who: string, io: PrivacyCliIo) {
  const initiativeId = ID.test(id) ? Number(id) : await store.initiatives.idByPublicId(id);
  const initiative = initiativeId === null ? null : await store.initiatives.get(initiativeId);
  if (!initiative) throw new PrivacyCliError(`no initiative ${id}`);
  if (await store.initiatives.eraseContact(initiative.id, at, who)) {
    io.out(`citydesk: erased the submitter's contact of ${initiative.publicId} (by ${who}); the initiative stays`);
    return;
  }
  const erasedAt = await store.initiatives.contactErasedAt(initiative.id);
  io.out(
    erasedAt
      ? `citydesk: the contact of ${initiative.publicId} was already erased on ${erasedAt.toISOString()}`
      : `citydesk: ${initiative.publicId} has no contact to erase`,
  );
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
