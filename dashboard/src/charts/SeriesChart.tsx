import { type Accessor, createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesPoint } from '../../../api/wire';
import { currentFormat, formatCompact, formatDay, formatHour } from '../i18n/format';
import type { Lang, Messages } from '../i18n/messages';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const SERIES_COLOURS = {
  received: '#0072B2',
  resolved: '#009E73',
  backlog: '#E69F00',
  overdue: '#D55E00',
} as const;

/** Room for a compact count such as "150,5 N" at the axis font, px. */
const AXIS_SIZE_PX = 52;

/** Received vs resolved per bucket (steps, left axis); open backlog and overdue (lines, right axis). */
export function SeriesChart(props: {
  series: Accessor<SeriesPoint[]>;
  version: Accessor<number>;
  t: Accessor<Messages>;
  lang: Accessor<Lang>;
  height?: number;
  dark?: boolean;
}) {
  let el!: HTMLDivElement;
  let plot: uPlot | null = null;
  const toData = (): uPlot.AlignedData => {
    const pts = props.series();
    return [
      pts.map((p) => Date.parse(p.t) / 1000),
      pts.map((p) => p.received),
      pts.map((p) => p.resolved),
      pts.map((p) => p.backlog),
      pts.map((p) => p.overdue ?? 0),
    ];
  };
  const compact = (n: number) => formatCompact(n, props.lang());
  const build = () => {
    plot?.destroy();
    const axis = props.dark ? '#cbd5e1' : '#334155';
    const grid = props.dark ? '#334155' : '#e2e8f0';
    plot = new uPlot(
      {
        width: el.clientWidth || 400,
        height: props.height ?? 180,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), currentFormat().timeZone),
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, backlog: {} },
        axes: [
          {
            stroke: axis,
            grid: { stroke: grid },
            // Dates and hours in the viewer's language, on the city's clock.
            values: (_u, splits, _ax, _space, incr) =>
              splits.map((s) =>
                incr >= 86_400 ? formatDay(s * 1000, props.lang()) : formatHour(s * 1000, props.lang()),
              ),
          },
          // Compact counts ("150 N", "150K"): a city-wide backlog runs to six digits, which a fixed
          // gutter cut to its last three.
          { stroke: axis, grid: { stroke: grid }, size: AXIS_SIZE_PX, values: (_u, splits) => splits.map(compact) },
          {
            scale: 'backlog',
            side: 1,
            stroke: SERIES_COLOURS.backlog,
            grid: { show: false },
            size: AXIS_SIZE_PX,
            values: (_u, splits) => splits.map(compact),
          },
        ],
        series: [
          {},
          {
            label: props.t().received,
            stroke: SERIES_COLOURS.received,
            width: 2,
            paths: uPlot.paths.stepped?.({ align: 1 }),
          },
          {
            label: props.t().resolved,
            stroke: SERIES_COLOURS.resolved,
            width: 2,
            paths: uPlot.paths.stepped?.({ align: 1 }),
          },
          { label: props.t().backlog, stroke: SERIES_COLOURS.backlog, width: 2, scale: 'backlog' },
          { label: props.t().overdue, stroke: SERIES_COLOURS.overdue, width: 2, dash: [6, 4], scale: 'backlog' },
        ],
      },
      toData(),
      el,
    );
  };
  onMount(() => {
    build();
    const ro = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: props.height ?? 180 }));
    ro.observe(el);
    onCleanup(() => {
      ro.disconnect();
      plot?.destroy();
    });
  });
  // Live events extend the series in place; uPlot redraws from the new arrays, no refetch.
  createEffect(() => {
    props.version();
    plot?.setData(toData());
  });
  // Labels follow the language.
  createEffect(() => {
    props.t();
    props.lang();
    if (plot) build();
  });
  return <div class="chart" ref={el} data-testid="series-chart" />;
}
