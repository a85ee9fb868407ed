// A topic opened from the list: its partitions (leader, replicas, ISR with the replicas out of
// sync marked, offline, log start offset, high watermark, records, the leader's bytes on disk and
// the records' share as a skew bar).
import { useEffect, useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import type { TopicDetail } from '../../../shared/model';
import { Drawer } from '../../components/Drawer';
import { ErrorBox } from '../../components/ErrorBox';
import { Bytes, Count } from '../../components/Figure';
import { DataTable } from '../../components/table/DataTable';
import { useTopics } from '../../stores/topics';
import { DeleteTopicDialog } from './DeleteTopicDialog';
import { TopicConsumers } from './TopicConsumers';

type PartitionRow = TopicDetail['partitions'][number] & { records: number; share: number };

/** -1: the leader could not say (the partition is offline). */
const Offset = ({ value }: { value: number }) => (value < 0 ? <span className="muted" title="The partition has no leader to ask">—</span> : <Count value={value} />);

const col = createColumnHelper<PartitionRow>();
const columns = [
  col.accessor('partition', { header: 'Partition', size: 84, meta: { numeric: true } }),
  col.accessor('leader', { header: 'Leader', size: 72, meta: { numeric: true }, cell: (c) => (c.getValue() < 0 ? <span className="health error">offline</span> : c.getValue()) }),
  col.accessor((p) => p.replicas.join(', '), { id: 'replicas', header: 'Replicas', size: 90 }),
  col.accessor((p) => p.isr.join(', '), {
    id: 'isr',
    header: 'In sync',
    size: 96,
    cell: (c) => {
      const p = c.row.original;
      const out = p.replicas.filter((r) => !p.isr.includes(r));
      return (
        <span>
          {p.isr.join(', ')}
          {out.length ? <span className="health warn" title="Replicas out of sync"> −{out.join(', ')}</span> : null}
        </span>
      );
    },
  }),
  col.accessor('logStartOffset', { header: 'Log start', size: 90, meta: { numeric: true }, cell: (c) => <Offset value={c.getValue()} /> }),
  col.accessor('highWatermark', { header: 'High watermark', size: 124, meta: { numeric: true }, cell: (c) => <Offset value={c.getValue()} /> }),
  col.accessor('records', { header: 'Records', size: 90, meta: { numeric: true }, cell: (c) => <Count value={c.getValue()} /> }),
  col.accessor((p) => p.bytes ?? -1, { id: 'bytes', header: 'Size', size: 90, meta: { numeric: true, copy: (p) => String(p.bytes ?? '') }, cell: (c) => <Bytes value={c.row.original.bytes} /> }),
  col.accessor('share', {
    header: 'Skew',
    size: 110,
    meta: { copy: (p) => `${(p.share * 100).toFixed(1)}%` },
    cell: (c) => <span className="bar" title={`${(c.getValue() * 100).toFixed(1)}% of the topic's records`}><span style={{ width: `${Math.round(c.getValue() * 100)}%` }} /></span>,
  }),
];

export function TopicDrawer({ clusterId, topic, onClose, onDeleted }: { clusterId: string; topic: string; onClose(): void; onDeleted(): void }) {
  const [deleting, setDeleting] = useState(false);
  const detail = useTopics((s) => s.byCluster[clusterId]?.details[topic]);
  const describe = useTopics((s) => s.describe);
  useEffect(() => void describe(clusterId, topic), [clusterId, topic, describe]);
  const data = detail && detail.state !== 'idle' ? detail.data : undefined;
  const recordsOf = (p: TopicDetail['partitions'][number]) => (p.highWatermark >= 0 && p.logStartOffset >= 0 ? p.highWatermark - p.logStartOffset : 0);
  const total = data?.partitions.reduce((n, p) => n + recordsOf(p), 0) ?? 0;
  const rows: PartitionRow[] = (data?.partitions ?? []).map((p) => {
    const records = recordsOf(p);
    return { ...p, records, share: total > 0 ? records / total : 0 };
  });
  return (
    <Drawer title={<span className="mono">{topic}</span>} subtitle={data ? `${data.partitions.length} partitions, ${total.toLocaleString()} records` : 'Loading…'} onClose={onClose} testId="topic-drawer">
      {detail?.state === 'error' ? <ErrorBox error={detail.error} testId="topic-error" actions={<button type="button" onClick={() => void describe(clusterId, topic)}>Try again</button>} /> : null}
      {data ? <DataTable id="topic-partitions" data={rows} columns={columns} rowId={(p) => String(p.partition)} testId="partitions-table" /> : null}
      <TopicConsumers clusterId={clusterId} topic={topic} />
      <div className="danger-zone">
        <button type="button" className="danger-text" onClick={() => setDeleting(true)} data-testid="delete-topic">
          Delete topic…
        </button>
      </div>
      {deleting ? <DeleteTopicDialog clusterId={clusterId} topic={topic} onClose={() => setDeleting(false)} onDeleted={onDeleted} /> : null}
    </Drawer>
  );
}
