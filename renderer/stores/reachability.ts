// One answer to "can this cluster be reached?" for the rail, the clusters table and the top bar, so
// they never disagree: the sandbox's broker state while it is not running, otherwise what the last
// contact found (clusterInfo.ts). Derived from the stores; it keeps no state of its own.
import type { SandboxState } from '../../shared/model';
import type { DotState } from '../components/StatusDot';
import { useClusterInfo, type Entry } from './clusterInfo';
import { useClusters } from './clusters';
import { useSandbox } from './sandbox';

export interface Reachability {
  dot: DotState;
  label: string;
}

export function sandboxDot(state: SandboxState | undefined): DotState {
  return state === 'running' ? 'ok' : state === 'failed' ? 'error' : state === 'starting' || state === 'stopping' || state === 'restarting' ? 'busy' : 'off';
}

export function reachabilityOf(sandbox: boolean, sandboxState: SandboxState | undefined, contact: Entry | undefined, testing: boolean): Reachability {
  if (sandbox && sandboxState !== 'running') return { dot: sandboxDot(sandboxState), label: sandboxState ?? 'stopped' };
  if (testing || contact?.state === 'loading') return { dot: 'busy', label: 'connecting' };
  if (contact?.state === 'ok') return { dot: 'ok', label: 'connected' };
  if (contact?.state === 'error') return { dot: 'error', label: 'unreachable' };
  return sandbox ? { dot: 'ok', label: 'running' } : { dot: 'unknown', label: 'not tested' };
}

export function useReachability(clusterId: string, sandbox: boolean): Reachability {
  const sandboxState = useSandbox((s) => s.status?.state);
  const contact = useClusterInfo((s) => s.byId[clusterId]);
  const testing = useClusters((s) => s.tests[clusterId] === 'testing');
  return reachabilityOf(sandbox, sandboxState, contact, testing);
}
