// Shared by the cluster screens: loads the cluster's description and shows the loading, error
// (with a next step) and stopped-sandbox states, so each screen only draws its data.
import { useEffect, type ReactNode } from 'react';
import type { ClusterInfo, ClusterSummary } from '../../../shared/model';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBox } from '../../components/ErrorBox';
import { useApp } from '../../stores/app';
import { useClusterInfo } from '../../stores/clusterInfo';
import { useSandbox } from '../../stores/sandbox';

export function ClusterGate({ cluster, children }: { cluster: ClusterSummary; children(info: ClusterInfo): ReactNode }) {
  const entry = useClusterInfo((s) => s.byId[cluster.id]);
  const load = useClusterInfo((s) => s.load);
  const sandbox = useSandbox();
  const go = useApp((s) => s.go);
  const sandboxDown = cluster.sandbox && sandbox.status?.state !== 'running';

  useEffect(() => {
    if (!sandboxDown) void load(cluster.id);
  }, [cluster.id, cluster.updatedAt, sandboxDown, load]);

  if (sandboxDown) {
    return (
      <EmptyState
        title="The local sandbox is not running"
        actions={
          <button type="button" className="primary" onClick={() => void sandbox.start(sandbox.status?.demo ?? false)} disabled={sandbox.busy !== null}>
            {sandbox.busy === 'start' ? 'Starting…' : 'Start local sandbox'}
          </button>
        }
      >
        Start it to look at its brokers, topics and consumer groups.
      </EmptyState>
    );
  }
  if (!entry || entry.state === 'loading') return <div className="muted loading" role="status">Connecting to {cluster.name}…</div>;
  if (entry.state === 'error') {
    return (
      <ErrorBox
        error={entry.error}
        actions={
          <>
            <button type="button" onClick={() => void load(cluster.id)}>Try again</button>
            <button type="button" onClick={() => go({ kind: 'clusters', edit: cluster.id })}>Edit the cluster</button>
          </>
        }
      />
    );
  }
  return <>{children(entry.info)}</>;
}
