import type { hc, InferResponseType } from 'hono/client';
import type { AppType } from '../app';

/**
 * The chat's thread routes' responses as they return them (inferred, as api/wire.ts does for the
 * rest), for the dashboard's type-only imports. A thread's own view is `StaffThreadView` (views.ts).
 */
type Chats = ReturnType<typeof hc<AppType>>['api']['chats'];

/** GET /api/chats: the threads in the caller's scope, newest activity first. */
export type ChatListResponse = InferResponseType<Chats['$get'], 200>;
export type ChatListItem = ChatListResponse['items'][number];
/** POST /api/chats: the general thread opened, with the citizen's token (shown this once). */
export type OpenedChatResponse = InferResponseType<Chats['$post'], 201>;
