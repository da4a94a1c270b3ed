import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ChatSide, ChatThreadRef } from '../../core/chat';
import { isCityWide } from '../../core/roles';
import type { ChatActor, ThreadRow } from '../../db/stores/chat';
import type { ReportRow } from '../../db/types';
import { type AppEnv, requireStaff } from '../auth/middleware';
import { staffScope } from '../auth/routeScope';
import type { StaffViewer } from '../auth/viewer';
import type { AppDeps } from '../context';
import { NotFound } from '../errors';
import { withDoc } from '../openapi/describe';
import { parseId } from '../schemas';
import { citizenTokenHashOf } from './citizenToken';

const PUBLIC_ID = /^[A-Z]{2,4}-\d{4}-\d{6,}$/;

/**
 * Who is writing or reading a thread: the citizen (proved by the token of the report or thread)
 * or a staff member (by the viewer, inside its scope). Either way, what the caller may not open
 * answers 404 as one that does not exist: a wrong token says nothing about whether the report is
 * there, and a chief learns nothing of another area's.
 */
export type Caller = { side: 'citizen' } | { side: 'staff'; viewer: StaffViewer; actor: ChatActor };

export function staffActor(viewer: StaffViewer): ChatActor {
  return { userId: viewer.userId, role: viewer.role, name: viewer.name };
}

/**
 * First on every chat route: without a citizen token the caller must be staff (401 for the public),
 * before the body is even read, so that the public learns nothing from a refused body either.
 */
export const citizenOrStaff = withDoc(
  createMiddleware<AppEnv>(async (c, next) => {
    if (citizenTokenHashOf(c) === null) requireStaff(c);
    await next();
  }),
  { citizenToken: true },
);

async function reportIdOf(deps: AppDeps, param: string): Promise<number | null> {
  const id = parseId(param);
  if (id !== null) return id;
  return PUBLIC_ID.test(param) ? deps.store.reports.idByPublicId(param) : null;
}

/** What a report thread's events and views say of it, before the thread has an id of its own. */
export function reportPlace(r: ReportRow): Omit<ChatThreadRef, 'id'> & { reportId: number } {
  return {
    reportId: r.id,
    publicId: r.publicId,
    subject: null,
    districtCode: r.districtCode,
    communeCode: r.communeCode,
    agencyCode: r.agencyCode,
  };
}

/** The caller of a report's thread and the report; 404 for a wrong token or a report outside the staff scope. */
export async function reportCaller(
  c: Context<AppEnv>,
  deps: AppDeps,
  param: string,
): Promise<{ caller: Caller; report: ReportRow }> {
  const hash = citizenTokenHashOf(c);
  if (hash !== null) {
    const id = await reportIdOf(deps, param);
    const owns = hash !== false && id !== null && (await deps.store.chat.reportTokenMatches(id, hash));
    const report = owns ? await deps.store.reports.get(id) : null;
    if (!report) throw new NotFound(`Report ${param}`);
    return { caller: { side: 'citizen' }, report };
  }
  const { viewer, scope } = staffScope(c, deps.pack);
  const id = await reportIdOf(deps, param);
  const report = id === null ? null : await deps.store.reports.get(id, scope);
  if (!report) throw new NotFound(`Report ${param}`);
  return { caller: { side: 'staff', viewer, actor: staffActor(viewer) }, report };
}

/**
 * The caller of a general thread and the thread. General threads are the operations centre's: a
 * chief or an agency finds none (404), as a citizen with another thread's token.
 */
export async function threadCaller(
  c: Context<AppEnv>,
  deps: AppDeps,
  param: string,
): Promise<{ caller: Caller; thread: ThreadRow }> {
  const id = parseId(param);
  const hash = citizenTokenHashOf(c);
  let caller: Caller;
  if (hash !== null) {
    const owns = hash !== false && id !== null && (await deps.store.chat.threadTokenMatches(id, hash));
    if (!owns) throw new NotFound(`Thread ${param}`);
    caller = { side: 'citizen' };
  } else {
    const viewer = requireStaff(c);
    if (!isCityWide(viewer.role)) throw new NotFound(`Thread ${param}`);
    caller = { side: 'staff', viewer, actor: staffActor(viewer) };
  }
  const thread = id === null ? null : await deps.store.chat.thread(id);
  if (!thread || thread.reportId !== null) throw new NotFound(`Thread ${param}`);
  return { caller, thread };
}

export const sideOf = (caller: Caller): ChatSide => caller.side;
export const actorOfCaller = (caller: Caller): ChatActor | null => (caller.side === 'staff' ? caller.actor : null);
