import type { ServerResponse } from 'node:http';

/** Where one client's SSE bytes go. The hub never awaits a sink: it checks its backlog instead. */
export interface SseSink {
  write(chunk: string): void;
  /** Optional: the same bytes, shared with other sinks and never modified (one encoding per broadcast). */
  writeBytes?(bytes: Uint8Array): void;
  /** Bytes accepted but not yet handed to the network. */
  bufferedBytes(): number;
  /** Drops the connection now, without flushing: used for clients that fell behind. */
  destroy(): void;
  onClose(listener: () => void): void;
  /** Resolves once the backlog has gone to the network (or the client has gone). */
  drained(): Promise<void>;
}

/** Call once the headers are out (flushHeaders). */
export function nodeSink(res: ServerResponse): SseSink {
  // A close-delimited body (api/routes/stream.ts) is the bytes on the socket as they are, so a
  // broadcast's shared chunk can go to the socket itself: the response's write corks the socket
  // and uncorks it on the next tick, JS work on every client that outweighs the rest of the hub.
  // The response's own writes go to the same socket's queue, so the order holds.
  const socket = res.socket;
  const writeBytes =
    socket && res.headersSent && !res.chunkedEncoding
      ? (bytes: Uint8Array) => void socket.write(bytes)
      : (bytes: Uint8Array) => void res.write(bytes);
  return {
    write: (chunk) => void res.write(chunk),
    writeBytes,
    bufferedBytes: () => res.writableLength,
    destroy: () => res.destroy(),
    onClose: (listener) => void res.once('close', listener),
    drained: () =>
      // 'drain' fires only after a write has returned false, so wait only in that case.
      !res.writableNeedDrain || res.destroyed
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = () => {
              res.off('drain', done);
              res.off('close', done);
              resolve();
            };
            res.once('drain', done);
            res.once('close', done);
          }),
  };
}

/**
 * A sink over a web ReadableStream, for runtimes without a Node response (app.request() in
 * tests). Same contract; the queue size stands in for the socket buffer.
 */
export function webStreamSink(): { sink: SseSink; stream: ReadableStream<Uint8Array> } {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const listeners: Array<() => void> = [];
  let drainWaiters: Array<() => void> = [];
  const wakeDrainWaiters = () => {
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const w of waiters) w();
  };
  const fireClose = () => {
    if (closed) return;
    closed = true;
    for (const l of listeners) l();
  };
  // Sized in bytes with no high-water mark, so -desiredSize is exactly the unread backlog.
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      // Called when the reader has taken everything queued: that is our "drain".
      pull: wakeDrainWaiters,
      cancel: () => {
        fireClose();
        wakeDrainWaiters();
      },
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
  const sink: SseSink = {
    write(chunk) {
      if (closed) return;
      controller.enqueue(encoder.encode(chunk));
    },
    bufferedBytes: () => (closed ? 0 : Math.max(0, -(controller.desiredSize ?? 0))),
    destroy() {
      if (closed) return;
      try {
        controller.error(new Error('stream dropped'));
      } finally {
        fireClose();
        wakeDrainWaiters();
      }
    },
    onClose: (l) => void listeners.push(l),
    drained: () =>
      closed || (controller.desiredSize ?? 0) >= 0
        ? Promise.resolve()
        : new Promise((resolve) => drainWaiters.push(resolve)),
  };
  return { sink, stream };
}
