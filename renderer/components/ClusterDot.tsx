import { useReachability } from '../stores/reachability';
import { StatusDot } from './StatusDot';

/** A cluster's status dot, the same wherever it is drawn. */
export function ClusterDot({ clusterId, sandbox }: { clusterId: string; sandbox: boolean }) {
  const { dot, label } = useReachability(clusterId, sandbox);
  return <StatusDot state={dot} label={label} />;
}
