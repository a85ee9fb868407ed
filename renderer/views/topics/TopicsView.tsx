// Topics: every topic of the cluster in one virtualized table. Names and health come first (one
// Metadata request), records and produce rates fill in as the figures stream arrives, and a
// refresh never freezes the screen. A row opens its partitions in the drawer.
import { useEffect, useMemo, useState } from 'react';
import type { ClusterSummary } from '../../../shared/model';
import { ErrorBox } from '../../components/ErrorBox';
import { ClusterGate } from '../overview/ClusterGate';
import { DataTable } from '../../components/table/DataTable';
import { dataOf } from '../../stores/loadable';
import { useApp } from '../../stores/app';
import { useOverview } from '../../stores/overview';
import { useTopics } from '../../stores/topics';
import { healthLabels, matchesHealth } from './health-filter';
import { topicColumns, type TopicRow } from './topic-columns';
import { CreateTopicDialog } from './CreateTopicDialog';
import { TopicDrawer } from './TopicDrawer';
import { tabOf } from './topic-tabs';

export function TopicsView({ cluster }: { cluster: ClusterSummary }) {
  return <ClusterGate cluster={cluster}>{(info) => <TopicsTable cluster={cluster} brokers={info.brokers.length} />}</ClusterGate>;
}

function TopicsTable({ cluster, brokers }: { cluster: ClusterSummary; brokers: number }) {
  const entry = useTopics((s) => s.byCluster[cluster.id]);
  const refresh = useTopics((s) => s.refresh);
  const stop = useTopics((s) => s.stop);
  const [filter, setFilter] = useState('');
  const [internal, setInternal] = useState(false);
  // The opened topic and its tab are part of the address (#/cluster/ID/topics/NAME/TAB): a reload or a shared link reopens them.
  const open = useApp((s) => (s.screen.kind === 'cluster' ? s.screen.topic : undefined));
  const tab = useApp((s) => (s.screen.kind === 'cluster' ? s.screen.tab : undefined));
  const go = useApp((s) => s.go);
  // The list filtered by health (an Overview figure's link) stays filtered while a topic is open.
  const health = useApp((s) => (s.screen.kind === 'cluster' ? s.screen.health : undefined));
  const setOpen = (topic: string | undefined, tab?: string) =>
    go({ kind: 'cluster', clusterId: cluster.id, section: 'topics', ...(topic !== undefined ? { topic, ...(tab !== undefined ? { tab } : {}) } : {}), ...(health ? { health } : {}) });
  const overview = useOverview((s) => s.byCluster[cluster.id]);
  const loadOverview = useOverview((s) => s.load);
  const underMinIsr = useMemo(() => {
    const names = overview && overview.state !== 'idle' ? overview.data?.underMinIsr?.topics : undefined;
    return names ? new Set(names) : undefined;
  }, [overview]);
  useEffect(() => {
    if (health === 'under-min-isr' && !overview) void loadOverview(cluster.id);
  }, [health, overview, cluster.id, loadOverview]);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void refresh(cluster.id);
    return () => stop(cluster.id);
  }, [cluster.id, cluster.updatedAt, refresh, stop]);

  const topics = entry ? dataOf(entry.list) : undefined;
  const figures = entry?.figures;
  const rows = useMemo<TopicRow[]>(
    () => (topics ?? []).filter((t) => (health ? matchesHealth(t, health, underMinIsr) : internal || !t.internal)).map((t) => ({ ...t, figures: figures?.[t.name] })),
    [topics, figures, internal, health, underMinIsr],
  );
  const hidden = (topics?.length ?? 0) - (topics ?? []).filter((t) => !t.internal).length;
  const progress = entry?.progress;

  return (
    <div className={`with-drawer${open ? ' drawer-open' : ''}${open && tabOf(tab).wide ? ' drawer-wide' : ''}`}>
      <div className="topics" data-testid="topics-view">
        <div className="toolbar">
          <input type="search" placeholder="Filter by name" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter topics by name" data-testid="topic-filter" />
          <label className="check">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} data-testid="show-internal" />
            <span>Internal topics{hidden ? ` (${hidden})` : ''}</span>
          </label>
          {health ? (
            <span className="filter-chip" data-testid="health-filter">
              Only {healthLabels[health]} topics{health === 'under-min-isr' && !underMinIsr ? ' (reading min.insync.replicas…)' : ''}
              <button type="button" className="icon-button" aria-label="Show every topic" onClick={() => go({ kind: 'cluster', clusterId: cluster.id, section: 'topics', ...(open !== undefined ? { topic: open } : {}) })}>×</button>
            </span>
          ) : null}
          <span className="grow" />
          {progress ? (
            <span className="muted small" role="status" data-testid="figures-progress">
              Reading figures… {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
            </span>
          ) : null}
          <button type="button" onClick={() => void refresh(cluster.id)} disabled={entry?.list.state === 'loading'} data-testid="topics-refresh">
            Refresh
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="create-topic">
            Create topic
          </button>
        </div>
        {entry?.list.state === 'error' ? (
          <ErrorBox error={entry.list.error} testId="topics-error" actions={<button type="button" onClick={() => void refresh(cluster.id)}>Try again</button>} />
        ) : null}
        {topics ? (
          <DataTable id="topics" data={rows} columns={topicColumns} rowId={(t) => t.name} filter={filter} onOpen={(t) => setOpen(t.name, tab)} openId={open}
            empty={filter ? `No topic matches "${filter}"` : health ? `No topic is ${healthLabels[health]}` : 'This cluster has no topics yet'} testId="topics-table" />
        ) : entry?.list.state !== 'error' ? (
          <div className="muted">Loading topics…</div>
        ) : null}
      </div>
      {open ? (
        <TopicDrawer clusterId={cluster.id} topic={open} tab={tab} onTab={(next) => setOpen(open, next)} onClose={() => setOpen(undefined)} onDeleted={() => {
          setOpen(undefined);
          void refresh(cluster.id);
        }} />
      ) : null}
      {creating ? (
        <CreateTopicDialog clusterId={cluster.id} brokers={brokers} onClose={() => setCreating(false)} onCreated={(name) => {
          setCreating(false);
          setOpen(name);
          void refresh(cluster.id);
        }} />
      ) : null}
    </div>
  );
}
