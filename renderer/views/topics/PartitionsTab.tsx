// A topic's partitions: leader, replicas, ISR with the replicas out of sync marked, offline, log
// start offset, high watermark, records, the leader's bytes on disk and the records' share as a
// skew bar. From here: add partitions, and delete records (with a preview of what goes).
import { useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import type { PurgeResult, TopicDetail } from '../../../shared/model';
import { ErrorBox } from '../../components/ErrorBox';
import { Bytes, Count } from '../../components/Figure';
import { DataTable } from '../../components/table/DataTable';
import { useTopics } from '../../stores/topics';
import { AddPartitionsDialog } from './AddPartitionsDialog';
import { PurgeDialog } from './PurgeDialog';
import type { TopicTabProps } from './topic-tabs';

type PartitionRow = TopicDetail['partitions'][number] & { records: number; share: number };

/** -1: the leader could not say (the partition is offline). */
const Offset = ({ value }: { value: number }) => (value < 0 ? <span className="muted" title="The partition has no leader to ask">—</span> : <Count value={value} />);

const col = createColumnHelper<PartitionRow>();
const columns = [
  col.accessor('partition', { header: 'Partition', size: 96, meta: { numeric: true } }),
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

const recordsOf = (p: TopicDetail['partitions'][number]) => (p.highWatermark >= 0 && p.logStartOffset >= 0 ? p.highWatermark - p.logStartOffset : 0);

/** What a purge did, where the table shows its outcome: the new log start offsets, and any partition Kafka refused. */
function Purged({ result }: { result: PurgeResult }) {
  const moved = result.partitions.filter((p) => p.deleted > 0);
  const refused = result.partitions.filter((p) => p.error);
  return (
    <div className={refused.length ? 'notice' : 'ok-box'} role="status" data-testid="purge-done">
      Deleted {result.deleted.toLocaleString()} record{result.deleted === 1 ? '' : 's'}
      {moved.length ? `: log start offset ${moved.slice(0, 4).map((p) => `${p.logStartOffset} → ${p.newLogStartOffset} on partition ${p.partition}`).join(', ')}${moved.length > 4 ? `, and ${moved.length - 4} more partitions` : ''}.` : '.'}
      {refused.map((p) => <div key={p.partition} className="field-error">Partition {p.partition}: {p.error}</div>)}
    </div>
  );
}

export function PartitionsTab({ clusterId, topic }: TopicTabProps) {
  const detail = useTopics((s) => s.byCluster[clusterId]?.details[topic]);
  const describe = useTopics((s) => s.describe);
  const refresh = useTopics((s) => s.refresh);
  const [dialog, setDialog] = useState<'add' | 'purge' | null>(null);
  const [purged, setPurged] = useState<PurgeResult | null>(null);
  const data = detail && detail.state !== 'idle' ? detail.data : undefined;
  const total = data?.partitions.reduce((n, p) => n + recordsOf(p), 0) ?? 0;
  const rows: PartitionRow[] = (data?.partitions ?? []).map((p) => {
    const records = recordsOf(p);
    return { ...p, records, share: total > 0 ? records / total : 0 };
  });
  // The list's partitions and records changed too.
  const done = () => {
    setDialog(null);
    void describe(clusterId, topic);
    void refresh(clusterId);
  };
  return (
    <>
      <div className="tab-tools">
        <button type="button" className="small-button" disabled={!data} onClick={() => setDialog('add')} data-testid="add-partitions">Add partitions…</button>
        <button type="button" className="small-button" disabled={!data || total === 0} onClick={() => setDialog('purge')} data-testid="purge-records"
          title={total === 0 ? 'The topic holds no records' : undefined}>
          Delete records…
        </button>
      </div>
      {purged ? <Purged result={purged} /> : null}
      {detail?.state === 'error' ? <ErrorBox error={detail.error} testId="topic-error" actions={<button type="button" onClick={() => void describe(clusterId, topic)}>Try again</button>} /> : null}
      {data ? <DataTable id="topic-partitions" data={rows} columns={columns} rowId={(p) => String(p.partition)} testId="partitions-table" /> : null}
      {dialog === 'add' && data ? <AddPartitionsDialog clusterId={clusterId} topic={topic} current={data.partitions.length} onClose={() => setDialog(null)} onAdded={done} /> : null}
      {dialog === 'purge' && data ? (
        <PurgeDialog clusterId={clusterId} detail={data} onClose={() => setDialog(null)} onPurged={(result) => {
          setPurged(result);
          done();
        }} />
      ) : null}
    </>
  );
}
