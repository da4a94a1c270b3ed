import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../api/wire';
import type { ChatMessage, ChatThreadRef } from '../../../core/chat';
import {
  applyChatEvent,
  chatEventOf,
  seenByCitizen,
  type ThreadState,
  threadUrl,
  timeline,
  unreadByStaff,
} from './chat';
import type { StreamEvent } from './liveFeed';

const ref: ChatThreadRef = {
  id: 7,
  reportId: 41,
  publicId: 'HN-2026-000041',
  subject: null,
  districtCode: '002',
  communeCode: '00070',
  agencyCode: 'SXD',
};

const msg = (id: number, side: 'citizen' | 'staff', at: string): ChatMessage => ({
  id,
  threadId: 7,
  at,
  side,
  author: side === 'staff' ? { userId: 1, name: 'lan', role: 'agency' } : null,
  text: `m${id}`,
  images: [],
});

const empty: ThreadState = {
  thread: {
    id: null,
    reportId: 41,
    publicId: ref.publicId,
    subject: null,
    createdAt: null,
    read: { citizen: 0, staff: 0 },
  },
  messages: [],
};

const message = (id: number, m: ChatMessage, thread = ref) =>
  ({ id, type: 'chat.message', at: m.at, thread, message: m }) as StreamEvent;
const read = (id: number, side: 'citizen' | 'staff', lastReadId: number) =>
  ({ id, type: 'chat.read', at: '2026-03-02T03:00:00.000Z', thread: ref, side, lastReadId }) as StreamEvent;

function apply(state: ThreadState, events: StreamEvent[]): ThreadState {
  for (const e of events) {
    const c = chatEventOf(e, { reportId: 41 });
    if (c) state = applyChatEvent(state, c);
  }
  return state;
}

describe('a report thread kept by the stream', () => {
  const q = msg(3, 'citizen', '2026-03-02T02:00:00.000Z');
  const a = msg(5, 'staff', '2026-03-02T02:10:00.000Z');

  it('takes messages in id order once each, and receipts only forward', () => {
    const s = apply(empty, [
      message(100, a),
      message(99, q),
      message(100, a),
      read(101, 'citizen', 5),
      read(102, 'citizen', 3),
    ]);
    expect(s.messages.map((m) => m.id)).toEqual([3, 5]);
    expect(s.thread.id).toBe(7);
    expect(s.thread.read).toEqual({ citizen: 5, staff: 0 });
  });

  it("ignores other reports' threads and other events", () => {
    const other = { ...ref, id: 8, reportId: 42 };
    const s = apply(empty, [
      message(100, q, other),
      { id: 101, type: 'layer.updated', at: q.at, layer: 'x', featureCount: 1 } as StreamEvent,
    ]);
    expect(s).toBe(empty);
  });

  it('says which citizen message the staff side has yet to read', () => {
    const s = apply(empty, [message(99, q), message(100, a)]);
    expect(unreadByStaff(s)).toBe(3);
    expect(unreadByStaff(apply(s, [read(101, 'staff', 3)]))).toBeNull();
    expect(unreadByStaff(empty)).toBeNull();
  });

  it('weaves the messages into the history by time, a step before a message at the same instant', () => {
    const history = [
      { id: 1, at: '2026-03-02T01:00:00.000Z', type: 'report.created', actor: null },
      { id: 2, at: '2026-03-02T02:10:00.000Z', type: 'report.accepted', from: 'received', to: 'accepted', actor: null },
    ] as unknown as HistoryEntry[];
    expect(timeline(history, [a, q]).map((i) => i.key)).toEqual(['e1', 'm3', 'e2', 'm5']);
  });
});

describe('a general thread kept by the stream', () => {
  const general: ChatThreadRef = { ...ref, id: 9, reportId: null, publicId: null, subject: 'Hỏi về cấp nước' };
  const onGeneral = (id: number, m: ChatMessage, thread = general) =>
    ({ id, type: 'chat.message', at: m.at, thread, message: m }) as StreamEvent;
  const q = { ...msg(11, 'citizen', '2026-03-02T04:00:00.000Z'), threadId: 9 };

  it('is found by its thread id, never by a report thread that shares nothing else', () => {
    expect(chatEventOf(onGeneral(200, q), { threadId: 9 })).not.toBeNull();
    expect(chatEventOf(onGeneral(200, q), { threadId: 7 })).toBeNull();
    // A report thread's event (thread 7) is not thread 9's, and a general thread is no report's.
    expect(chatEventOf(message(201, q), { threadId: 9 })).toBeNull();
    expect(chatEventOf(onGeneral(200, q), { reportId: 41 })).toBeNull();
  });

  it.each([
    [{ reportId: 41 }, '/api/reports/41/chat'],
    [{ threadId: 9 }, '/api/chats/9'],
  ])('lives under %j at %s', (key, url) => {
    expect(threadUrl(key)).toBe(url);
  });
});

describe("the citizen's receipt on staff messages", () => {
  const a = msg(5, 'staff', '2026-03-02T02:10:00.000Z');
  const q = msg(6, 'citizen', '2026-03-02T02:20:00.000Z');
  const at = (citizen: number): ThreadState => ({ ...empty, thread: { ...empty.thread, read: { citizen, staff: 0 } } });

  it.each([
    ['before the receipt reaches it', at(4), a, false],
    ['once the receipt is on it', at(5), a, true],
    ['once the receipt is past it', at(6), a, true],
    ["never on the citizen's own message", at(6), q, false],
    ['not before the thread is loaded', null, a, false],
  ])('%s', (_, state, m, seen) => {
    expect(seenByCitizen(state, m)).toBe(seen);
  });
});
