import { Hono } from 'hono';
import type { AppDeps } from '../context';
import { buildNewReport } from '../domain/intake';
import { decideTransition } from '../domain/lifecycle';
import { NotFound, ValidationError } from '../errors';
import { listReportsQuery, newReportBody, transitionBody } from '../schemas';
import { validate } from '../validate';
import { areaNames, historyView, reportView } from '../views';

const PUBLIC_ID = /^[A-Z]{2,4}-\d{4}-\d{6,}$/;

function encodeCursor(c: { createdAt: Date; id: number }): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`).toString('base64url');
}

function decodeCursor(s: string): { createdAt: Date; id: number } {
  const [at, id] = Buffer.from(s, 'base64url').toString().split('|');
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || !/^\d+$/.test(id ?? '')) {
    throw new ValidationError('cursor: not a cursor this API issued', 'cursor');
  }
  return { createdAt, id: Number(id) };
}

export function reportRoutes(deps: AppDeps) {
  const { intake, batcher } = deps;
  const { reports, events } = deps.store;
  const names = areaNames(deps.pack);

  async function resolveId(param: string): Promise<number> {
    if (/^\d{1,15}$/.test(param)) return Number(param);
    if (PUBLIC_ID.test(param)) {
      const id = await reports.idByPublicId(param);
      if (id !== null) return id;
    }
    throw new NotFound(`Report ${param}`);
  }

  return new Hono()
    .post('/', validate('json', newReportBody), async (c) => {
      const item = buildNewReport(c.req.valid('json'), intake, deps.now(), 'web');
      const row = await batcher.submit(item);
      return c.json(reportView(row, names), 201, { Location: `/api/reports/${row.publicId}` });
    })
    .get('/', validate('query', listReportsQuery), async (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query');
      const page = await reports.list(filter, { limit, after: cursor ? decodeCursor(cursor) : undefined });
      return c.json({
        items: page.items.map((r) => reportView(r, names)),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      });
    })
    .get('/:id', async (c) => {
      const id = await resolveId(c.req.param('id'));
      const row = await reports.get(id);
      if (!row) throw new NotFound(`Report ${c.req.param('id')}`);
      const [contact, history] = await Promise.all([reports.contact(id), events.eventsOfReport(id)]);
      return c.json({ ...reportView(row, names, contact), history: history.map(historyView) });
    })
    .post('/:id/transitions', validate('json', transitionBody), async (c) => {
      const id = await resolveId(c.req.param('id'));
      const body = c.req.valid('json');
      if (body.duplicateOf !== undefined && !(await reports.get(body.duplicateOf))) {
        throw new ValidationError(`duplicateOf: report ${body.duplicateOf} does not exist`, 'duplicateOf');
      }
      const result = await reports.applyTransition(id, (current) =>
        decideTransition(current, { ...body, at: deps.now() }, deps.sla),
      );
      if (!result) throw new NotFound(`Report ${c.req.param('id')}`);
      return c.json({ ...reportView(result.report, names), eventId: result.eventId });
    });
}
