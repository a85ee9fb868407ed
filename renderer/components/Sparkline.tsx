// A row's lag over its last points as a line: an SVG polyline, cheap enough for every row in view
// (a uPlot per row would be a canvas and a plot object per row).
import { memo } from 'react';

export const Sparkline = memo(function Sparkline({ values, width = 76, height = 18, title }: { values: readonly number[]; width?: number; height?: number; title?: string }) {
  if (!values.length) return <span className="muted small">…</span>;
  // One reading is a level line: the lag has not changed since the watch began.
  const shown = values.length === 1 ? [values[0]!, values[0]!] : values;
  // From the least to the greatest reading, so a change stands out; a level line sits low when zero, mid-height otherwise.
  const min = Math.min(...shown);
  const span = Math.max(...shown) - min;
  const y = (v: number) => (span ? height - 1 - ((v - min) / span) * (height - 2) : min ? height / 2 : height - 1);
  const step = width / (shown.length - 1);
  const points = shown.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title ?? 'lag over time'} data-points={values.length}>
      {title ? <title>{title}</title> : null}
      <polyline points={points} fill="none" />
    </svg>
  );
});
