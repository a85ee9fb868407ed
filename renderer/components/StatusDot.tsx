export type DotState = 'ok' | 'error' | 'unknown' | 'busy' | 'off';

const labels: Record<DotState, string> = { ok: 'reachable', error: 'unreachable', unknown: 'not tested', busy: 'working', off: 'stopped' };

export function StatusDot({ state, label }: { state: DotState; label?: string }) {
  return <span className={`dot dot-${state}`} role="img" aria-label={label ?? labels[state]} title={label ?? labels[state]} />;
}
