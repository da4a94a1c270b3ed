import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { runCliScript } from './cliTesting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPlace } from '../api/chat/caller';
import { buildNewReport } from '../api/domain/intake';
import { buildNewInitiative } from '../api/initiatives/intake';
import type { NewInitiativeBody } from '../api/initiatives/schemas';
import { SCRUBBED } from '../api/privacy/contactScrub';
import { slaDueAt } from '../api/runtime';
import type { NewReportBody } from '../api/schemas';
import { reportBody } from '../api/testing';
import { connectPglite } from '../db/connect';
import { createStore, openStore, type Store } from '../db/store';
import { migratedPglite } from '../db/testing';
import { buildAreaIndex } from '../geo/areaIndex';
import { loadCityPack } from '../seeds/packs';
import { runPrivacyCommand } from './privacy';

/** Runs `npm run privacy -- …` as the operator would: its own process, on the test's DATA_DIR. */
const privacy = (dataDir: string, args: string[]) => runCliScript('privacy.ts', dataDir, args);

/**
 * The same command in this process, as main() runs it (its exit code and stderr are the child
 * tests'): a child per command costs seconds of tsx and PGlite start-up. Resolves to what it printed;
 * a refusal rejects with its message.
 */
async function privacyHere(dataDir: string, args: string[]): Promise<string> {
  const lines: string[] = [];
  await runPrivacyCommand(args, {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    out: (line) => lines.push(line),
    now: () => new Date(),
    osUser: () => userInfo().username,
  });
  return `${lines.join('\n')}\n`;
}

const CITY = { publicIdPrefix: 'HN', timezone: 'Asia/Ho_Chi_Minh' };

/** Two commands are processes of their own opening PGlite (seconds each, more on a busy machine); the rest run here. */
describe('npm run privacy (on a throwaway PGlite DATA_DIR)', { timeout: 180_000 }, () => {
  let dir: string;
  let ids: number[] = [];
  let publicIds: string[] = [];
  let threadId = 0;
  let initiative = { id: 0, publicId: '' };
  const STAFF_SAYS = 'Chúng tôi sẽ gọi lại số 0912000111.';

  /**
   * PGlite allows one process per directory, so the checks open it between commands. The first
   * makes the database from the tests' migrated dump (db/testing.ts) instead of running initdb.
   */
  async function withStore<T>(f: (s: Store) => Promise<T>, create = false): Promise<T> {
    const dataDir = join(dir, 'pglite');
    const store = create
      ? createStore(await connectPglite(dataDir, await migratedPglite()), CITY)
      : await openStore({ dataDir, ...CITY });
    try {
      return await f(store);
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'citydesk-privacy-'));
    const pack = await loadCityPack('hanoi');
    const intake = {
      cityName: pack.nameEn,
      categories: new Map(pack.categories.map((c) => [c.code, c])),
      districts: buildAreaIndex(pack.areas, 'district'),
      communes: buildAreaIndex(pack.areas, 'commune'),
      dueAt: slaDueAt(pack),
    };
    const rows = await withStore(async (s) => {
      await s.catalog.loadPack(pack);
      const body = (i: number) =>
        reportBody({ reporter: { name: `Người báo ${i}`, phone: '0912000111', email: `r${i}@example.vn` } });
      const reports = await s.reports.insert(
        [0, 1].map((i) => buildNewReport(body(i) as NewReportBody, intake, new Date(), 'web')),
      );
      // The first reporter repeats their number on the report's chat; a staff member quotes it back.
      const place = reportPlace(reports[0]!);
      const say = (text: string, actor: { userId: number; role: 'operator'; name: null } | null) =>
        s.chat.postOnReport(place, { side: actor ? 'staff' : 'citizen', actor, text, images: [], at: new Date() });
      threadId = (await say('Gọi tôi 0912 000 111 nhé', null)).thread.id;
      await say(STAFF_SAYS, { userId: 1, role: 'operator', name: null });
      const idea = {
        title: 'Thêm ghế đá ở vườn hoa',
        text: 'Đề xuất thêm ghế đá.',
        topic: 'other',
      } as NewInitiativeBody;
      const submitted = await s.initiatives.submit({
        ...buildNewInitiative(idea, intake, pack, new Date(), 'web', null),
        contact: { name: 'Người gửi', phone: '0987654321', email: 'sk@example.vn' },
      });
      initiative = { id: submitted.row.id, publicId: submitted.row.publicId };
      return reports;
    }, true);
    ids = rows.map((r) => r.id);
    publicIds = rows.map((r) => r.publicId);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('erases one reporter contact by report id with their words on its chat, logs who did it (--by), and keeps the report', async () => {
    const r = await privacy(dir, ['erase', String(ids[0]), '--by', 'Phòng Pháp chế']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`erased the reporter's contact of ${publicIds[0]} and scrubbed 1 citizen chat message(s)`);
    await withStore(async (s) => {
      expect(await s.reports.contact(ids[0]!)).toBeNull();
      expect(await s.reports.contact(ids[1]!)).toMatchObject({ email: 'r1@example.vn' });
      expect(await s.reports.get(ids[0]!)).not.toBeNull();
      const log = await s.audit.list({ reportId: ids[0], action: 'contact.erased' });
      expect(log).toHaveLength(1);
      expect(log[0]!.detail).toEqual({ reason: 'request', by: 'Phòng Pháp chế' });
      // The citizen's number is gone from their message; the staff message stays as written.
      expect((await s.chat.messages(threadId)).map((m) => m.text)).toEqual([`Gọi tôi ${SCRUBBED} nhé`, STAFF_SAYS]);
      const chatLog = await s.audit.list({ reportId: ids[0], action: 'chat.scrubbed' });
      expect(chatLog.map((e) => e.detail)).toEqual([
        { threadId, messages: 1, reason: 'request', by: 'Phòng Pháp chế' },
      ]);
    });
  });

  it("erases an initiative's submitter contact by public id, once", async () => {
    const first = await privacyHere(dir, ['erase-initiative', initiative.publicId, '--by', 'Phòng Pháp chế']);
    expect(first).toContain(`erased the submitter's contact of ${initiative.publicId}`);
    const again = await privacyHere(dir, ['erase-initiative', String(initiative.id)]);
    expect(again).toContain('already erased');
    await withStore(async (s) => {
      expect(await s.initiatives.contact(initiative.id)).toBeNull();
      expect(await s.initiatives.get(initiative.id)).not.toBeNull();
      const log = await s.audit.list({ action: 'initiative.contact.erased' });
      expect(log.map((e) => e.detail)).toEqual([
        { initiativeId: initiative.id, reason: 'request', by: 'Phòng Pháp chế' },
      ]);
    });
  });

  it('erases by public id as the OS user, and says so (not a second log entry) when asked again', async () => {
    const first = await privacyHere(dir, ['erase', publicIds[1]!]);
    expect(first).toContain(`erased the reporter's contact of ${publicIds[1]}`);
    const again = await privacyHere(dir, ['erase', publicIds[1]!]);
    expect(again).toContain('already erased');
    await withStore(async (s) => {
      const log = await s.audit.list({ reportId: ids[1], action: 'contact.erased' });
      expect(log).toHaveLength(1);
      expect(typeof log[0]!.detail?.by).toBe('string');
      expect(log[0]!.detail?.by).not.toBe('');
    });
  });

  it('refuses a command without its id with a clear message, the usage and exit 1 (its own process)', async () => {
    const r = await privacy(dir, ['erase']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('needs a REPORT_ID');
    expect(r.err).toContain('usage: npm run privacy');
  });

  it.each([
    [['erase', 'drop table'], 'not a report id'],
    [['erase', '999999'], 'no report 999999'],
    [['forget', '1'], 'unknown command'],
    [['erase-initiative'], 'needs an INITIATIVE_ID'],
    [['erase-initiative', 'HN-2026-000001'], 'not an initiative id'],
    [['erase-initiative', '999999'], 'no initiative 999999'],
  ])('refuses %j with a clear message', async (args, message) => {
    await expect(privacyHere(dir, args)).rejects.toThrow(message);
  });
});
