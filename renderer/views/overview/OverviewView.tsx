// Overview: a cluster at a glance. Every figure is a way in: brokers open Brokers, partitions in
// trouble open Topics filtered to those topics, groups by state open Consumer groups. A broker that
// did not answer is named above the figures it left out.
import { useEffect } from 'react';
import type { ClusterOverview, ClusterSummary } from '../../../shared/model';
import { ErrorBox } from '../../components/ErrorBox';
import { Bytes, Count } from '../../components/Figure';
import type { Screen, TopicHealth } from '../../routes';
import { useApp } from '../../stores/app';
import { dataOf } from '../../stores/loadable';
import { useOverview } from '../../stores/overview';
import { ClusterGate } from './ClusterGate';
import { Tile } from './Tile';

export function OverviewView({ cluster }: { cluster: ClusterSummary }) {
  return <ClusterGate cluster={cluster}>{() => <Overview cluster={cluster} />}</ClusterGate>;
}

function Overview({ cluster }: { cluster: ClusterSummary }) {
  const entry = useOverview((s) => s.byCluster[cluster.id]);
  const load = useOverview((s) => s.load);
  useEffect(() => void load(cluster.id), [cluster.id, cluster.updatedAt, load]);
  const o = entry ? dataOf(entry) : undefined;
  return (
    <div className="overview" data-testid="overview">
      <div className="toolbar">
        <span className="muted small">{o ? `Cluster id ${o.clusterId || '—'}` : 'Reading the cluster…'}</span>
        <span className="grow" />
        <button type="button" onClick={() => void load(cluster.id)} disabled={entry?.state === 'loading'} data-testid="overview-refresh">
          {entry?.state === 'loading' && o ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {entry?.state === 'error' ? <ErrorBox error={entry.error} testId="overview-error" actions={<button type="button" onClick={() => void load(cluster.id)}>Try again</button>} /> : null}
      {o ? <Figures clusterId={cluster.id} o={o} /> : entry?.state !== 'error' ? <div className="muted loading" role="status">Reading brokers, topics and groups…</div> : null}
    </div>
  );
}

function Figures({ clusterId, o }: { clusterId: string; o: ClusterOverview }) {
  const go = useApp((s) => s.go);
  const to = (section: 'brokers' | 'topics' | 'groups', extra: Partial<Extract<Screen, { kind: 'cluster' }>> = {}) => () => go({ kind: 'cluster', clusterId, section, ...extra });
  const topics = (health: TopicHealth) => to('topics', { health });
  const states = Object.entries(o.groups?.byState ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const trouble = (n: number) => (n > 0 ? ('warn' as const) : ('ok' as const));
  return (
    <>
      {o.unanswered.length ? (
        <div className="warn-box" role="alert" data-testid="overview-unanswered">
          <div className="warn-title">{unansweredTitle(o)}</div>
          <ul>
            {o.unanswered.map((u) => (
              <li key={`${u.broker}-${u.request}`}>Broker {u.broker}: {u.request}: {u.message}</li>
            ))}
          </ul>
          <div className="muted small">The figures below leave out what these brokers would have told.</div>
        </div>
      ) : null}
      {o.problems.map((p) => (
        <div className="warn-box" role="alert" key={p.figure}>{p.figure}: {p.message}</div>
      ))}
      <h2 className="section-title">Cluster</h2>
      <div className="tiles">
        <Tile label="Brokers" onOpen={to('brokers')} testId="tile-brokers" sub={`${o.brokers.length === 1 ? 'node' : 'nodes'} ${o.brokers.map((b) => b.nodeId).join(', ')}`}>
          <Count value={o.brokers.length} />
        </Tile>
        <Tile label="Active controller" onOpen={o.controller !== null ? to('brokers', { broker: o.controller }) : undefined} testId="tile-controller"
          sub={o.controller === null ? 'unknown' : o.brokers.some((b) => b.nodeId === o.controller) ? 'a broker too' : 'a dedicated controller'}>
          <span className="num">{o.controller ?? '—'}</span>
        </Tile>
        <Tile label="Kafka" testId="tile-kafka" title={releaseTitle(o)} sub="from ApiVersions">
          {o.releases ? releaseText(o.releases) : '—'}
        </Tile>
        <Tile label="Size on disk" onOpen={to('brokers')} testId="tile-bytes" sub="over every replica">
          {o.bytes === null ? '—' : <Bytes value={o.bytes} />}
        </Tile>
      </div>
      <h2 className="section-title">Topics and partitions</h2>
      <div className="tiles">
        <Tile label="Topics" onOpen={to('topics')} testId="tile-topics" sub={`${o.internalTopics.toLocaleString()} internal`}>
          <Count value={o.topics} />
        </Tile>
        <Tile label="Partitions" onOpen={to('topics')} testId="tile-partitions" sub={`over ${o.brokers.length} broker${o.brokers.length === 1 ? '' : 's'}`}>
          <Count value={o.partitions} />
        </Tile>
        <Tile label="Under-replicated" level={trouble(o.underReplicated.partitions)} onOpen={topics('under-replicated')} testId="tile-under-replicated" sub={inTopics(o.underReplicated.topics)}>
          <Count value={o.underReplicated.partitions} />
        </Tile>
        <Tile label="Under min ISR" level={o.underMinIsr ? trouble(o.underMinIsr.partitions) : undefined} onOpen={topics('under-min-isr')} testId="tile-under-min-isr"
          sub={o.underMinIsr ? inTopics(o.underMinIsr.topics) : 'min.insync.replicas unread'} title="Partitions with fewer in-sync replicas than their topic's min.insync.replicas: writes with acks=all fail">
          {o.underMinIsr ? <Count value={o.underMinIsr.partitions} /> : '—'}
        </Tile>
        <Tile label="Offline" level={o.offline.partitions > 0 ? 'error' : 'ok'} onOpen={topics('offline')} testId="tile-offline" sub={inTopics(o.offline.topics)} title="Partitions without a leader: nobody can read or write them">
          <Count value={o.offline.partitions} />
        </Tile>
      </div>
      <h2 className="section-title">Consumer groups</h2>
      <div className="tiles">
        <Tile label="Groups" onOpen={to('groups')} testId="tile-groups" sub={o.groups ? 'listed by every broker' : 'no broker answered ListGroups'}>
          {o.groups ? <Count value={o.groups.total} /> : '—'}
        </Tile>
        {states.map(([state, n]) => (
          <Tile key={state} label={state} keepCase onOpen={to('groups', { groupState: state })} testId={`tile-group-state-${state}`} sub={n === 1 ? 'group' : 'groups'}>
            <Count value={n} />
          </Tile>
        ))}
      </div>
    </>
  );
}

const inTopics = (topics: string[]) => (topics.length === 0 ? 'none' : `in ${topics.length.toLocaleString()} topic${topics.length === 1 ? '' : 's'}`);

function releaseText(r: NonNullable<ClusterOverview['releases']>): string {
  const plus = (v: string) => (v === r.newestKnown ? `${v}+` : v);
  return r.lowest === r.highest ? plus(r.lowest) : `${r.lowest} – ${plus(r.highest)}`;
}

function releaseTitle(o: ClusterOverview): string {
  if (!o.releases) return 'No broker answered ApiVersions';
  return `The newest Kafka release whose request versions the brokers speak${o.releases.lowest !== o.releases.highest ? ' (they differ: an upgrade under way?)' : ''}. A broker at ${o.releases.newestKnown} may be newer.`;
}

function unansweredTitle(o: ClusterOverview): string {
  const brokers = [...new Set(o.unanswered.map((u) => u.broker))];
  return brokers.length === 1 ? `Broker ${brokers[0]} did not answer` : `Brokers ${brokers.join(', ')} did not answer`;
}
