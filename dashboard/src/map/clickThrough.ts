/**
 * A click on a layer that acts on nothing (an alert's translucent fill, an initiative's dot) goes to
 * what lies under it. Deck gives a click only to the topmost object; an alert over a whole district
 * would otherwise make every hex, area and place inside it unclickable for as long as it is active.
 */
import type { PickingInfo } from '@deck.gl/core';

/** How many objects under the pointer are looked through: the layers that draw over hexes, plus one. */
export const CLICK_THROUGH_DEPTH = 6;

type OnClick = (info: PickingInfo, event: unknown) => unknown;

/**
 * The first object under the pointer, below the one deck picked, whose layer acts on a click;
 * null when there is none. `beneath` is deck's pickMultipleObjects at the same point, top first.
 */
export function clickTarget(top: PickingInfo, beneath: readonly PickingInfo[]): PickingInfo | null {
  for (const info of beneath) {
    if (!info.layer || info.layer === top.layer || !info.object) continue;
    if (typeof info.layer.props.onClick === 'function') return info;
  }
  return null;
}

/** Gives the click to the object clickTarget finds, as deck would have had it been on top. */
export function clickThrough(top: PickingInfo, beneath: readonly PickingInfo[], event: unknown): void {
  const target = clickTarget(top, beneath);
  if (target) (target.layer!.props.onClick as OnClick)(target, event);
}
