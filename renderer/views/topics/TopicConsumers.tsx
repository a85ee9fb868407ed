// A topic's consumers: the consumer groups that committed offsets on it, with their state, members
// and lag; a group opened shows its partitions (committed offset, high watermark, lag, the member
// assigned). Read on opening and on Refresh: lag is a reading at one moment, and says when.
import { useEffect, useState } from 'react';
import { createColumnHelper } from '@tanstack/react-table';
import type { GroupPartitionLag, TopicConsumerGroup } from '../../../shared/model';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBox } from '../../components/ErrorBox';
import { Count } from '../../components/Figure';
import { DataTable } from '../../components/table/DataTable';
import { absoluteTime, relativeTime } from '../../format';
import { formatRoute } from '../../routes';
import { useGroups } from '../../stores/groups';

/** Kafka's group states, by what they mean for the reader. */
const stateLevel: Record<string, 'ok' | 'warn' | 'error' | undefined> = { Stable: 'ok', PreparingRebalance: 'warn', CompletingRebalance: 'warn', Reconciling: 'warn', Assigning: 'warn', Dead: 'error' };

/** The empty group id is a group Kafka keeps (old clients commit under it). */
const groupName = (id: string) => (id === '' ? <span className="muted">(empty group id)</span> : <span className="mono ellipsis" title={id}>{id}</span>);

const none = (why: string) => <span className="muted" title={why}>—</span>;

const g = createColumnHelper<TopicConsumerGroup>();
const groupColumns = [
  g.accessor('groupId', { header: 'Group', size: 130, meta: { filterable: true }, cell: (c) => groupName(c.getValue()) }),
  g.accessor('state', { header: 'State', size: 100, cell: (c) => <span className={`health ${stateLevel[c.getValue()] ?? ''}`}>{c.getValue()}</span> }),
  g.accessor('lag', { header: 'Lag', size: 70, meta: { numeric: true }, cell: (c) => <Count value={c.getValue()} /> }),
  g.accessor((r) => r.members ?? -1, {
    id: 'members',
    header: 'Members',
    size: 84,
    meta: { numeric: true, copy: (r) => String(r.members ?? '') },
    cell: (c) => (c.row.original.members === null ? none(c.row.original.error ?? 'The coordinator did not say') : c.row.original.members),
  }),
  g.accessor((r) => r.partitions.length, { id: 'partitions', header: 'Partitions', size: 90, meta: { numeric: true } }),
];

const p = createColumnHelper<GroupPartitionLag>();
const partitionColumns = [
  p.accessor('partition', { header: 'Partition', size: 84, meta: { numeric: true } }),
  p.accessor((r) => r.committedOffset ?? -1, { id: 'committed', header: 'Committed', size: 96, meta: { numeric: true, copy: (r) => String(r.committedOffset ?? '') }, cell: (c) => (c.row.original.committedOffset === null ? none('No offset committed on this partition') : <Count value={c.row.original.committedOffset} />) }),
  p.accessor('highWatermark', { header: 'High watermark', size: 124, meta: { numeric: true }, cell: (c) => (c.getValue() < 0 ? none('The partition has no leader to ask') : <Count value={c.getValue()} />) }),
  p.accessor((r) => r.lag ?? -1, { id: 'lag', header: 'Lag', size: 70, meta: { numeric: true, copy: (r) => String(r.lag ?? '') }, cell: (c) => (c.row.original.lag === null ? none('Unknown: no committed offset or no high watermark') : <Count value={c.row.original.lag} />) }),
  p.accessor((r) => r.member?.clientId ?? '', { id: 'client', header: 'Client', size: 140, cell: (c) => (c.row.original.member ? <span className="mono ellipsis" title={c.row.original.member.memberId}>{c.getValue()}</span> : none('No member is assigned this partition')) }),
  p.accessor((r) => r.member?.host ?? '', { id: 'host', header: 'Host', size: 130, cell: (c) => <span className="mono ellipsis">{c.getValue()}</span> }),
];

export function TopicConsumers({ clusterId, topic }: { clusterId: string; topic: string }) {
  const consumers = useGroups((s) => s.consumersOf[clusterId]?.[topic]);
  const load = useGroups((s) => s.loadConsumers);
  const [opened, setOpened] = useState<string | undefined>(undefined);
  useEffect(() => void load(clusterId, topic), [clusterId, topic, load]);
  const data = consumers && consumers.state !== 'idle' ? consumers.data : undefined;
  const group = data?.groups.find((r) => r.groupId === opened);
  const refresh = (
    <button type="button" className="small-button" onClick={() => void load(clusterId, topic)} disabled={consumers?.state === 'loading'} data-testid="consumers-refresh">
      {consumers?.state === 'loading' ? 'Reading…' : 'Refresh'}
    </button>
  );
  return (
    <section className="topic-consumers" data-testid="topic-consumers">
      <div className="toolbar">
        <strong>Consumer groups</strong>
        <span className="muted small" title={consumers?.state === 'ok' ? `Read ${relativeTime(consumers.at)}, at ${absoluteTime(consumers.at)}` : undefined}>
          {data ? `${data.groups.length} with offsets here, lag ${data.groups.reduce((n, r) => n + r.lag, 0).toLocaleString()}` : 'Reading…'}
        </span>
        <span className="grow" />
        {refresh}
      </div>
      {consumers?.state === 'error' ? <ErrorBox error={consumers.error} testId="consumers-error" actions={refresh} /> : null}
      {data?.missing.length ? (
        <div className="notice" role="status" data-testid="consumers-missing">
          The list may be short: {data.missing.join('; ')}
        </div>
      ) : null}
      {data && data.groups.length === 0 ? (
        <EmptyState title="No consumer group has committed offsets on this topic" testId="consumers-empty">
          A group appears here once it commits an offset on one of the topic's partitions.
        </EmptyState>
      ) : null}
      {data && data.groups.length > 0 ? (
        <DataTable id="topic-consumers" data={data.groups} columns={groupColumns} rowId={(r) => r.groupId} openId={opened} onOpen={(r) => setOpened(r.groupId === opened ? undefined : r.groupId)} testId="consumers-table" />
      ) : null}
      {group ? (
        <div data-testid="consumer-partitions">
          <div className="toolbar">
            <strong>{groupName(group.groupId)}</strong>
            <span className="muted small">{group.error ?? `lag ${group.lag.toLocaleString()} over ${group.partitions.length} partitions`}</span>
            <span className="grow" />
            <a href={formatRoute({ kind: 'cluster', clusterId, section: 'groups' })} className="small">Consumer groups</a>
          </div>
          <DataTable id="topic-consumer-partitions" data={group.partitions} columns={partitionColumns} rowId={(r) => String(r.partition)} testId="consumer-partitions-table" />
        </div>
      ) : null}
    </section>
  );
}
