/**
 * A per-area sparkline. Drawn as a tiny inline SVG path rather than one uPlot canvas per row:
 * 126 canvases on a wall screen for days would cost far more than 126 paths.
 */
export function sparklinePath(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map(
      (v, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`,
    )
    .join('');
}

export function Sparkline(props: { values: number[]; width?: number; height?: number }) {
  const w = () => props.width ?? 80;
  const h = () => props.height ?? 20;
  return (
    <svg class="spark" width={w()} height={h()} viewBox={`0 0 ${w()} ${h()}`} aria-hidden="true">
      <path d={sparklinePath(props.values, w(), h())} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}
