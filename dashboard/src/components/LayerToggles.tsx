import { type Accessor, For } from 'solid-js';
import type { DeskSettings } from '../data/settings';
import type { Lang, Messages } from '../i18n/messages';
import type { OverlayInfo } from '../map/types';

export function LayerToggles(props: {
  settings: Accessor<DeskSettings>;
  update: (p: Partial<DeskSettings>) => void;
  overlays: Accessor<OverlayInfo[]>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
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
