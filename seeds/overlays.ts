import { readFile } from 'node:fs/promises';
import type { FeatureCollection } from 'geojson';
import type { OverlayLayer } from '../core/overlayLayers';
import type { CityPack } from '../core/cityPack';
import { textIn } from './pack/manifest';
import { loadPackWithManifest } from './packs';

/**
 * The overlay layers a city pack's manifest names: static GeoJSON files as they are, and layers a
 * module of the pack's folder computes (`loadOverlays(pack)`). A pack without any has none.
 */
export async function loadCityOverlays(pack: CityPack): Promise<OverlayLayer[]> {
  const { manifest, dir } = await loadPackWithManifest(pack.code);
  const file = (name: string) => `seeds/${pack.code}/${name}`;
  const layers = await Promise.all(
    manifest.overlays.map(async (o): Promise<OverlayLayer[]> => {
      if (o.type === 'module') {
        const mod = (await import(new URL(o.module, dir).href)) as {
          loadOverlays?: (p: CityPack) => Promise<OverlayLayer[]>;
        };
        if (typeof mod.loadOverlays !== 'function') throw new Error(`${file(o.module)}: exports no loadOverlays(pack)`);
        return mod.loadOverlays(pack);
      }
      let fc: FeatureCollection;
      try {
        fc = JSON.parse(await readFile(new URL(o.file, dir), 'utf8')) as FeatureCollection;
      } catch (err) {
        throw new Error(`${file(o.file)}: ${(err as Error).message}`);
      }
      return [
        {
          code: o.code,
          kind: o.kind,
          nameVi: textIn(o.name, 'vi', manifest.languages),
          nameEn: textIn(o.name, 'en', manifest.languages),
          source: o.source,
          licence: o.licence,
          simulated: false,
          dataDate: o.dataDate,
          features: fc.features.map((f, i) => ({
            key: String(f.id ?? i),
            properties: { ...(f.properties ?? {}) },
            geometry: f.geometry,
          })),
        },
      ];
    }),
  );
  return layers.flat();
}
