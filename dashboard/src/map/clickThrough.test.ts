import type { PickingInfo } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { clickTarget, clickThrough } from './clickThrough';

/** Just what clickTarget reads of a pick: its layer (with or without onClick) and its object. */
function pick(id: string, onClick: boolean, object: unknown = { id }): PickingInfo {
  const layer = { id, props: onClick ? { onClick: () => true } : {} };
  return { layer, object } as unknown as PickingInfo;
}

describe('clickTarget', () => {
  it('passes a click on an alert to the hex under it', () => {
    const alert = pick('alerts', false);
    const hex = pick('hexes', true);
    expect(clickTarget(alert, [alert, hex])).toBe(hex);
  });

  it('takes the topmost clickable object, skipping layers that act on nothing', () => {
    const alert = pick('alerts', false);
    const initiative = pick('initiatives', false);
    const poi = pick('amenity-schools', true);
    const hex = pick('hexes', true);
    expect(clickTarget(alert, [alert, initiative, poi, hex])).toBe(poi);
  });

  it('never hands the click back to the layer that already had it', () => {
    const poi = pick('amenity-schools', true);
    expect(clickTarget(poi, [poi])).toBeNull();
  });

  it('is null when nothing under the pointer acts on a click', () => {
    const alert = pick('alerts', false);
    expect(clickTarget(alert, [alert, pick('initiatives', false)])).toBeNull();
    expect(clickTarget(alert, [])).toBeNull();
  });

  it('skips a pick without an object (the background)', () => {
    const alert = pick('alerts', false);
    expect(clickTarget(alert, [alert, pick('hexes', true, null)])).toBeNull();
  });

  it("calls the found layer's onClick with its pick and the event", () => {
    const calls: unknown[][] = [];
    const hex = {
      layer: { id: 'hexes', props: { onClick: (...a: unknown[]) => calls.push(a) } },
      object: { cell: 'x' },
    };
    const alert = pick('alerts', false);
    const event = { type: 'click' };
    clickThrough(alert, [alert, hex as unknown as PickingInfo], event);
    expect(calls).toEqual([[hex, event]]);
    clickThrough(alert, [alert], event);
    expect(calls).toHaveLength(1);
  });
});
