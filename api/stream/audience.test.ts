import { describe, expect, it } from 'vitest';
import type { EventPayloads, EventType, ReportSummary } from '../../core/events';
import type { EventRow } from '../../db/types';
import { encodeSse, isVisible, project } from './audience';

const at = new Date('2026-03-02T02:00:00Z');
const report: ReportSummary = {
  id: 41,
  publicId: 'HN-2026-000041',
  category: 'traffic_roads',
  severity: 'normal',
  status: 'accepted',
  title: 'Ổ gà "lớn" \\ {NULL}',
  lat: 21.0287,
  lng: 105.8524,
  h3r6: '86415cb47ffffff',
  h3r7: '87415cb43ffffff',
  h3r8: '88415cb431fffff',
  h3r9: '89415cb4303ffff',
  h3r10: '8a415cb43007fff',
  districtCode: '002',
  communeCode: '00070',
  agencyCode: 'SXD',
  createdAt: '2026-03-02T01:00:00.000Z',
  dueAt: '2026-03-02T09:00:00.000Z',
  pausedAt: null,
  reopenedCount: 0,
};

function row<T extends EventType>(id: number, type: T, payload: EventPayloads[T]): EventRow {
  return { id, at, type, reportId: 41, districtCode: '002', communeCode: '00070', payload };
}

/** The JSON each audience reads, byte for byte: key order included, since clients and caches see bytes. */
describe.each([
  {
    event: row(1, 'report.created', { report }),
    ops: { id: 1, type: 'report.created', at: at.toISOString(), report },
    public: null,
  },
  {
    event: row(2, 'report.accepted', { from: 'received', to: 'accepted', wasOverdue: true, note: 'ok', report }),
    ops: {
      id: 2,
      type: 'report.accepted',
      at: at.toISOString(),
      from: 'received',
      to: 'accepted',
      wasOverdue: true,
      note: 'ok',
      report,
    },
    public: null,
  },
  {
    event: row(3, 'report.overdue', { dueAt: '2026-03-02T09:00:00.000Z', report }),
    ops: { id: 3, type: 'report.overdue', at: at.toISOString(), dueAt: '2026-03-02T09:00:00.000Z', report },
    public: null,
  },
  {
    event: row(4, 'hotspot.flagged', {
      area: { code: '002', level: 'district' },
      reasons: [{ test: 'hot-cell', cells: [{ cell: '88415cb431fffff', open: 4, z: 3.1, p: 0.002, pattern: null }] }],
      trend: { cell: '88415cb431fffff', pattern: 'new' },
    }),
    ops: {
      id: 4,
      type: 'hotspot.flagged',
      at: at.toISOString(),
      area: { code: '002', level: 'district' },
      reasons: [{ test: 'hot-cell', cells: [{ cell: '88415cb431fffff', open: 4, z: 3.1, p: 0.002, pattern: null }] }],
      trend: { cell: '88415cb431fffff', pattern: 'new' },
    },
    public: {
      id: 4,
      type: 'hotspot.flagged',
      at: at.toISOString(),
      area: { code: '002', level: 'district' },
      tests: ['hot-cell'],
    },
  },
  {
    event: row(5, 'layer.updated', { layer: 'planning_zones', featureCount: 12 }),
    ops: { id: 5, type: 'layer.updated', at: at.toISOString(), layer: 'planning_zones', featureCount: 12 },
    public: { id: 5, type: 'layer.updated', at: at.toISOString(), layer: 'planning_zones', featureCount: 12 },
  },
])('$event.type', (c) => {
  it('reaches the operations centre whole', () => {
    expect(JSON.stringify(project(c.event, { kind: 'ops' }))).toBe(JSON.stringify(c.ops));
    expect(encodeSse(c.event, { kind: 'area', codes: ['002'] })).toBe(
      `id: ${c.event.id}\nevent: ${c.event.type}\ndata: ${JSON.stringify(c.ops)}\n\n`,
    );
  });

  it('reaches the press without text, contact, point or cell, and never one event per report', () => {
    expect(isVisible(c.event, { kind: 'public' })).toBe(c.public !== null);
    if (c.public === null) return;
    const json = JSON.stringify(project(c.event, { kind: 'public' }));
    expect(json).toBe(JSON.stringify(c.public));
    for (const secret of ['title', 'lat', 'lng', 'h3r', 'publicId', '"cell"', 'communeCode', 'createdAt']) {
      if (!c.event.type.startsWith('layer.')) expect(json).not.toContain(secret);
    }
  });
});

it('streams a report event stored without its report (hand-made bench rows) as its id, type and time', () => {
  const bare: EventRow = {
    id: 6,
    at,
    type: 'report.resolved',
    reportId: 41,
    districtCode: null,
    communeCode: null,
    payload: {},
  };
  const expected = JSON.stringify({ id: 6, type: 'report.resolved', at: at.toISOString() });
  expect(JSON.stringify(project(bare, { kind: 'public' }))).toBe(expected);
  expect(JSON.stringify(project(bare, { kind: 'ops' }))).toBe(expected);
});

describe('chat events', () => {
  const thread = {
    id: 7,
    reportId: 41,
    publicId: 'HN-2026-000041',
    subject: null,
    districtCode: '002',
    communeCode: '00070',
    agencyCode: 'SXD',
  };
  const message = {
    id: 3,
    threadId: 7,
    at: at.toISOString(),
    side: 'citizen' as const,
    author: null,
    text: 'Gọi tôi 0912345678',
    images: [],
  };
  const general = {
    ...thread,
    id: 8,
    reportId: null,
    publicId: null,
    subject: 'Hỏi về điện',
    districtCode: null,
    communeCode: null,
    agencyCode: null,
  };
  const onReport = [
    row(10, 'chat.message', { thread, message }),
    row(11, 'chat.read', { thread, side: 'staff', lastReadId: 3 }),
  ];
  const onGeneral: EventRow = {
    ...row(12, 'chat.message', { thread: general, message: { ...message, threadId: 8 } }),
    reportId: null,
    districtCode: null,
    communeCode: null,
  };

  it.each([
    [{ kind: 'ops' } as const, true, true],
    [{ kind: 'area', codes: ['002', '00070'] } as const, true, false],
    [{ kind: 'area', codes: ['00070'] } as const, true, false],
    [{ kind: 'area', codes: ['016'] } as const, false, false],
    [{ kind: 'agency', code: 'SXD' } as const, true, false],
    [{ kind: 'agency', code: 'SNN' } as const, false, false],
    [{ kind: 'public' } as const, false, false],
  ])('%j hears the report thread: %s, a general thread: %s', (audience, report, generalToo) => {
    for (const e of onReport) expect(isVisible(e, audience), e.type).toBe(report);
    expect(isVisible(onGeneral, audience)).toBe(generalToo);
  });

  it('reaches the staff whole (the text as written: they handle the report)', () => {
    expect(project(onReport[0]!, { kind: 'agency', code: 'SXD' })).toEqual({
      id: 10,
      type: 'chat.message',
      at: at.toISOString(),
      thread,
      message,
    });
  });
});

describe('an import batch (reports.imported)', () => {
  const imported = (payload: Partial<EventPayloads['reports.imported']>): EventRow => ({
    id: 9,
    at,
    type: 'reports.imported',
    reportId: null,
    districtCode: null,
    communeCode: null,
    payload: {
      source: 'nyc311',
      file: 'x.csv',
      added: 3,
      firstId: 1,
      lastId: 3,
      createdFrom: at.toISOString(),
      createdUntil: at.toISOString(),
      ...payload,
    },
  });
  const batch = imported({ areas: ['002', '00070'], agencies: ['SGTVT'] });

  it('reaches the chiefs and agencies whose reports it added, and the operations centre', () => {
    expect(isVisible(batch, { kind: 'ops' })).toBe(true);
    expect(isVisible(batch, { kind: 'area', codes: ['002', '00040'] })).toBe(true);
    expect(isVisible(batch, { kind: 'area', codes: ['00070'] })).toBe(true);
    expect(isVisible(batch, { kind: 'agency', code: 'SGTVT' })).toBe(true);
  });

  it('reaches no other chief or agency, and never the press', () => {
    expect(isVisible(batch, { kind: 'area', codes: ['003', '00100'] })).toBe(false);
    expect(isVisible(batch, { kind: 'agency', code: 'SXD' })).toBe(false);
    expect(isVisible(batch, { kind: 'public' })).toBe(false);
    // A batch logged before events named their areas reaches only the operations centre.
    const older = imported({});
    expect(isVisible(older, { kind: 'area', codes: ['002'] })).toBe(false);
    expect(isVisible(older, { kind: 'agency', code: 'SGTVT' })).toBe(false);
  });
});
