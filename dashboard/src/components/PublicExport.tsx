import type { Accessor } from 'solid-js';
import { type ExportFormat, type PublicExportKind, publicExportUrl } from '../data/exportUrl';
import type { SnapshotQuery } from '../data/snapshotParts';
import type { Messages } from '../i18n/messages';
import { ExportMenu } from './ExportMenu';

/**
 * The public page's export: what the page shows, as a file — its hexes at the resolution drawn and
 * its areas at the level chosen, over its window and categories; the server's public aggregates
 * (delayed, small counts withheld), never reports.
 */
export function PublicExport(props: {
  query: () => SnapshotQuery;
  hexRes: Accessor<number>;
  level: Accessor<'district' | 'commune'>;
  t: Accessor<Messages>;
}) {
  const t = props.t;
  const item = (id: string, what: () => PublicExportKind, format: ExportFormat, label: () => string) => ({
    id,
    label: () => `${label()} · ${format === 'csv' ? t().exportCsv : t().exportGeojson}`,
    href: () => publicExportUrl(format, props.query(), what()),
  });
  const hexes = () => ({ kind: 'hexes', res: props.hexRes() }) as const;
  const areas = () => ({ kind: 'areas', level: props.level() }) as const;
  return (
    <ExportMenu
      t={t}
      items={[
        item('hexes-csv', hexes, 'csv', () => t().exportHexes),
        item('hexes-geojson', hexes, 'geojson', () => t().exportHexes),
        item('areas-csv', areas, 'csv', () => t().exportAreas),
        item('areas-geojson', areas, 'geojson', () => t().exportAreas),
      ]}
    />
  );
}
