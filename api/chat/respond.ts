import type { ChatMessage, ChatThreadRef } from '../../core/chat';
import type { ReadResult } from '../../db/stores/chat';
import type { AppDeps } from '../context';
import { ValidationError } from '../errors';
import type { KnownContact } from '../privacy/contactScrub';
import type { ChatMessageBody } from './schemas';
import { type Caller, actorOfCaller } from './caller';
import { citizenMessage } from './views';

/** What a message body becomes as stored: its text, its images (none by default), who and when. */
export function newMessage(deps: AppDeps, caller: Caller, body: ChatMessageBody) {
  return {
    side: caller.side,
    actor: actorOfCaller(caller),
    text: body.text,
    images: body.images ?? [],
    at: deps.now(),
  };
}

/** The answer to a posted message: staff get it as stored with its event id, the citizen its own view. */
export function postedView(caller: Caller, posted: { message: ChatMessage; eventId: number }, known: KnownContact) {
  return caller.side === 'staff'
    ? { message: posted.message, eventId: posted.eventId }
    : { message: citizenMessage(posted.message, known), eventId: null };
}

/** A side's receipt moved (or already there); a message id the thread does not hold is the client's error. */
export async function markRead(deps: AppDeps, caller: Caller, ref: ChatThreadRef | null, lastReadId: number) {
  const result: ReadResult = ref
    ? await deps.store.chat.markRead(ref, caller.side, lastReadId, actorOfCaller(caller), deps.now())
    : { kind: 'no_such_message' };
  if (result.kind === 'no_such_message') {
    throw new ValidationError(
      `lastReadId: no message ${lastReadId} in this thread / không có tin nhắn này trong cuộc trao đổi`,
      'lastReadId',
    );
  }
  return {
    side: caller.side,
    lastReadId: result.lastReadId,
    eventId: result.kind === 'advanced' ? result.eventId : null,
  };
}
