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
    .get('/', staffOnly(), async (c) => {
      const { viewer, scope } = staffScope(c, deps.pack);
      const items = await chat.list(scope, isCityWide(viewer.role), LIST_MAX);
      return c.json({ items: items.map(listItemView) });
    })
    .post('/', staffOnly('admin', 'operator'), validate('json', openThreadBody), async (c) => {
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
    })
    .get('/:id', citizenOrStaff, async (c) => {
      const { caller, thread } = await threadCaller(c, deps, c.req.param('id'));
      const ref = generalRef(thread.id, thread.subject);
      const messages = await chat.messages(thread.id);
      if (caller.side === 'staff') return c.json(staffThreadView(ref, thread, messages));
      return c.json(citizenThreadView(ref, thread, messages, {}));
    })
    .post('/:id/messages', citizenOrStaff, validate('json', chatMessageBody), async (c) => {
      const { caller, thread } = await threadCaller(c, deps, c.req.param('id'));
      const posted = await chat.postOnThread(thread.id, newMessage(deps, caller, c.req.valid('json')));
      // Found a moment ago, and threads are never deleted but with their report (a general one has none).
      if (!posted) throw new Error(`general thread ${thread.id} vanished`);
      return c.json(postedView(caller, posted, {}), 201);
    })
    .post('/:id/read', citizenOrStaff, validate('json', chatReadBody), async (c) => {
      const { caller, thread } = await threadCaller(c, deps, c.req.param('id'));
      const ref = generalRef(thread.id, thread.subject);
      return c.json(await markRead(deps, caller, ref, c.req.valid('json').lastReadId));
    });
}
