import { createParser } from 'eventsource-parser';

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * A minimal SSE client over fetch, for tests and benchmarks: yields parsed messages until
 * aborted. (EventSource in Node 20 is missing, and we need to set Last-Event-ID ourselves.)
 */
export async function* sseMessages(url: string, opts: { lastEventId?: number; signal?: AbortSignal } = {}) {
  const res = await fetch(url, {
    headers: {
      Accept: 'text/event-stream',
      ...(opts.lastEventId !== undefined ? { 'Last-Event-ID': String(opts.lastEventId) } : {}),
    },
    signal: opts.signal,
  });
  if (!res.ok || !res.body) throw new Error(`stream ${res.status}: ${await res.text()}`);
  const queue: SseMessage[] = [];
  const parser = createParser({
    onEvent: (e) => queue.push({ id: e.id, event: e.event ?? 'message', data: e.data }),
  });
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
