// A figure as every table and tile shows it: humanised, tabular, the exact value on hover.
import { exactBytes, exactCount, humanBytes, humanCount } from '../format';

export function Count({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="num muted">…</span>;
  return <span className="num" title={exactCount(value)}>{humanCount(value)}</span>;
}

export function Bytes({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="num muted">…</span>;
  return <span className="num" title={exactBytes(value)}>{humanBytes(value)}</span>;
}
