import type { ClusterSummary } from '../../../shared/model';
import { ClusterGate } from '../overview/ClusterGate';

export function BrokersView({ cluster }: { cluster: ClusterSummary }) {
  return (
    <ClusterGate cluster={cluster}>
      {(info) => (
        <table className="table" data-testid="brokers-table">
          <thead>
            <tr>
              <th className="num">Node id</th>
              <th>Host</th>
              <th className="num">Port</th>
              <th>Role</th>
            </tr>
          </thead>
          <tbody>
            {info.brokers.map((broker) => (
              <tr key={broker.nodeId}>
                <td className="num mono">{broker.nodeId}</td>
                <td className="mono">{broker.host}</td>
                <td className="num mono">{broker.port}</td>
                <td>{broker.nodeId === info.controller ? <span className="tag">controller</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ClusterGate>
  );
}
