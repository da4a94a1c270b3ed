import { Hono } from 'hono';
import type { AppEnv } from '../auth/middleware';
import type { AppDeps } from '../context';
import { validate } from '../validate';
import { citizenOrStaff, reportCaller, reportPlace } from './caller';
import { markRead, newMessage, postedView } from './respond';
import { chatMessageBody, chatReadBody } from './schemas';
import { citizenThreadView, staffThreadView } from './views';
import { describeRoute } from '../openapi/describe';

/**
 * A report's conversation, under /api/reports/:id/chat: the citizen who filed it (with the token
 * the filing returned, in X-Citizen-Token) and the staff whose scope holds the report (operators,
 * the chief of its area, its agency). The thread is created by its first message.
 */
export function reportChatRoutes(deps: AppDeps) {
  const { chat, reports } = deps.store;
  /** The report's contact, to scrub it out of what the citizen's side reads back. */
  const knownContact = async (reportId: number) => (await reports.contact(reportId)) ?? {};

  return new Hono<AppEnv>()
    .get(
      '/:id/chat',
      describeRoute({
        summary: "A report's chat",
        tags: ['chat'],
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description:
          "The conversation between the citizen who filed the report and the staff handling it. The citizen's side never reads the contact back.",
        responses: {
          200: 'The thread and its messages (none before the first)',
          404: "No such report, or not the caller's: a wrong token, or outside the staff member's scope",
        },
      }),
      citizenOrStaff,
      async (c) => {
        const { caller, report } = await reportCaller(c, deps, c.req.param('id'));
        const row = await chat.threadOfReport(report.id);
        const ref = { ...reportPlace(report), id: row?.id ?? 0 };
        const messages = row ? await chat.messages(row.id) : [];
        if (caller.side === 'staff') return c.json(staffThreadView(ref, row, messages));
        return c.json(citizenThreadView(ref, row, messages, await knownContact(report.id)));
      },
    )
    .post(
      '/:id/chat/messages',
      describeRoute({
        summary: "Write on a report's chat",
        tags: ['chat'],
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        description: "The first message creates the thread. A citizen's messages are limited per client, as filing is.",
        responses: {
          201: 'The message as stored',
          404: "No such report, or not the caller's: a wrong token, or outside the staff member's scope",
          429: 'Too many messages from this client',
        },
      }),
      citizenOrStaff,
      validate('json', chatMessageBody),
      async (c) => {
        const { caller, report } = await reportCaller(c, deps, c.req.param('id'));
        const posted = await chat.postOnReport(reportPlace(report), newMessage(deps, caller, c.req.valid('json')));
        const known = caller.side === 'citizen' ? await knownContact(report.id) : {};
        return c.json(postedView(caller, posted, known), 201);
      },
    )
    .post(
      '/:id/chat/read',
      describeRoute({
        summary: "Mark a report's chat read",
        tags: ['chat'],
        params: { id: 'The numeric id or the public id (HN-2026-000123)' },
        responses: {
          200: 'The read receipts now',
          404: "No such report, or not the caller's: a wrong token, or outside the staff member's scope",
        },
      }),
      citizenOrStaff,
      validate('json', chatReadBody),
      async (c) => {
        const { caller, report } = await reportCaller(c, deps, c.req.param('id'));
        const row = await chat.threadOfReport(report.id);
        const ref = row ? { ...reportPlace(report), id: row.id } : null;
        return c.json(await markRead(deps, caller, ref, c.req.valid('json').lastReadId));
      },
    );
}
