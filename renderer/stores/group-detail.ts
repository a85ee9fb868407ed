// The group open in the drawer: its description, its lag over the last hour from the lag history
// and, while it is open, the watch's live lag appended (bounded). A watch that says the group is
// gone marks it so the drawer can say so.
import { create } from 'zustand';
import type { GroupDetail, GroupLag } from '../../shared/model';
import type { BrookErrorShape } from '../../shared/errors';
import { invoke, watch } from '../api';
import { loadInto, type Loadable } from './loadable';

export interface LagPoint {
  at: number;
  lag: number;
  maxLag: number;
}

/** The chart's past: the last hour of history. */
export const HISTORY_MS = 3_600_000;
/** Live points kept beside the history: 2 hours at 5 s. */
const LIVE_POINTS = 1_440;

export interface OpenGroup {
  clusterId: string;
  groupId: string;
  /** Where its history starts (ms). */
  since: number;
  detail: Loadable<GroupDetail>;
  history: Loadable<LagPoint[]>;
  live: LagPoint[];
  /** The last tick of the watch. */
  lag?: GroupLag;
  gone: boolean;
  watchError: BrookErrorShape | null;
}

interface GroupDetailState {
  open: OpenGroup | null;
  /** Opens a group (describe, history, watch); the previous one's watch ends. */
  show(clusterId: string, groupId: string): void;
  close(): void;
  describe(): Promise<void>;
}

let unwatch: (() => void) | null = null;

export const useGroupDetail = create<GroupDetailState>((set, get) => {
  /** Changes the open group, if it is still the one meant. */
  const patch = (groupId: string, p: (g: OpenGroup) => Partial<OpenGroup>) =>
    set((s) => (s.open && s.open.groupId === groupId ? { open: { ...s.open, ...p(s.open) } } : {}));
  const onLag = (groupId: string, lag: GroupLag, at: number) =>
    patch(groupId, (g) => ({ lag, live: [...g.live, { at, lag: lag.lag, maxLag: lag.maxLag }].slice(-LIVE_POINTS) }));
  return {
    open: null,
    close: () => {
      unwatch?.();
      unwatch = null;
      set({ open: null });
    },
    show: (clusterId, groupId) => {
      get().close();
      const since = Date.now() - HISTORY_MS;
      set({ open: { clusterId, groupId, since, detail: { state: 'idle' }, history: { state: 'idle' }, live: [], gone: false, watchError: null } });
      void get().describe();
      void loadInto<LagPoint[]>(undefined, async () => (await invoke('groups:history', { id: clusterId, groupId, from: since })).points, (history) => patch(groupId, () => ({ history })));
      unwatch = watch('groups:watch', { clusterId, groups: [groupId] }, (u) => {
        if (u.gone.includes(groupId)) patch(groupId, () => ({ gone: true }));
        const lag = u.changed.find((g) => g.groupId === groupId);
        if (lag) onLag(groupId, lag, u.at);
      }, (error) => patch(groupId, () => ({ watchError: error })));
    },
    describe: async () => {
      const open = get().open;
      if (!open) return;
      const { clusterId, groupId } = open;
      await loadInto(open.detail, () => invoke('groups:describe', { id: clusterId, groupId }), (detail) => patch(groupId, () => ({ detail })));
    },
  };
});

