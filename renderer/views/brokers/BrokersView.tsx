// Brokers: every broker with the partitions it leads (and its share, as a bar), the replicas it
// holds, its bytes on disk and its Kafka release. A row opens the broker's configs and log
// directories in the drawer; the opened broker is in the address (#/cluster/ID/brokers/NODE).
import { useEffect, useMemo, useState } from 'react';
import type { ClusterSummary } from '../../../shared/model';
import { ErrorBox } from '../../components/ErrorBox';
import { DataTable } from '../../components/table/DataTable';
import { useApp } from '../../stores/app';
import { useBrokers } from '../../stores/brokers';
import { dataOf } from '../../stores/loadable';
import { ClusterGate } from '../overview/ClusterGate';
import { BrokerDrawer } from './BrokerDrawer';
import { brokerColumns, type BrokerRow } from './broker-columns';

export function BrokersView({ cluster }: { cluster: ClusterSummary }) {
  return <ClusterGate cluster={cluster}>{() => <Brokers cluster={cluster} />}</ClusterGate>;
}

function Brokers({ cluster }: { cluster: ClusterSummary }) {
  const entry = useBrokers((s) => s.lists[cluster.id]);
  const load = useBrokers((s) => s.load);
  const open = useApp((s) => (s.screen.kind === 'cluster' ? s.screen.broker : undefined));
  const go = useApp((s) => s.go);
  const setOpen = (broker: number | undefined) => go({ kind: 'cluster', clusterId: cluster.id, section: 'brokers', ...(broker !== undefined ? { broker } : {}) });
  const [filter, setFilter] = useState('');
  useEffect(() => void load(cluster.id), [cluster.id, cluster.updatedAt, load]);

  const list = entry ? dataOf(entry) : undefined;
  const rows = useMemo<BrokerRow[]>(() => (list?.brokers ?? []).map((b) => ({ ...b, share: list && list.ledPartitions > 0 ? b.leaders / list.ledPartitions : 0 })), [list]);
  const controllerElsewhere = list && list.controller !== null && !list.brokers.some((b) => b.controller);

  return (
    <div className={`with-drawer wide-drawer${open !== undefined ? ' drawer-open' : ''}`}>
      <div className="brokers" data-testid="brokers-view">
        <div className="toolbar">
          <input type="search" placeholder="Filter by host or rack" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter brokers" data-testid="broker-filter" />
          <span className="grow" />
          {controllerElsewhere ? <span className="muted small">Active controller: node {list.controller} (a dedicated controller, not a broker)</span> : null}
          <button type="button" onClick={() => void load(cluster.id)} disabled={entry?.state === 'loading'} data-testid="brokers-refresh">Refresh</button>
        </div>
        {entry?.state === 'error' ? <ErrorBox error={entry.error} testId="brokers-error" actions={<button type="button" onClick={() => void load(cluster.id)}>Try again</button>} /> : null}
        {list?.absent.map((a) => (
          <div className="warn-box" role="alert" key={a.broker} data-testid="broker-absent">{a.message}</div>
        ))}
        {list ? (
          <DataTable id="brokers" data={rows} columns={brokerColumns} rowId={(b) => String(b.nodeId)} filter={filter} onOpen={(b) => setOpen(b.nodeId)}
            openId={open !== undefined ? String(open) : undefined} empty={filter ? `No broker matches "${filter}"` : 'The cluster named no brokers'} testId="brokers-table" />
        ) : entry?.state !== 'error' ? (
          <div className="muted loading" role="status">Reading the brokers…</div>
        ) : null}
      </div>
      {open !== undefined ? <BrokerDrawer clusterId={cluster.id} broker={open} onClose={() => setOpen(undefined)} /> : null}
    </div>
  );
}
