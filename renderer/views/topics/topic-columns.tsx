// The Topics table's columns: name first, health from Metadata, figures as they stream in.
import { createColumnHelper } from '@tanstack/react-table';
import type { TopicSummary } from '../../../shared/model';
import { Count } from '../../components/Figure';
import { exactBytes, humanBytes, humanCount, humanDuration } from '../../format';
import type { TopicFiguresAt } from '../../stores/topics';

export interface TopicRow extends TopicSummary {
  figures: TopicFiguresAt | undefined;
}

export function health(t: TopicSummary): { level: 'ok' | 'warn' | 'error'; text: string } {
  if (t.offline > 0) return { level: 'error', text: `${t.offline} offline` };
  if (t.underReplicated > 0) return { level: 'warn', text: `${t.underReplicated} under-replicated` };
  return { level: 'ok', text: 'healthy' };
}

const col = createColumnHelper<TopicRow>();
/** Forever (-1) sorts after every finite retention. */
const retentionOrder = (t: TopicRow) => (t.figures?.retentionMs === undefined ? -2 : t.figures.retentionMs < 0 ? Number.MAX_SAFE_INTEGER : t.figures.retentionMs);

export const topicColumns = [
  col.accessor('name', { header: 'Name', size: 320, meta: { filterable: true }, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  col.accessor('partitions', { header: 'Partitions', size: 100, meta: { numeric: true } }),
  col.accessor('replicationFactor', { header: 'Replication', size: 110, meta: { numeric: true } }),
  col.accessor((t) => t.figures?.records ?? -1, {
    id: 'records',
    header: 'Records',
    size: 110,
    meta: { numeric: true, copy: (t) => String(t.figures?.records ?? '') },
    cell: (c) => (c.row.original.figures?.error ? <span className="muted" title={c.row.original.figures.error.message}>—</span> : <Count value={c.row.original.figures?.records} />),
  }),
  col.accessor((t) => t.figures?.bytes ?? -1, {
    id: 'bytes',
    header: 'Size',
    size: 100,
    meta: { numeric: true, copy: (t) => String(t.figures?.bytes ?? '') },
    cell: (c) => {
      const f = c.row.original.figures;
      if (f?.bytes === undefined) return <span className="muted" title={f ? 'The brokers did not tell (DescribeLogDirs)' : undefined}>{f ? '—' : ''}</span>;
      const missing = f.bytesMissing?.length ? ` (brokers ${f.bytesMissing.join(', ')} did not answer: at least this)` : '';
      return <span className="num" title={`${exactBytes(f.bytes)} on disk over all replicas${missing}`}>{missing ? '≥ ' : ''}{humanBytes(f.bytes)}</span>;
    },
  }),
  col.accessor((t) => t.figures?.rate ?? -1, {
    id: 'rate',
    header: 'Produce rate',
    size: 120,
    meta: { numeric: true, copy: (t) => String(t.figures?.rate ?? '') },
    cell: (c) => {
      const rate = c.row.original.figures?.rate;
      if (rate === null || rate === undefined) return <span className="muted" title="Known from the second refresh on">—</span>;
      return <span className="num" title={`${rate.toFixed(2)} records/s since the last refresh`}>{humanCount(Math.round(rate))}/s</span>;
    },
  }),
  col.accessor((t) => t.figures?.retentionMs ?? null, {
    id: 'retention',
    header: 'Retention',
    size: 100,
    meta: { numeric: true, copy: (t) => String(t.figures?.retentionMs ?? '') },
    sortingFn: (a, b) => retentionOrder(a.original) - retentionOrder(b.original),
    cell: (c) => {
      const ms = c.row.original.figures?.retentionMs;
      return ms === undefined ? <span className="muted">…</span> : <span className="num" title={`retention.ms=${ms}`}>{humanDuration(ms)}</span>;
    },
  }),
  col.accessor((t) => t.figures?.cleanupPolicy ?? '', { id: 'cleanup', header: 'Cleanup', size: 110, cell: (c) => <span className="mono">{c.getValue()}</span> }),
  col.accessor((t) => health(t).level, {
    id: 'health',
    header: 'Health',
    size: 170,
    meta: { copy: (t) => health(t).text },
    sortingFn: (a, b) => ['ok', 'warn', 'error'].indexOf(health(a.original).level) - ['ok', 'warn', 'error'].indexOf(health(b.original).level),
    cell: (c) => {
      const h = health(c.row.original);
      return <span className={`health ${h.level}`}>{h.text}</span>;
    },
  }),
];
