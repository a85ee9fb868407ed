// A cluster's consumer groups for the list: the names and states from ListGroups at once, their
// figures streaming in, then their lag watched every 5 s. Rows are kept by index so an update
// replaces only the groups it names (one watch tick over 10,000 groups touches the few that moved),
// and each row keeps its last lags for the sparkline, bounded.
import { create } from 'zustand';
import type { GroupFigures, GroupLag, GroupLagUpdate, GroupListing } from '../../shared/model';
import type { BrookErrorShape } from '../../shared/errors';
import { invoke, stream, toErrorShape, watch } from '../api';
import type { Loadable } from './loadable';

/** Lags kept per group for its sparkline: 10 minutes at the watch's 5 s. */
export const SPARK_POINTS = 120;
/** The most groups one watch takes (the subscription's own limit). */
const WATCH_LIMIT = 10_000;

export interface GroupRow extends GroupListing {
  figures?: GroupFigures;
  live?: GroupLag;
  /** The last lags the watch reported, oldest first. */
  spark: number[];
  /** The watch said it no longer exists. */
  gone?: boolean;
}

export interface ClusterGroups {
  list: Loadable<{ missing: string[] }>;
  rows: GroupRow[];
  progress: { done: number; total: number } | null;
  watchError: BrookErrorShape | null;
}

interface GroupListState {
  byCluster: Record<string, ClusterGroups>;
  refresh(clusterId: string): Promise<void>;
  stop(clusterId: string): void;
}

const empty: ClusterGroups = { list: { state: 'idle' }, rows: [], progress: null, watchError: null };
const running = new Map<string, Array<() => void>>();
const indexes = new Map<string, Map<string, number>>();

export const useGroupList = create<GroupListState>((set, get) => {
  const patch = (clusterId: string, p: (c: ClusterGroups) => Partial<ClusterGroups>) =>
    set((s) => {
      const current = s.byCluster[clusterId] ?? empty;
      return { byCluster: { ...s.byCluster, [clusterId]: { ...current, ...p(current) } } };
    });
  /** Replaces the rows of the named groups only; the array is new, the other rows are the same objects. */
  const update = <T>(clusterId: string, items: readonly T[], id: (item: T) => string, change: (row: GroupRow, item: T) => GroupRow) =>
    patch(clusterId, (c) => {
      const index = indexes.get(clusterId);
      if (!index) return {};
      const rows = c.rows.slice();
      for (const item of items) {
        const i = index.get(id(item));
        if (i !== undefined) rows[i] = change(rows[i]!, item);
      }
      return { rows };
    });
  const onLag = (clusterId: string, u: GroupLagUpdate) => {
    update(clusterId, u.changed, (g) => g.groupId, (row, live) => ({ ...row, live, state: live.state, spark: [...row.spark, live.lag].slice(-SPARK_POINTS) }));
    update(clusterId, u.gone, (g) => g, (row) => ({ ...row, gone: true, state: 'Dead' }));
  };
  return {
    byCluster: {},
    stop: (clusterId) => {
      for (const end of running.get(clusterId) ?? []) end();
      running.delete(clusterId);
    },
    refresh: async (clusterId) => {
      get().stop(clusterId);
      const stops: Array<() => void> = [];
      running.set(clusterId, stops);
      patch(clusterId, (c) => ({ list: { state: 'loading', ...(c.list.state !== 'idle' && c.list.data ? { data: c.list.data } : {}) } }));
      let groups: GroupListing[];
      try {
        const listed = await invoke('groups:list', { id: clusterId });
        groups = listed.groups;
        patch(clusterId, () => ({ list: { state: 'ok', data: { missing: listed.missing }, at: Date.now() } }));
      } catch (error) {
        patch(clusterId, (c) => ({ list: { state: 'error', error: toErrorShape(error), ...(c.list.state !== 'idle' && c.list.data ? { data: c.list.data } : {}) } }));
        return;
      }
      if (running.get(clusterId) !== stops) return;
      // What the last read knew stays in its row (the sparkline above all) until this read replaces it.
      const before = new Map((get().byCluster[clusterId]?.rows ?? []).map((r) => [r.groupId, r]));
      const rows = groups.map((g): GroupRow => {
        const last = before.get(g.groupId);
        return { ...g, spark: last?.spark ?? [], ...(last?.figures ? { figures: last.figures } : {}), ...(last?.live ? { live: last.live } : {}) };
      });
      indexes.set(clusterId, new Map(rows.map((r, i) => [r.groupId, i])));
      patch(clusterId, () => ({ rows, progress: groups.length ? { done: 0, total: groups.length } : null, watchError: null }));
      if (!groups.length) return;
      const names = groups.map((g) => g.groupId);
      stops.push(watch('groups:watch', { clusterId, groups: names.slice(0, WATCH_LIMIT) }, (u) => onLag(clusterId, u), (error) => patch(clusterId, () => ({ watchError: error }))));
      const figures = stream('groups:figures', { clusterId, groups: names }, {
        chunk: (batch) => update(clusterId, batch, (f) => f.groupId, (row, f) => ({ ...row, figures: f, ...(row.live ? {} : { state: f.state }) })),
        progress: (progress) => patch(clusterId, () => ({ progress })),
      });
      stops.push(figures.cancel);
      await figures.done.then(
        () => patch(clusterId, () => ({ progress: null })),
        (error) => toErrorShape(error).code !== 'CANCELLED' && patch(clusterId, () => ({ progress: null })),
      );
    },
  };
});
