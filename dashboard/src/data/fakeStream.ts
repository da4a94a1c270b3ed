import type { FeedEffects } from './liveFeed';

/**
 * A stand-in for the server's SSE endpoint and the feed's timers, for tests: the feed's fetch
 * lands here, each connection is a stream the test writes frames into, and the feed's waits and
 * watchdog run only when the test says so. Tests wait on facts it reports (a connection made, a
 * wait asked for), never on time.
 */
export class FakeStream {
  readonly connections: Connection[] = [];
  /** Reconnect waits the feed asked for, in order. */
  readonly sleeps: number[] = [];
  nowMs = 1_000_000;
  private watchdog: (() => void) | null = null;
  private failuresLeft = 0;
  /** Statuses the next attempts are answered with instead of a stream (a 401 when signed out). */
  private refusals: number[] = [];
  /** The credentials mode of every attempt, in order. */
  readonly credentials: Array<RequestCredentials | undefined> = [];
  private waiters: Array<() => void> = [];

  readonly effects: FeedEffects = {
    fetch: async (_url, init) => {
      this.wake();
      this.credentials.push(init?.credentials);
      const refusal = this.refusals.shift();
      if (refusal !== undefined) {
        this.refused++;
        this.wake();
        return new Response(JSON.stringify({ error: { code: 'unauthenticated' } }), { status: refusal });
      }
      if (this.failuresLeft > 0) {
        this.failuresLeft--;
        throw new TypeError('network down');
      }
      const headers = new Headers(init?.headers);
      const conn = new Connection(Number(headers.get('Last-Event-ID')), init?.signal ?? undefined);
      this.connections.push(conn);
      this.wake();
      return new Response(conn.body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    },
    now: () => this.nowMs,
    sleep: (ms) => {
      this.sleeps.push(ms);
      this.wake();
      return Promise.resolve();
    },
    every: (_ms, fn) => {
      this.watchdog = fn;
      return () => {
        this.watchdog = null;
      };
    },
  };

  /** Attempts answered with a refusal so far. */
  refused = 0;

  /** The next attempt is answered with `status` (and no stream), as the server refuses a viewer. */
  refuseNext(status: number): void {
    this.refusals.push(status);
  }

  /** The next `n` connection attempts fail as a network error would. */
  failNext(n: number): void {
    this.failuresLeft += n;
  }

  /** Runs the feed's watchdog as its interval would. */
  tickWatchdog(): void {
    this.watchdog?.();
  }

  get current(): Connection | undefined {
    const c = this.connections.at(-1);
    return c && !c.closed ? c : undefined;
  }

  /** Resolves once `fact` holds; re-checked whenever the feed does something here or the test calls `wake`. */
  until(fact: () => boolean): Promise<void> {
    if (fact()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (fact()) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const check of w) check();
  }

  /** The `n`th connection (1-based) once it is open. */
  async connection(n: number): Promise<Connection> {
    await this.until(() => this.connections.length >= n);
    return this.connections[n - 1];
  }
}

export class Connection {
  closed = false;
  readonly body: ReadableStream<Uint8Array>;
  private ctrl!: ReadableStreamDefaultController<Uint8Array>;
  private readonly encoder = new TextEncoder();

  constructor(
    /** The Last-Event-ID the feed sent. */
    readonly lastEventId: number,
    signal?: AbortSignal,
  ) {
    this.body = new ReadableStream({
      start: (c) => {
        this.ctrl = c;
      },
      cancel: () => {
        this.closed = true;
      },
    });
    signal?.addEventListener('abort', () => this.fail());
  }

  /** Writes raw SSE text, as one network read. */
  write(text: string): void {
    if (!this.closed) this.ctrl.enqueue(this.encoder.encode(text));
  }

  event(e: { id: number; type: string }): void {
    this.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  }

  reset(lastId: number): void {
    this.write(`id: ${lastId}\nevent: reset\ndata: ${JSON.stringify({ lastId })}\n\n`);
  }

  heartbeat(): void {
    this.write(': hb\n\n');
  }

  /** The server ends the response (a restart, a proxy's timeout). */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.ctrl.close();
  }

  /** The connection breaks. */
  fail(): void {
    if (this.closed) return;
    this.closed = true;
    this.ctrl.error(new TypeError('connection reset'));
  }
}
