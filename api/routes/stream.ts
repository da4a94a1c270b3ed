import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { type AppEnv, viewerOf } from '../auth/middleware';
import type { AppDeps } from '../context';
import { AppError, ValidationError } from '../errors';
import { parseId, streamQuery } from '../schemas';
import { audienceOf } from '../stream/viewerAudience';
import { nodeSink, webStreamSink } from '../stream/sink';
import { validate } from '../validate';
import { describeRoute } from '../openapi/describe';

/**
 * No `Connection` header: a stream ends only when its connection closes, and Node then says
 * `Connection: close` itself for the close-delimited body below.
 */
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  // nginx would otherwise buffer the stream and deliver it in lumps.
  'X-Accel-Buffering': 'no',
  // Written past the app's middleware (below), so the one security header a stream needs is here.
  'X-Content-Type-Options': 'nosniff',
};

function lastEventId(header: string | undefined, query: number | undefined): number | undefined {
  if (header === undefined || header === '') return query;
  // "0" resumes from the start, as `?since=0` does; anything else must be an id (api/schemas.ts).
  const id = header === '0' ? 0 : parseId(header);
  if (id === null) throw new ValidationError('Last-Event-ID: must be an event id', 'Last-Event-ID');
  return id;
}

/**
 * GET /api/stream: the audience is the viewer's (api/stream/viewerAudience.ts). `?audience=public`
 * narrows a signed-in viewer to the press's stream; `?area=` is accepted from older clients and
 * ignored: neither can widen what a viewer hears.
 */
export function streamRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get(
    '/stream',
    describeRoute({
      summary: 'The live event stream (Server-Sent Events)',
      headers: { 'Last-Event-ID': 'Resume after this event id (0: from the start); wins over `?since=`' },
      tags: ['stream'],
      description:
        "`event:` the event type, `id:` the event id, `data:` JSON. Resume with the `Last-Event-ID` header (or `?since=`); a gap too old to replay gets a `reset` event (refetch the snapshot). A heartbeat comment every 15 s. What a viewer hears is decided by who it is: staff their scope's events, the public counts per window, delayed; `?audience=public` narrows a signed-in viewer to the public stream, nothing widens it.",
      responses: {
        200: { description: 'The stream', contentType: 'text/event-stream' },
        429: 'Too many streams from this client',
        503: 'Too many stream clients; retry later',
      },
    }),
    validate('query', streamQuery),
    async (c) => {
      const q = c.req.valid('query');
      const since = lastEventId(c.req.header('Last-Event-ID'), q.since);
      const audience = audienceOf(viewerOf(c), deps.pack, q.audience === 'public');
      if (!deps.hub.hasRoom()) throw new AppError(503, 'stream_full', 'Too many stream clients; retry later');
      // The Node adapter's binding (api/server.ts); absent under app.request() in tests.
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      if (outgoing) {
        // Written straight to the Node response: a web stream per client costs ~8× the memory.
        // The body is delimited by the connection's close (RFC 9112 §6.3), not chunked: a stream
        // never ends any other way, and each event is then one socket write per client instead
        // of a corked writev of length, CRLF, data and CRLF, which is what a broadcast spends
        // its time on (bench/fanout.ts).
        outgoing.useChunkedEncodingByDefault = false;
        outgoing.writeHead(200, SSE_HEADERS);
        outgoing.flushHeaders();
        outgoing.socket?.setNoDelay(true);
        const sink = nodeSink(outgoing);
        // Headers are out, so a failure from here on can only end the stream; the client resumes.
        void deps.hub.attach(sink, audience, since).catch(() => sink.destroy());
        // The press gets counts per window instead of report events (api/stream/publicWindows.ts).
        if (audience.kind === 'public') deps.privacy.windows.add(sink);
        return RESPONSE_ALREADY_SENT;
      }
      const { sink, stream } = webStreamSink();
      c.req.raw.signal?.addEventListener('abort', () => sink.destroy());
      void deps.hub.attach(sink, audience, since).catch(() => sink.destroy());
      if (audience.kind === 'public') deps.privacy.windows.add(sink);
      return new Response(stream, { headers: SSE_HEADERS });
    },
  );
}
