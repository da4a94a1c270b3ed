import { describe, expect, it } from 'vitest';
import type { AlertSummary, NewsSummary } from '../../../core/alerts';
import { AlertBoard } from './alerts';
import type { StreamEvent } from './liveFeed';

const T0 = Date.parse('2026-03-02T02:00:00Z');
const HOUR_MS = 3_600_000;

function alert(id: number, over: Partial<AlertSummary> = {}): AlertSummary {
  return {
    id,
    kind: 'flood',
    severity: 'warning',
    titleVi: `Cảnh báo ${id}`,
    titleEn: `Alert ${id}`,
    bodyVi: 'Nội dung',
    bodyEn: 'Text',
    areaCode: '002',
    geometry: null,
    areaCodes: ['002'],
    startsAt: new Date(T0).toISOString(),
    expiresAt: new Date(T0 + 2 * HOUR_MS).toISOString(),
    status: 'active',
    publishedAt: new Date(T0 + id).toISOString(),
    updatedAt: new Date(T0 + id).toISOString(),
    ...over,
  };
}

const ev = (id: number, type: string, body: Record<string, unknown>) =>
  ({ id, type, at: new Date(T0).toISOString(), ...body }) as unknown as StreamEvent;

describe('AlertBoard', () => {
  it('joins the snapshot to the stream: held events replayed, old ones ignored, changes applied', () => {
    const b = new AlertBoard();
    // Before the snapshot: held.
    expect(b.onEvents([ev(11, 'alert.published', { alert: alert(2, { severity: 'danger' }) })])).toBe(false);
    expect(b.inForce(T0)).toEqual([]);
    // The snapshot reflects events up to 10: alert 1; event 11 (alert 2) is newer, so replayed.
    b.alerts.loadSnapshot([alert(1)], 10);
    expect(b.inForce(T0).map((a) => a.id)).toEqual([2, 1]);
    // A replayed old event changes nothing.
    expect(b.onEvents([ev(9, 'alert.withdrawn', { alert: alert(1, { status: 'withdrawn' }), reason: null })])).toBe(
      false,
    );
    expect(b.banner(T0)?.id).toBe(2);
    expect(b.onEvents([ev(12, 'alert.withdrawn', { alert: alert(2, { status: 'withdrawn' }), reason: null })])).toBe(
      true,
    );
    expect(b.banner(T0)?.id).toBe(1);
    // An edit to danger makes it the banner; report events pass by.
    b.onEvents([
      ev(13, 'report.created', { report: {} }),
      ev(14, 'alert.updated', { alert: alert(1, { severity: 'danger' }), before: { severity: 'warning' } }),
    ]);
    expect(b.banner(T0)).toMatchObject({ id: 1, severity: 'danger' });
  });

  it('shows an alert in force only between its start and expiry, by the clock', () => {
    const b = new AlertBoard();
    const later = alert(3, { startsAt: new Date(T0 + HOUR_MS).toISOString() });
    b.alerts.loadSnapshot([alert(1), later], 5);
    expect(b.inForce(T0).map((a) => a.id)).toEqual([1]);
    expect(b.active(T0).map((a) => a.id)).toEqual([3, 1]);
    expect(b.inForce(T0 + 1.5 * HOUR_MS).map((a) => a.id)).toEqual([3, 1]);
    // Past expiry it is gone even before the server's alert.expired arrives.
    expect(b.inForce(T0 + 2 * HOUR_MS)).toEqual([]);
    expect(b.banner(T0 + 2 * HOUR_MS)).toBeNull();
  });

  it('lists published news newest first, a withdrawn one no longer', () => {
    const b = new AlertBoard();
    const news = (id: number, status: NewsSummary['status'] = 'published'): NewsSummary => ({
      id,
      titleVi: 'Tin',
      titleEn: 'News',
      bodyVi: '…',
      bodyEn: '…',
      status,
      publishedAt: new Date(T0 + id * 1000).toISOString(),
    });
    b.news.loadSnapshot([news(1)], 3);
    b.onEvents([ev(4, 'news.published', { news: news(2) })]);
    expect(b.publishedNews().map((n) => n.id)).toEqual([2, 1]);
    b.onEvents([ev(5, 'news.withdrawn', { news: news(1, 'withdrawn') })]);
    expect(b.publishedNews().map((n) => n.id)).toEqual([2]);
  });
});

it('keeps a change the stream brought while an older snapshot was on its way', () => {
  const b = new AlertBoard();
  b.alerts.loadSnapshot([alert(1)], 10);
  b.onEvents([ev(12, 'alert.withdrawn', { alert: alert(1, { status: 'withdrawn' }), reason: null })]);
  // A refetch that started before event 12 answers as of 11.
  b.alerts.loadSnapshot([alert(1)], 11);
  expect(b.inForce(T0)).toEqual([]);
});

it('shows an alert the server started a few seconds ahead of this screen, but none started later', () => {
  const b = new AlertBoard();
  b.alerts.loadSnapshot(
    [
      alert(1, { startsAt: new Date(T0 + 5_000).toISOString() }),
      alert(2, { startsAt: new Date(T0 + HOUR_MS).toISOString() }),
    ],
    1,
  );
  expect(b.inForce(T0).map((a) => a.id)).toEqual([1]);
});

it('keeps an alert up to its very expiry', () => {
  const b = new AlertBoard();
  b.alerts.loadSnapshot([alert(1)], 1);
  expect(b.inForce(T0 + 2 * HOUR_MS - 1_000).map((a) => a.id)).toEqual([1]);
});
