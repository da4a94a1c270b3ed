/** One-time, process-wide MapLibre setup: where its worker is, and the pmtiles:// protocol. */
import { addProtocol, setWorkerUrl } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
// MapLibre finds its worker next to its own module; once bundled, that file is not there. Vite copies
// the (self-contained, ES module) worker as an asset and gives its URL.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let done = false;

export function setupMaplibre(): void {
  if (done) return;
  done = true;
  setWorkerUrl(workerUrl);
  // City packs may ship their basemap as one PMTiles archive, served with HTTP range requests.
  const protocol = new Protocol({ metadata: true });
  addProtocol('pmtiles', protocol.tile);
}
