import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

const toMessage = (e: EventSourceMessage): SseMessage => ({ id: e.id, event: e.event ?? 'message', data: e.data });

/** How long a test waits for a stream fact before it fails instead of hanging. */
export const SSE_WAIT_MS = 10_000;

/** The ids of event messages, without `reset` (whose id is where to go on from, not an event). */
export const eventIds = (ms: SseMessage[]): number[] =>
  ms.filter((m) => m.id && m.event !== 'reset').map((m) => Number(m.id));

/** A `collect` condition: the stream has delivered the event with this id (or a later one). */
export const reachedId =
  (id: number) =>
  (ms: SseMessage[]): boolean =>
    (eventIds(ms).at(-1) ?? Number.NEGATIVE_INFINITY) >= id;

export interface SseStream {
  /** The log position the server had read when it took this client: its first frame, `: connected ID`. */
  readonly joinedAt: number;
  /**
   * Reads messages until `done` holds for all read by this call, and returns them; at the
   * deadline it returns what it has, for the caller's assertion to say what was missing. Later
   * calls go on from the next message.
   */
  collect(done: (all: SseMessage[]) => boolean, timeoutMs?: number): Promise<SseMessage[]>;
  close(): void;
}

/**
 * The SSE client of the tests (and of anything else that needs the handshake): opens a stream and
 * resolves once its first frame has arrived, so the server has registered the client and every
 * event committed from then on will reach it: no sleeping for a subscriber to be ready.
 */
export async function openSse(
  url: string,
  opts: { lastEventId?: number; headers?: Record<string, string> } = {},
): Promise<SseStream> {
  const ctrl = new AbortController();
  const handshake = setTimeout(() => ctrl.abort(), SSE_WAIT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        ...opts.headers,
        Accept: 'text/event-stream',
        ...(opts.lastEventId !== undefined ? { 'Last-Event-ID': String(opts.lastEventId) } : {}),
      },
      signal: ctrl.signal,
    });
  } catch (e) {
    clearTimeout(handshake);
    throw e;
  }
  if (!res.ok || !res.body) {
    clearTimeout(handshake);
    throw new Error(`stream ${res.status}: ${await res.text()}`);
  }
  const queue: SseMessage[] = [];
  let joinedAt: number | null = null;
  const parser = createParser({
    onEvent: (e) => queue.push(toMessage(e)),
    onComment: (c) => {
      const m = /^\s*connected (\d+)$/.exec(c);
      if (m && joinedAt === null) joinedAt = Number(m[1]);
    },
  });
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  let ended = false;
  // A read outlives a collect that timed out, so its chunk goes to the next one, not nowhere.
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const close = () => {
    ended = true;
    ctrl.abort();
    reader.cancel().catch(() => {});
  };
  /** Takes the next chunk into the queue; false once the stream has ended or the deadline passed. */
  const pump = async (deadline: Promise<'late'>): Promise<boolean> => {
    if (ended) return false;
    reading ??= reader.read();
    let got: ReadableStreamReadResult<Uint8Array> | 'late';
    try {
      got = await Promise.race([reading, deadline]);
    } catch (e) {
      ended = true;
      if (ctrl.signal.aborted) return false;
      throw e;
    }
    if (got === 'late') return false;
    reading = null;
    if (got.done) {
      ended = true;
      return false;
    }
    parser.feed(decoder.decode(got.value, { stream: true }));
    return true;
  };
  const never = new Promise<'late'>(() => {});
  try {
    while (joinedAt === null) {
      if (!(await pump(never))) throw new Error(`stream ${url}: no first frame within the deadline`);
    }
  } catch (e) {
    close();
    throw e;
  } finally {
    clearTimeout(handshake);
  }
  return {
    joinedAt,
    async collect(done, timeoutMs = SSE_WAIT_MS) {
      const all: SseMessage[] = [];
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), timeoutMs)));
      try {
        for (;;) {
          while (queue.length) {
            all.push(queue.shift()!);
            if (done(all)) return all;
          }
          if (!(await pump(deadline))) return all;
        }
      } finally {
        clearTimeout(timer);
      }
    },
    close,
  };
}

/**
 * Opens a stream, collects until `done` (or the deadline) and closes it: the one-shot form, for a
 * reader that need not know when it was subscribed (a resume with Last-Event-ID).
 */
export async function collectSse(
  url: string,
  done: (all: SseMessage[]) => boolean,
  opts: { lastEventId?: number; timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<SseMessage[]> {
  const s = await openSse(url, { lastEventId: opts.lastEventId, headers: opts.headers });
  try {
    return await s.collect(done, opts.timeoutMs);
  } finally {
    s.close();
  }
}

/**
 * Parsed messages until aborted, without the handshake: for a consumer that reads the stream as a
 * loop. (EventSource in Node 20 is missing, and we need to set Last-Event-ID ourselves.)
 */
export async function* sseMessages(
  url: string,
  opts: { lastEventId?: number; signal?: AbortSignal; headers?: Record<string, string> } = {},
) {
  const res = await fetch(url, {
    headers: {
      ...opts.headers,
      Accept: 'text/event-stream',
      ...(opts.lastEventId !== undefined ? { 'Last-Event-ID': String(opts.lastEventId) } : {}),
    },
    signal: opts.signal,
  });
  if (!res.ok || !res.body) throw new Error(`stream ${res.status}: ${await res.text()}`);
  const queue: SseMessage[] = [];
  const parser = createParser({ onEvent: (e) => queue.push(toMessage(e)) });
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      while (queue.length) yield queue.shift()!;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
