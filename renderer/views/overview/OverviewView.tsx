import type { ClusterSummary } from '../../../shared/model';
import { ClusterGate } from './ClusterGate';

export function OverviewView({ cluster }: { cluster: ClusterSummary }) {
  return (
    <ClusterGate cluster={cluster}>
      {(info) => (
        <div className="tiles" data-testid="overview">
          <div className="tile">
            <div className="tile-label">Brokers</div>
            <div className="tile-value num">{info.brokers.length}</div>
          </div>
          <div className="tile">
            <div className="tile-label">Controller</div>
            <div className="tile-value num">{info.controller ?? '—'}</div>
          </div>
          <div className="tile wide">
            <div className="tile-label">Cluster id</div>
            <div className="tile-value mono small">{info.clusterId || '—'}</div>
          </div>
          <div className="tile wide">
            <div className="tile-label">Bootstrap servers</div>
            <div className="tile-value mono small">{cluster.bootstrapServers.join(', ')}</div>
          </div>
        </div>
      )}
    </ClusterGate>
  );
}
