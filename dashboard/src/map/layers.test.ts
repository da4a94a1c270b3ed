/** The layer descriptors, checked without WebGL: ids, the fast H3 path, visibility toggles, triggers. */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { choroplethScale } from './areas';
import { hexScale } from './hexes';
import {
  PULSE_PLACEHOLDER,
  areaFillLayer,
  areaLineLayer,
  hexLayer,
  hotspotLayer,
  labelLayer,
  overlayLayer,
  pulseLayer,
} from './layers';
import type { HexDatum, OverlayInfo } from './types';

const hexes: HexDatum[] = [{ cell: '8841a9a0a7fffff', received: 3, open: 1, overdue: 0 }];
const fc: FeatureCollection = { type: 'FeatureCollection', features: [] };

describe('layers', () => {
  it('hexes: the instanced path, flat, pickable, hidden not removed', () => {
    const l = hexLayer({
      data: hexes,
      metric: 'open',
      scale: hexScale(hexes, 'open', 'dark'),
      visible: false,
      theme: 'dark',
    });
    expect(l.id).toBe('hexes');
    expect(l.props).toMatchObject({ highPrecision: false, extruded: false, pickable: true, visible: false });
    expect(l.props.data).toBe(hexes);
  });

  it('colour changes go through updateTriggers, data stays the same reference', () => {
    const s = hexScale(hexes, 'open', 'dark');
    const a = hexLayer({ data: hexes, metric: 'open', scale: s, visible: true, theme: 'dark' });
    const b = hexLayer({ data: hexes, metric: 'overdue', scale: s, visible: true, theme: 'dark' });
    expect(a.props.data).toBe(b.props.data);
    expect(a.props.updateTriggers.getFillColor).not.toEqual(b.props.updateTriggers.getFillColor);
  });

  it('hotspots: stroked, not filled; hidden when there are none', () => {
    const l = hotspotLayer({ cells: [], theme: 'light' });
    expect(l.props).toMatchObject({
      id: 'hotspots',
      filled: false,
      stroked: true,
      highPrecision: false,
      visible: false,
    });
    expect(hotspotLayer({ cells: ['8841a9a0a7fffff'], theme: 'light' }).props.visible).toBe(true);
  });

  it('areas: fill and lines are separate layers; the fill hides without shapes', () => {
    const fill = areaFillLayer({
      shapes: null,
      values: new Map(),
      scale: choroplethScale(new Map(), 'light'),
      visible: true,
      theme: 'light',
    });
    expect(fill.props).toMatchObject({ id: 'areas', visible: false, pickable: true });
    expect(areaLineLayer({ shapes: fc, theme: 'dark', level: 'district' }).props).toMatchObject({
      id: 'area-lines',
      visible: true,
      filled: false,
    });
  });

  it('labels: auto character set (Vietnamese glyphs) and a Vietnamese-capable font stack', () => {
    const l = labelLayer({ id: 'labels-district', data: [], lang: 'vi', theme: 'dark', visible: true, sizePx: 16 });
    expect(l.props.characterSet).toBe('auto');
    expect(l.props.fontFamily).toMatch(/Noto Sans.*DejaVu Sans/);
  });

  it('pulses: re-evaluated per frame through triggers', () => {
    const l = pulseLayer({ data: [], now: 123, theme: 'dark' });
    expect(l.props).toMatchObject({ id: 'pulses', visible: true, radiusUnits: 'pixels' });
    // With no pulse showing it draws one transparent placeholder, so its shaders compile at load.
    expect(l.props.data).toBe(PULSE_PLACEHOLDER);
    const getLineColor = l.props.getLineColor as unknown as (d: unknown) => number[];
    const getFillColor = l.props.getFillColor as unknown as (d: unknown) => number[];
    expect(getLineColor(PULSE_PLACEHOLDER[0])[3]).toBe(0);
    expect(getFillColor(PULSE_PLACEHOLDER[0])[3]).toBe(0);
    expect(l.props.updateTriggers.getRadius).toBe(123);
  });

  it.each(['planning', 'environment', 'traffic', 'transit'] as const)('overlay of kind %s', (kind) => {
    const info: OverlayInfo = {
      code: `x-${kind}`,
      kind,
      nameVi: '',
      nameEn: '',
      source: '',
      licence: '',
      simulated: true,
    };
    const l = overlayLayer({ info, data: fc, visible: false, theme: 'light', lang: 'vi' });
    expect(l.id).toBe(`overlay-x-${kind}`);
    expect(l.props.visible).toBe(false);
    expect(l.props.data).toBe(fc);
  });
});
