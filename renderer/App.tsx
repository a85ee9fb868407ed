// The frame: the rail on the left, a top bar with the cluster and its state, the screen.
import { useEffect, useState } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { EmptyState } from './components/EmptyState';
import { Sidebar } from './components/Sidebar';
import { StatusDot } from './components/StatusDot';
import { useApp } from './stores/app';
import { useClusters } from './stores/clusters';
import { useReachability } from './stores/reachability';
import { useSandbox } from './stores/sandbox';
import { BrokersView } from './views/brokers/BrokersView';
import { ClustersView } from './views/clusters/ClustersView';
import { OverviewView } from './views/overview/OverviewView';
import { GroupsView } from './views/groups/GroupsView';
import { SandboxPanel } from './views/sandbox/SandboxPanel';
import { TopicsView } from './views/topics/TopicsView';
import { MessagesView } from './views/messages/MessagesView';
import { messagesTopic } from './routes';

const sectionTitles = { overview: 'Overview', brokers: 'Brokers', topics: 'Topics', groups: 'Consumer groups' } as const;

export function App() {
  const { screen, info, connection, dismissedNotices, dismissNotice, go, load } = useApp();
  const clusters = useClusters();
  const loadSandbox = useSandbox((s) => s.load);

  const [palette, setPalette] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPalette(true);
      }
    };
    const open = () => setPalette(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('brook:palette', open);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('brook:palette', open);
    };
  }, []);

  useEffect(() => {
    void load();
    void clusters.load();
    void loadSandbox();
  }, []);

  const notices = (info?.notices ?? []).filter((n) => !dismissedNotices.includes(n));
  const cluster = screen.kind === 'cluster' ? clusters.clusters.find((c) => c.id === screen.clusterId) : undefined;
  const messages = messagesTopic(screen);

  let body;
  if (screen.kind === 'clusters') body = <ClustersView />;
  else if (screen.kind === 'sandbox') body = <SandboxPanel />;
  // A reload onto a cluster's screen arrives before the list does: that is not a missing cluster.
  else if (!cluster && !clusters.loaded) body = <div className="muted loading" role="status">Loading clusters…</div>;
  else if (!cluster) {
    body = (
      <EmptyState title="This cluster is gone" actions={<button className="primary" onClick={() => go({ kind: 'clusters' })}>See all clusters</button>}>
        It was removed, perhaps in another window.
      </EmptyState>
    );
  } else {
    body = (
      <div className={`page${screen.section !== 'overview' ? ' wide' : ''}`} data-testid={`cluster-${screen.section}`}>
        <header className="page-header">
          <span className="badge big" style={{ background: cluster.color }} aria-hidden="true" />
          <h1>
            {cluster.name} <span className="crumb">/ {sectionTitles[screen.section]}{screen.topic !== undefined ? <> / <span className="mono">{screen.topic}</span>{messages !== undefined ? ' / Messages' : ''}</> : null}{screen.broker !== undefined ? <> / broker {screen.broker}</> : null}{screen.group !== undefined ? <> / <span className="mono">{screen.group}</span></> : null}</span>
          </h1>
          <span className="grow" />
          <ClusterState clusterId={cluster.id} sandbox={cluster.sandbox} />
          <span className="mono muted small">{cluster.bootstrapServers.join(', ')}</span>
        </header>
        {screen.section === 'overview' ? <OverviewView cluster={cluster} /> : null}
        {screen.section === 'brokers' ? <BrokersView cluster={cluster} /> : null}
        {screen.section === 'topics' && messages === undefined ? <TopicsView cluster={cluster} /> : null}
        {messages !== undefined ? <MessagesView cluster={cluster} topic={messages} /> : null}
        {screen.section === 'groups' ? <GroupsView cluster={cluster} /> : null}
      </div>
    );
  }

  return (
    <div className="frame">
      <Sidebar />
      <main className="main">
        {connection === 'lost' ? (
          <div className="banner error-banner" role="alert">
            Lost the connection to Brook's server. Reconnecting… If this lasts, check that <code>npm run serve</code> is still running; if it was restarted, open the new address it printed.
          </div>
        ) : null}
        {notices.map((notice) => (
          <div className="banner" role="status" key={notice} data-testid="notice">
            <span>{notice}</span>
            <button type="button" className="link" onClick={() => dismissNotice(notice)}>
              Dismiss
            </button>
          </div>
        ))}
        {body}
      </main>
      {palette ? <CommandPalette onClose={() => setPalette(false)} /> : null}
    </div>
  );
}

/** The top bar's state of the chosen cluster, the same as its dot in the rail. */
function ClusterState({ clusterId, sandbox }: { clusterId: string; sandbox: boolean }) {
  const { dot, label } = useReachability(clusterId, sandbox);
  return (
    <span className="state-pill" data-testid="cluster-state">
      <StatusDot state={dot} /> {label}
    </span>
  );
}
