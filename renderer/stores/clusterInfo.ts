// Cluster id, controller and brokers of the chosen cluster (Overview, Brokers).
import { create } from 'zustand';
import type { BrookErrorShape } from '../../shared/errors';
import type { ClusterInfo } from '../../shared/model';
import { invoke, toErrorShape } from '../api';

type Entry = { state: 'loading' } | { state: 'ok'; info: ClusterInfo; at: number } | { state: 'error'; error: BrookErrorShape };

interface ClusterInfoState {
  byId: Record<string, Entry>;
  load(id: string): Promise<void>;
}

export const useClusterInfo = create<ClusterInfoState>((set, get) => ({
  byId: {},
  load: async (id) => {
    set({ byId: { ...get().byId, [id]: { state: 'loading' } } });
    try {
      const info = await invoke('clusters:describe', { id });
      set({ byId: { ...get().byId, [id]: { state: 'ok', info, at: Date.now() } } });
    } catch (error) {
      set({ byId: { ...get().byId, [id]: { state: 'error', error: toErrorShape(error) } } });
    }
  },
}));
