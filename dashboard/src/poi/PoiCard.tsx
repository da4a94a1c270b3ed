/** The card of one point of interest: what the sources know of it, and whose data it is. */
import './poi.css';
import { type Accessor, Show } from 'solid-js';
import { POI_ATTRIBUTION } from '../../../core/poi';
import type { Lang, Messages } from '../i18n/messages';
import { categoryHasKinds, type PoiDetail, poiCategoryName, poiKindName, poiLinks, poiTitle } from './poiView';

export function PoiCard(props: {
  poi: Accessor<PoiDetail | null>;
  onClose: () => void;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  return (
    <Show when={props.poi()}>
      {(p) => {
        const links = () => poiLinks(p());
        return (
          <aside class="poi-card" data-testid="poi-card" aria-label={props.t().poiCard}>
            <button type="button" class="close" aria-label={props.t().close} onClick={() => props.onClose()}>
              ×
            </button>
            <h3 classList={{ unnamed: !p().name }}>{poiTitle(p(), props.lang())}</h3>
            <dl>
              <dt>{props.t().poiKind}</dt>
              <dd>
                {poiKindName(p().kind, props.lang())}
                <Show when={categoryHasKinds(p().category)}> · {poiCategoryName(p().category, props.lang())}</Show>
              </dd>
              <Show when={p().address}>
                <dt>{props.t().poiAddress}</dt>
                <dd>{p().address}</dd>
              </Show>
              <Show when={p().phone}>
                <dt>{props.t().poiPhone}</dt>
                <dd>
                  <a href={links().tel ?? undefined}>{p().phone}</a>
                </dd>
              </Show>
              <Show when={links().website}>
                {(href) => (
                  <>
                    <dt>{props.t().poiWebsite}</dt>
                    <dd>
                      {/* Only http(s) (core/poi.ts safeWebsite); a new tab that cannot reach back to this one. */}
                      <a href={href()} target="_blank" rel="noopener noreferrer external">
                        {href()}
                      </a>
                    </dd>
                  </>
                )}
              </Show>
            </dl>
            <p class="poi-attribution" data-testid="poi-attribution">
              {POI_ATTRIBUTION}
              <Show when={links().osm}>
                {(href) => (
                  <>
                    {' · '}
                    <a href={href()} target="_blank" rel="noopener noreferrer external">
                      {props.t().poiOnOsm}
                    </a>
                  </>
                )}
              </Show>
            </p>
          </aside>
        );
      }}
    </Show>
  );
}
