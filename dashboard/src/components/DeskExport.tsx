import { type Accessor, createSignal } from 'solid-js';
import { type Bbox, reportExportUrl } from '../data/exportUrl';
import type { SnapshotQuery } from '../data/snapshotParts';
import type { Messages } from '../i18n/messages';
import { ExportMenu } from './ExportMenu';

/**
 * The desk's (and an area's) export: the reports of the filter on screen, as CSV or GeoJSON, and
 * optionally only those inside the map's view. The server holds it to the viewer's scope.
 */
export function DeskExport(props: { query: () => SnapshotQuery; bbox: Accessor<Bbox | null>; t: Accessor<Messages> }) {
  const [mapOnly, setMapOnly] = createSignal(false);
  const href = (format: 'csv' | 'geojson') => () =>
    reportExportUrl(format, props.query(), mapOnly() ? props.bbox() : null);
  return (
    <ExportMenu
      t={props.t}
      items={[
        { id: 'csv', label: () => props.t().exportCsv, href: href('csv') },
        { id: 'geojson', label: () => props.t().exportGeojson, href: href('geojson') },
      ]}
      extra={
        <label>
          <input
            type="checkbox"
            data-testid="export-map-only"
            checked={mapOnly()}
            disabled={props.bbox() === null}
            onChange={(e) => setMapOnly(e.currentTarget.checked)}
          />
          {props.t().exportMapOnly}
        </label>
      }
    />
  );
}
