import type { ClusterSummary } from '../../../shared/model';
import { EmptyState } from '../../components/EmptyState';
import { useApp } from '../../stores/app';

/** Topics and Consumer groups: screens that land with their own issues. */
export function NotYetView({ cluster, what }: { cluster: ClusterSummary; what: string }) {
  const go = useApp((s) => s.go);
  return (
    <EmptyState
      title={`${what} are not in this version of Brook yet`}
      actions={
        <button type="button" onClick={() => go({ kind: 'cluster', clusterId: cluster.id, section: 'brokers' })}>
          See the brokers
        </button>
      }
    >
      Meanwhile, Overview and Brokers show {cluster.name}.
    </EmptyState>
  );
}
