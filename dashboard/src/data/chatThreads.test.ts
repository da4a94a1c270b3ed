import { describe, expect, it } from 'vitest';
import type { ChatListItem } from '../../../api/chat/wire';
import { isChatEvent, targetOf, threadLabel, unreadTotal } from './chatThreads';

const reportThread: ChatListItem = {
  id: 7,
  reportId: 41,
  publicId: 'HN-2026-000041',
  // The server gives a report thread its report's title as subject.
  subject: 'Ổ gà trước số 12',
  lastMessageAt: '2026-03-02T02:10:00.000Z',
  read: { citizen: 5, staff: 3 },
  unreadByStaff: 2,
};
const general: ChatListItem = {
  id: 9,
  reportId: null,
  publicId: null,
  subject: 'Hỏi về lịch cắt nước',
  lastMessageAt: '2026-03-02T03:00:00.000Z',
  read: { citizen: 0, staff: 0 },
  unreadByStaff: 1,
};

describe('the chats panel’s lines', () => {
  it('opens a report thread as its report, a general thread as itself', () => {
    expect(targetOf(reportThread)).toEqual({ kind: 'report', id: 41 });
    expect(targetOf(general)).toEqual({ kind: 'thread', id: 9 });
  });

  it('names a report thread by public id and title, a general one by its subject alone', () => {
    expect(threadLabel(reportThread)).toEqual({ ref: 'HN-2026-000041', title: 'Ổ gà trước số 12' });
    expect(threadLabel(general)).toEqual({ ref: null, title: 'Hỏi về lịch cắt nước' });
    expect(threadLabel({ ...reportThread, subject: null })).toEqual({ ref: 'HN-2026-000041', title: 'HN-2026-000041' });
  });

  it.each([
    ['no thread', [], 0],
    ['one thread', [general], 1],
    ['two threads', [reportThread, general], 3],
    [
      'threads all read',
      [
        { ...reportThread, unreadByStaff: 0 },
        { ...general, unreadByStaff: 0 },
      ],
      0,
    ],
  ])('adds the unread citizen messages of %s: %i', (_, items, n) => {
    expect(unreadTotal(items)).toBe(n);
  });

  it.each([
    ['chat.message', true],
    ['chat.read', true],
    ['report.created', false],
    ['initiative.submitted', false],
    ['booking.created', false],
  ])('re-reads the list on %s: %s', (type, yes) => {
    expect(isChatEvent({ type })).toBe(yes);
  });
});
