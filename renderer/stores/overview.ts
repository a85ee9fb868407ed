// Each cluster's Overview figures (clusters:overview), kept while a refresh runs.
import { create } from 'zustand';
import type { ClusterOverview } from '../../shared/model';
import { invoke } from '../api';
import { loadInto, type Loadable } from './loadable';

interface OverviewState {
  byCluster: Record<string, Loadable<ClusterOverview>>;
  load(clusterId: string): Promise<void>;
}

export const useOverview = create<OverviewState>((set, get) => ({
  byCluster: {},
  load: (clusterId) =>
    loadInto(get().byCluster[clusterId], () => invoke('clusters:overview', { id: clusterId }), (next) => set((s) => ({ byCluster: { ...s.byCluster, [clusterId]: next } }))),
}));
