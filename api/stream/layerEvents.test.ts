import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../db/types';
import { type Audience, encodeSse, isVisible, project } from './audience';

const at = new Date('2026-03-02T02:00:00Z');
const layerEvent: EventRow = {
  id: 7,
  at,
  type: 'layer.readings',
  reportId: null,
  districtCode: null,
  communeCode: null,
  payload: {
    layer: 'environment_air_quality',
    at: at.toISOString(),
    readings: [{ featureId: 3, metric: 'pm25', value: 71.4 }],
  },
};
const reportEvent: EventRow = {
  ...layerEvent,
  id: 8,
  type: 'report.created',
  districtCode: '002',
  communeCode: '00070',
  payload: { report: { title: 'x' } },
};

describe('layer events on the stream', () => {
  it.each<Audience>([
    { kind: 'ops' },
    { kind: 'public' },
    { kind: 'area', codes: ['016'] },
    { kind: 'area', codes: ['00070'] },
    { kind: 'agency', code: 'SXD' },
  ])('reach every audience, with their readings: %j', (audience) => {
    expect(isVisible(layerEvent, audience)).toBe(true);
    expect(project(layerEvent, audience)).toMatchObject({
      id: 7,
      type: 'layer.readings',
      layer: 'environment_air_quality',
      readings: [{ metric: 'pm25', value: 71.4 }],
    });
    expect(encodeSse(layerEvent, audience)).toMatch(/^id: 7\nevent: layer.readings\ndata: \{.*\}\n\n$/);
  });

  it('leave report scoping as it was', () => {
    expect(isVisible(reportEvent, { kind: 'area', codes: ['016'] })).toBe(false);
    expect(isVisible(reportEvent, { kind: 'area', codes: ['002'] })).toBe(true);
    expect(project(reportEvent, { kind: 'public' })).not.toHaveProperty('report.title');
  });
});
