// A topic opened from the list: its partitions (leader, replicas, ISR with the replicas out of
// sync marked, offline, log start offset, high watermark, records and their share as a skew bar).
import { useEffect, useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import type { TopicDetail } from '../../../shared/model';
import { Drawer } from '../../components/Drawer';
import { ErrorBox } from '../../components/ErrorBox';
import { Count } from '../../components/Figure';
import { DataTable } from '../../components/table/DataTable';
import { useTopics } from '../../stores/topics';
import { DeleteTopicDialog } from './DeleteTopicDialog';

type PartitionRow = TopicDetail['partitions'][number] & { records: number; share: number };

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
  col.accessor('logStartOffset', { header: 'Log start', size: 90, meta: { numeric: true }, cell: (c) => <Count value={c.getValue()} /> }),
  col.accessor('highWatermark', { header: 'High watermark', size: 124, meta: { numeric: true }, cell: (c) => <Count value={c.getValue()} /> }),
  col.accessor('records', { header: 'Records', size: 90, meta: { numeric: true }, cell: (c) => <Count value={c.getValue()} /> }),
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
  const total = data?.partitions.reduce((n, p) => n + (p.highWatermark - p.logStartOffset), 0) ?? 0;
  const rows: PartitionRow[] = (data?.partitions ?? []).map((p) => {
    const records = p.highWatermark - p.logStartOffset;
    return { ...p, records, share: total > 0 ? records / total : 0 };
  });
  return (
    <Drawer title={<span className="mono">{topic}</span>} subtitle={data ? `${data.partitions.length} partitions, ${total.toLocaleString()} records` : 'Loading…'} onClose={onClose} testId="topic-drawer">
      {detail?.state === 'error' ? <ErrorBox error={detail.error} testId="topic-error" actions={<button type="button" onClick={() => void describe(clusterId, topic)}>Try again</button>} /> : null}
      {data ? <DataTable id="topic-partitions" data={rows} columns={columns} rowId={(p) => String(p.partition)} testId="partitions-table" /> : null}
      <div className="danger-zone">
        <button type="button" className="danger-text" onClick={() => setDeleting(true)} data-testid="delete-topic">
          Delete topic…
        </button>
      </div>
      {deleting ? <DeleteTopicDialog clusterId={clusterId} topic={topic} onClose={() => setDeleting(false)} onDeleted={onDeleted} /> : null}
    </Drawer>
  );
}
