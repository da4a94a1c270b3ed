/** Where an export's rows come from, a batch at a time; null once there are no more. */
export interface BatchSource<T> {
  next(): Promise<readonly T[] | null>;
}

/** How a format writes a stream of batches: what opens it, each batch (`first`: the first), what closes it. */
export interface BatchEncoder<T> {
  head: string;
  batch(items: readonly T[], first: boolean): string;
  tail: string;
}

/**
 * A response body read from `source` only as fast as the client takes it: a batch is read when the
 * stream is pulled (the consumer has taken what was queued, one chunk of high-water mark), encoded and
 * enqueued as one chunk (an empty one is skipped), so at most about two batches are in memory whatever the export's size, and
 * a client that stops reading stops the reads. `first` is a batch already read (the route reads it
 * before answering, so that a database error is still a proper error response, not a cut file).
 */
export function batchedBody<T>(
  source: BatchSource<T>,
  encoder: BatchEncoder<T>,
  first: readonly T[] | null,
): ReadableStream<Uint8Array> {
  const utf8 = new TextEncoder();
  let pending: readonly T[] | null | undefined = first;
  let started = false;
  let wroteItems = false;
  const read = async () => {
    if (pending === undefined) return source.next();
    const items = pending;
    pending = undefined;
    return items;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Every pull enqueues or closes: one that did neither would leave a waiting reader waiting.
        for (;;) {
          const items = await read();
          if (items === null) {
            const end = (started ? '' : encoder.head) + encoder.tail;
            if (end) controller.enqueue(utf8.encode(end));
            controller.close();
            return;
          }
          const text = (started ? '' : encoder.head) + (items.length ? encoder.batch(items, !wroteItems) : '');
          started = true;
          wroteItems ||= items.length > 0;
          if (text) {
            controller.enqueue(utf8.encode(text));
            return;
          }
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** An encoder of `U`s as an encoder of `T`s, each turned into a `U` as its batch is written. */
export function mapBatches<T, U>(toItem: (t: T) => U, enc: BatchEncoder<U>): BatchEncoder<T> {
  return { ...enc, batch: (items, first) => enc.batch(items.map(toItem), first) };
}
