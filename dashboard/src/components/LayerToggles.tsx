import { type Accessor, For, Show } from 'solid-js';
import type { DeskSettings } from '../data/settings';
import type { Lang, Messages } from '../i18n/messages';
import type { OverlayInfo } from '../map/types';

export function LayerToggles(props: {
  settings: Accessor<DeskSettings>;
  update: (p: Partial<DeskSettings>) => void;
  overlays: Accessor<OverlayInfo[]>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
  /** The hexes and choropleth switches too (default); the public map offers only the places. */
  base?: boolean;
}) {
  const toggleOverlay = (code: string, on: boolean) => {
    const set = new Set(props.settings().overlays);
    if (on) set.add(code);
    else set.delete(code);
    props.update({ overlays: [...set] });
  };
  return (
    <fieldset class="layers" data-testid="layer-toggles">
      <legend>{props.t().layers}</legend>
      <Show when={props.base !== false}>
        <label>
          <input
            type="checkbox"
            checked={props.settings().hexes}
            onChange={(e) => props.update({ hexes: e.currentTarget.checked })}
          />
          {props.t().hexes}
        </label>
        <label>
          <input
            type="checkbox"
            checked={props.settings().choropleth}
            onChange={(e) => props.update({ choropleth: e.currentTarget.checked })}
          />
          {props.t().choropleth}
        </label>
      </Show>
      <For each={props.overlays()}>
        {(o) => (
          <label>
            <input
              type="checkbox"
              data-overlay={o.code}
              checked={props.settings().overlays.includes(o.code)}
              onChange={(e) => toggleOverlay(o.code, e.currentTarget.checked)}
            />
            {props.lang() === 'vi' ? o.nameVi : o.nameEn}
            {o.simulated ? <em class="sim"> ({props.t().simulated})</em> : null}
          </label>
        )}
      </For>
    </fieldset>
  );
}
