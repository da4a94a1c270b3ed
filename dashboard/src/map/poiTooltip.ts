/** The tooltip of a point of interest: its name (or the unnamed label of its kind), kind and address. */
import type { Feature } from 'geojson';
import { isPoiKind } from '../../../core/poi';
import { poiKindName, poiTitle } from '../poi/poiView';
import type { Lang } from './text';
import { tooltipHtml } from './tooltip';

export function poiTooltip(f: Feature, lang: Lang): string | null {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  if (!isPoiKind(p.kind)) return null;
  const name = typeof p.name === 'string' && p.name ? p.name : null;
  const address = typeof p.address === 'string' && p.address ? p.address : null;
  return tooltipHtml(
    poiTitle({ name, kind: p.kind }, lang),
    [],
    [poiKindName(p.kind, lang), address].filter(Boolean).join(' · '),
  );
}
