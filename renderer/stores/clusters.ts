// Saved clusters, and what the last Test connection said about each (shown under its row; whether
// it could be reached is kept with every other contact in clusterInfo.ts).
import { create } from 'zustand';
import type { BrookErrorShape } from '../../shared/errors';
import type { ClusterDraft, ClusterSummary, TestResult } from '../../shared/model';
import { invoke, on, toErrorShape } from '../api';
import { useClusterInfo } from './clusterInfo';

interface ClustersState {
  clusters: ClusterSummary[];
  loaded: boolean;
  error: BrookErrorShape | null;
  tests: Record<string, TestResult | 'testing'>;
  load(): Promise<void>;
  save(draft: ClusterDraft): Promise<ClusterSummary>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<TestResult>;
  testDraft(draft: ClusterDraft): Promise<TestResult>;
}

export const useClusters = create<ClustersState>((set, get) => ({
  clusters: [],
  loaded: false,
  error: null,
  tests: {},
  load: async () => {
    try {
      const clusters = await invoke('clusters:list');
      set({ clusters, loaded: true, error: null });
      // Each dot says whether its cluster answers from the moment Brook opens, not after a Test.
      // The sandbox's comes from its broker's state, which Brook knows without asking.
      for (const c of clusters) if (!c.sandbox) void useClusterInfo.getState().load(c.id);
    } catch (error) {
      set({ error: toErrorShape(error), loaded: true });
    }
  },
  save: async (draft) => {
    const saved = await invoke('clusters:save', draft);
    const rest = get().clusters.filter((c) => c.id !== saved.id);
    const { [saved.id]: _stale, ...tests } = get().tests;
    set({ clusters: [...rest, saved].sort(byCreated), tests });
    useClusterInfo.getState().forget(saved.id);
    return saved;
  },
  remove: async (id) => {
    await invoke('clusters:remove', { id });
    set({ clusters: get().clusters.filter((c) => c.id !== id) });
    useClusterInfo.getState().forget(id);
  },
  test: async (id) => {
    set({ tests: { ...get().tests, [id]: 'testing' } });
    try {
      const result = await invoke('clusters:test', { id });
      set({ tests: { ...get().tests, [id]: result } });
      useClusterInfo.getState().record(id, result);
      return result;
    } catch (error) {
      const shape = toErrorShape(error);
      const result: TestResult = { ok: false, target: '', ms: 0, steps: [], error: shape };
      set({ tests: { ...get().tests, [id]: result } });
      return result;
    }
  },
  testDraft: (draft) => invoke('clusters:test', { draft }),
}));

function byCreated(a: ClusterSummary, b: ClusterSummary) {
  return a.createdAt.localeCompare(b.createdAt);
}

on('clusters:changed', (clusters) => useClusters.setState({ clusters: [...clusters].sort(byCreated), loaded: true }));
