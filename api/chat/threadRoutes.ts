import { Hono } from 'hono';
import { isCityWide } from '../../core/roles';
import type { ThreadListItem } from '../../db/stores/chat';
import type { AppEnv } from '../auth/middleware';
import { staffOnly, staffScope } from '../auth/routeScope';
import type { AppDeps } from '../context';
import { validate } from '../validate';
import { citizenOrStaff, staffActor, threadCaller } from './caller';
import { newCitizenToken } from './citizenToken';
import { markRead, newMessage, postedView } from './respond';
import { chatMessageBody, chatReadBody, openThreadBody } from './schemas';
import { citizenThreadView, staffThreadView } from './views';
import { generalRef } from '../../db/queries/chat';
import { describeRoute } from '../openapi/describe';

/** Threads listed at once: the desk's inbox, most recently active first. */
const LIST_MAX = 100;

function listItemView(t: ThreadListItem) {
  return {
    id: t.id,
    reportId: t.reportId,
    publicId: t.publicId,
    subject: t.subject ?? t.title,
    lastMessageAt: t.lastMessageAt?.toISOString() ?? null,
    read: { citizen: t.citizenReadId, staff: t.staffReadId },
    unreadByStaff: t.unreadByStaff,
  };
}

/**
 * Threads under /api/chats: the staff's list (each its scope's), and general threads, which an
 * operator opens with a subject for a citizen who filed nothing (a question about a service); the
 * citizen gets a token for that thread, shown once, and uses it as a report's token.
 */
export function threadRoutes(deps: AppDeps) {
  const { chat } = deps.store;

  return new Hono<AppEnv>()
    .get(
      '/',
      describeRoute({
        summary: 'Chat threads',
        tags: ['chat'],
        description:
          "The threads in the viewer's scope, most recently active first, each with the citizen messages staff have not read. General threads for operators and admins only.",
        responses: { 200: 'The threads' },
      }),
      staffOnly(),
      async (c) => {
        const { viewer, scope } = staffScope(c, deps.pack);
        const items = await chat.list(scope, isCityWide(viewer.role), LIST_MAX);
        return c.json({ items: items.map(listItemView) });
      },
    )
    .post(
      '/',
      describeRoute({
        summary: 'Open a general thread for a citizen',
        tags: ['chat'],
        description:
          'For a citizen who filed nothing (a question about a service): a subject and a first message. The answer carries `citizenToken`, shown this once, to hand to the citizen.',
        responses: { 201: 'The thread, its first message and `citizenToken` (Location: its URL)' },
      }),
      staffOnly('admin', 'operator'),
      validate('json', openThreadBody),
      async (c) => {
        const { viewer } = staffScope(c, deps.pack, 'admin', 'operator');
        const { subject, ...body } = c.req.valid('json');
        const { token, hash } = newCitizenToken();
        const caller = { side: 'staff' as const, viewer, actor: staffActor(viewer) };
        const opened = await chat.openThread({
          subject,
          tokenHash: hash,
          first: { ...newMessage(deps, caller, body), actor: caller.actor },
        });
        const row = await chat.thread(opened.thread.id);
        return c.json(
          {
            ...staffThreadView(opened.thread, row, [opened.message]),
            eventId: opened.eventId,
            // Shown this once: the citizen's key to the thread (X-Citizen-Token), stored only as its hash.
            citizenToken: token,
          },
          201,
          { Location: `/api/chats/${opened.thread.id}` },
        );
      },
    )
    .get(
      '/:id',
      describeRoute({
        summary: 'A general thread',
        tags: ['chat'],
        params: { id: 'The thread id' },
        responses: { 200: 'The thread and its messages', 404: "No such thread, or not the caller's" },
      }),
      citizenOrStaff,
      async (c) => {
        const { caller, thread } = await threadCaller(c, deps, c.req.param('id'));
        const ref = generalRef(thread.id, thread.subject);
        const messages = await chat.messages(thread.id);
        if (caller.side === 'staff') return c.json(staffThreadView(ref, thread, messages));
        return c.json(citizenThreadView(ref, thread, messages, {}));
      },
    )
    .post(
      '/:id/messages',
      describeRoute({
        summary: 'Write on a general thread',
        tags: ['chat'],
        params: { id: 'The thread id' },
        responses: {
          201: 'The message as stored',
          404: "No such thread, or not the caller's",
          429: 'Too many messages from this client',
        },
      }),
      citizenOrStaff,
      validate('json', chatMessageBody),
      async (c) => {
        const { caller, thread } = await threadCaller(c, deps, c.req.param('id'));
        const posted = await chat.postOnThread(thread.id, newMessage(deps, caller, c.req.valid('json')));
        // Found a moment ago, and threads are never deleted but with their report (a general one has none).
        if (!posted) throw new Error(`general thread ${thread.id} vanished`);
        return c.json(postedView(caller, posted, {}), 201);
      },
    )
    .post(
      '/:id/read',
      describeRoute({
        summary: 'Mark a general thread read',
        tags: ['chat'],
        params: { id: 'The thread id' },
        responses: { 200: 'The read receipts now', 404: "No such thread, or not the caller's" },
      }),
      citizenOrStaff,
      validate('json', chatReadBody),
      async (c) => {
        const { caller, thread } = await threadCaller(c, deps, c.req.param('id'));
        const ref = generalRef(thread.id, thread.subject);
        return c.json(await markRead(deps, caller, ref, c.req.valid('json').lastReadId));
      },
    );
}
