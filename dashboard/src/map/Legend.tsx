/** Draws the legend sections computed by legendModel.ts. */
import { For, Show } from 'solid-js';
import type { LegendItem, LegendSection } from './legendModel';
import { mapText, type Lang } from './text';

function Swatch(props: { item: LegendItem }) {
  return (
    <span
      class={`cd-legend-swatch cd-legend-swatch--${props.item.shape}`}
      style={
        props.item.shape === 'outline' || props.item.shape === 'ring'
          ? { 'border-color': props.item.colour }
          : { background: props.item.colour }
      }
      aria-hidden="true"
    />
  );
}

export function Legend(props: { sections: LegendSection[]; lang: Lang }) {
  return (
    <section class="cd-legend" aria-label={mapText(props.lang).legend}>
      <For each={props.sections}>
        {(s) => (
          <div class="cd-legend-section" data-legend={s.id}>
            <Show when={s.title}>
              <div class="cd-legend-title">
                {s.title}
                <Show when={s.simulated}>
                  {' '}
                  <span class="cd-legend-sim">{mapText(props.lang).simulated}</span>
                </Show>
              </div>
            </Show>
            <Show when={s.ramp}>
              {(ramp) => (
                <div class="cd-legend-ramp">
                  <div
                    class="cd-legend-bar"
                    style={{ background: `linear-gradient(to right, ${ramp().colours.join(', ')})` }}
                  />
                  <div class="cd-legend-ends">
                    <span>{ramp().min}</span>
                    <span>{ramp().max}</span>
                  </div>
                </div>
              )}
            </Show>
            <For each={s.items}>
              {(item) => (
                <div class="cd-legend-item">
                  <Swatch item={item} />
                  <span>{item.label}</span>
                </div>
              )}
            </For>
            <Show when={s.source}>
              <div class="cd-legend-source">{s.source}</div>
            </Show>
          </div>
        )}
      </For>
    </section>
  );
}
