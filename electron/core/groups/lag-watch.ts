// groups:watch (a subscription): each watch joins its cluster's lag monitor for its tick
// interval, so views watching the same cluster share one poll; the monitor stops with its last
// watch. Every tick's lags go to the history.
import type { GroupLagUpdate } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import type { LagHistory } from '../history/lag-history';
import type { LiveHandlers } from '../live/handlers';
import { LagMonitor } from './lag-monitor';

/** Two updates as one, for a caller still busy with an earlier one: the newer word on each group wins. */
export function mergeLagUpdates(kept: GroupLagUpdate, next: GroupLagUpdate): GroupLagUpdate {
  const gone = new Set([...kept.gone, ...next.gone]);
  const changed = new Map(kept.changed.map((g) => [g.groupId, g]));
  for (const g of next.changed) changed.set(g.groupId, g);
  return { at: next.at, changed: [...changed.values()].filter((g) => !gone.has(g.groupId)), gone: [...gone] };
}

export function lagWatchHandlers(pool: AdminPool, history: LagHistory): Pick<LiveHandlers['subscriptions'], 'groups:watch'> {
  const monitors = new Map<string, LagMonitor>();
  return {
    'groups:watch': async ({ clusterId, groups, intervalMs, stalledAfterMs }, ctx) => {
      if (ctx.signal.aborted) return;
      const key = `${clusterId}\u0000${intervalMs}`;
      let monitor = monitors.get(key);
      if (!monitor) {
        const created: LagMonitor = new LagMonitor(
          (fn) => pool.onWire(clusterId, 'reading consumer group lag', fn),
          intervalMs,
          () => monitors.get(key) === created && monitors.delete(key),
          (at, lags) => history.record(clusterId, at, lags),
        );
        monitors.set(key, created);
        monitor = created;
      }
      const end = monitor.add({ groups: new Set(groups), stalledAfterMs, update: (u) => ctx.update(u, mergeLagUpdates) });
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      end();
    },
  };
}
