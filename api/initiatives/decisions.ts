import {
  canMoveInitiative,
  INITIATIVE_STATUS_NAMES,
  type InitiativeAnswer,
  type InitiativeMoveTarget,
  isFinalInitiativeStatus,
} from '../../core/initiatives';
import type { InitiativeContactRow, InitiativeRow, MoveDecision, PublishDecision } from '../../db/stores/initiatives';
import { AppError, NotFound } from '../errors';
import { scrubContacts } from '../privacy/contactScrub';

/**
 * The rules a change must pass, decided on the row under its lock (db/queries/initiatives.ts): the
 * routes and the demo's simulator both go through them, so nothing moves an initiative another way.
 */

export class IllegalInitiativeMove extends AppError {
  constructor(from: InitiativeRow['status'], to: InitiativeMoveTarget) {
    super(
      409,
      'illegal_transition',
      `Cannot move an initiative that is ${from} to ${to} / Không thể chuyển sáng kiến đang "${INITIATIVE_STATUS_NAMES[from].vi}" sang "${INITIATIVE_STATUS_NAMES[to].vi}"`,
      'to',
    );
  }
}

/** A move by the table in core/initiatives.ts, with its public answer. */
export function decideMove(to: InitiativeMoveTarget, answer: InitiativeAnswer, at: Date) {
  return (current: InitiativeRow): MoveDecision => {
    if (!canMoveInitiative(current.status, to)) throw new IllegalInitiativeMove(current.status, to);
    return { to, answer, at };
  };
}

/**
 * Publication, once: the public copies are the citizen's title and text through the contact scrub
 * every public text goes through (api/privacy/contactScrub.ts), with the submitter's own contact.
 */
export function decidePublish(at: Date) {
  return (current: InitiativeRow, contact: InitiativeContactRow | null): PublishDecision => {
    if (current.publishedAt !== null) {
      throw new AppError(409, 'already_published', 'The initiative is published already / Sáng kiến đã được công khai');
    }
    const known = contact ?? {};
    return {
      publicTitle: scrubContacts(current.title, known),
      publicText: scrubContacts(current.description, known),
      at,
    };
  };
}

/** Only what the public can see can be supported, and only while the city has not closed it. */
export function checkSupportable(label: string) {
  return (row: InitiativeRow): void => {
    // An unpublished idea does not exist for the public.
    if (row.publishedAt === null) throw new NotFound(`Initiative ${label}`);
    if (isFinalInitiativeStatus(row.status)) {
      throw new AppError(
        409,
        'initiative_closed',
        `The initiative is ${row.status}: supports are closed / Sáng kiến đã kết thúc, không nhận thêm ủng hộ`,
      );
    }
  };
}

/** A second support by one identity. */
export class AlreadySupported extends AppError {
  constructor(field: 'phone' | 'email') {
    super(
      409,
      'already_supported',
      'This phone number or e-mail already supports the initiative / Bạn đã ủng hộ sáng kiến này',
      field,
    );
  }
}
