// The Brokers table's columns: who it is, what it leads and holds, its share of the leaders as a bar.
import { createColumnHelper } from '@tanstack/react-table';
import type { BrokerSummary } from '../../../shared/model';
import { Bytes, Count } from '../../components/Figure';

export interface BrokerRow extends BrokerSummary {
  /** Its share of the partitions that have a leader. */
  share: number;
}

const col = createColumnHelper<BrokerRow>();
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export const brokerColumns = [
  col.accessor('nodeId', {
    header: 'Node',
    size: 120,
    meta: { copy: (b) => String(b.nodeId) },
    cell: (c) => (
      <span>
        <span className="mono">{c.getValue()}</span>
        {c.row.original.controller ? <span className="tag" title="The active controller">controller</span> : null}
      </span>
    ),
  }),
  col.accessor((b) => `${b.host}:${b.port}`, { id: 'address', header: 'Host:port', size: 170, meta: { filterable: true }, cell: (c) => <span className="mono ellipsis" title={c.getValue()}>{c.getValue()}</span> }),
  col.accessor((b) => b.rack ?? '', { id: 'rack', header: 'Rack', size: 70, meta: { filterable: true }, cell: (c) => (c.getValue() ? <span className="mono">{c.getValue()}</span> : <span className="muted">—</span>) }),
  col.accessor('leaders', { header: 'Leads', size: 80, meta: { numeric: true }, cell: (c) => <Count value={c.getValue()} /> }),
  col.accessor('share', {
    header: 'Share',
    size: 150,
    meta: { copy: (b) => percent(b.share) },
    cell: (c) => (
      <span className="share" title={`Leads ${c.row.original.leaders.toLocaleString()} partitions: ${percent(c.getValue())} of those with a leader`}>
        <span className="bar"><span style={{ width: `${Math.round(c.getValue() * 100)}%` }} /></span>
        <span className="num small">{percent(c.getValue())}</span>
      </span>
    ),
  }),
  col.accessor('replicas', { header: 'Replicas', size: 90, meta: { numeric: true }, cell: (c) => <Count value={c.getValue()} /> }),
  col.accessor((b) => b.bytes ?? -1, {
    id: 'bytes',
    header: 'Size',
    size: 80,
    meta: { numeric: true, copy: (b) => String(b.bytes ?? '') },
    cell: (c) => (c.row.original.bytes === undefined ? <span className="muted" title="It did not describe its log directories">—</span> : <Bytes value={c.row.original.bytes} />),
  }),
  col.accessor((b) => b.release ?? '', { id: 'release', header: 'Kafka', size: 64, cell: (c) => <span title="The newest Kafka release whose request versions it speaks (ApiVersions)">{c.getValue() || '—'}</span> }),
  col.accessor((b) => b.error ?? '', {
    id: 'status',
    header: 'Status',
    size: 110,
    cell: (c) => (c.getValue() ? <span className="health warn ellipsis" title={c.getValue()}>did not answer: {c.getValue()}</span> : <span className="health ok">answering</span>),
  }),
];
