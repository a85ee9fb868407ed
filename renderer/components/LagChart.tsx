// A group's lag over time with uPlot: the total lag and the greatest partition's lag, one point
// per reading. The plot is made once and given new data as points arrive; it follows its box's
// width and the theme's colours (read from the CSS variables, so dark mode draws in dark colours).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { exactCount, humanCount } from '../format';

export interface ChartPoint {
  at: number;
  lag: number;
  maxLag: number;
}

const HEIGHT = 170;

function colour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Whole-record steps for the lag axis (1, 2, 5, 10, 20 ...): never a tick at half a record. */
const wholeSteps = Array.from({ length: 13 }, (_, e) => [1, 2, 5].map((m) => m * 10 ** e)).flat();

function options(width: number): uPlot.Options {
  const grid = { stroke: colour('--border'), width: 1 };
  const axis = { stroke: colour('--muted'), grid, ticks: grid, font: '11px system-ui, sans-serif' };
  return {
    width,
    height: HEIGHT,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [axis, { ...axis, size: 54, incrs: wholeSteps, values: (_u, ticks) => ticks.map((t) => humanCount(Math.round(t))) }],
    series: [
      {},
      { label: 'Lag', stroke: colour('--accent'), width: 2, fill: `color-mix(in srgb, ${colour('--accent')} 12%, transparent)`, value: (_u, v) => (v === null ? '—' : exactCount(v)) },
      { label: 'Max partition lag', stroke: colour('--warn'), width: 1.5, dash: [4, 3], value: (_u, v) => (v === null ? '—' : exactCount(v)) },
    ],
  };
}

/** The points between two empty ends, at `from` and now: the axis spans the window however few points there are (one alone would span years). */
function toData(points: readonly ChartPoint[], from: number): uPlot.AlignedData {
  const now = Math.max(Date.now(), points.at(-1)?.at ?? 0);
  const ends = (f: (p: ChartPoint) => number) => [null, ...points.map(f), null];
  return [[Math.min(from, points[0]?.at ?? from) / 1000, ...points.map((p) => p.at / 1000), now / 1000], ends((p) => p.lag), ends((p) => p.maxLag)];
}

/** `from`: where the time axis starts (ms), whatever the first point. */
export function LagChart({ points, from, testId = 'lag-chart' }: { points: readonly ChartPoint[]; from: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(points);
  latest.current = points;
  const start = useRef(from);
  start.current = from;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const make = () => {
      plot.current?.destroy();
      plot.current = new uPlot(options(Math.max(200, el.clientWidth)), toData(latest.current, start.current), el);
    };
    make();
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', make);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', make);
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => plot.current?.setData(toData(points, from)), [points, from]);

  return <div className="lag-chart" ref={box} data-testid={testId} data-points={points.length} />;
}
