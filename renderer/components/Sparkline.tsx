// A row's lag over its last points as a line: an SVG polyline, cheap enough for every row in view
// (a uPlot per row would be a canvas and a plot object per row).
import { memo } from 'react';

export const Sparkline = memo(function Sparkline({ values, width = 90, height = 18, title }: { values: readonly number[]; width?: number; height?: number; title?: string }) {
  if (values.length < 2) return <span className="muted small">{values.length ? '' : '…'}</span>;
  const max = Math.max(...values, 1);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title ?? 'lag over time'} data-points={values.length}>
      {title ? <title>{title}</title> : null}
      <polyline points={points} fill="none" />
    </svg>
  );
});
