import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../core/initiatives';
import type { EventRow } from '../../db/types';
import { isVisible, project } from './audience';

const summary = (published: boolean): InitiativeSummary => ({
  id: 7,
  publicId: 'HN-SK-2026-000007',
  topic: 'transport',
  status: 'under_review',
  title: 'Gọi tôi 0912345678 về đèn tín hiệu',
  publicTitle: published ? 'Gọi tôi [đã ẩn] về đèn tín hiệu' : null,
  lat: 21.03,
  lng: 105.85,
  districtCode: '002',
  communeCode: '00070',
  supportCount: 3,
  createdAt: '2026-03-02T02:00:00.000Z',
  firstAnsweredAt: '2026-03-02T03:00:00.000Z',
  publishedAt: published ? '2026-03-02T04:00:00.000Z' : null,
});

const row = (type: string, published: boolean, extra: object = {}): EventRow => ({
  id: 41,
  at: new Date('2026-03-02T04:00:00Z'),
  type,
  reportId: null,
  districtCode: '002',
  communeCode: '00070',
  payload: { initiative: summary(published), ...extra },
});

describe('initiative events per audience', () => {
  const answer = { vi: 'Đang xem xét', en: null };
  it.each([
    ['initiative.submitted', false, false],
    ['initiative.moved', false, false],
    ['initiative.published', true, true],
    ['initiative.supported', true, true],
    ['initiative.moved', true, true],
  ])('%s (published: %s) reaches the public: %s', (type, published, visible) => {
    expect(isVisible(row(type, published, { from: 'submitted', to: 'under_review', answer }), { kind: 'public' })).toBe(
      visible,
    );
  });

  it('reaches the operations centre and the chiefs of its place, never an agency', () => {
    const e = row('initiative.submitted', false);
    expect(isVisible(e, { kind: 'ops' })).toBe(true);
    expect(isVisible(e, { kind: 'area', codes: ['002', '00070'] })).toBe(true);
    expect(isVisible(e, { kind: 'area', codes: ['016'] })).toBe(false);
    expect(isVisible(e, { kind: 'agency', code: 'dept_construction' })).toBe(false);
  });

  it('gives the public the scrubbed title and the answer, nothing of the staff summary', () => {
    const out = project(row('initiative.moved', true, { from: 'submitted', to: 'under_review', answer }), {
      kind: 'public',
    });
    expect(out).toEqual({
      id: 41,
      type: 'initiative.moved',
      at: '2026-03-02T04:00:00.000Z',
      from: 'submitted',
      to: 'under_review',
      answer,
      initiative: {
        publicId: 'HN-SK-2026-000007',
        topic: 'transport',
        status: 'under_review',
        title: 'Gọi tôi [đã ẩn] về đèn tín hiệu',
        // Its r8 cell, not the point given.
        cell: latLngToCell(21.03, 105.85, 8),
        districtCode: '002',
        communeCode: '00070',
        supportCount: 3,
        createdAt: '2026-03-02T02:00:00.000Z',
        publishedAt: '2026-03-02T04:00:00.000Z',
      },
    });
    expect(JSON.stringify(out)).not.toContain('0912345678');
  });
});
