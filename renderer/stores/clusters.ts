// Saved clusters, and what the last Test connection said about each.
import { create } from 'zustand';
import type { BrookErrorShape } from '../../shared/errors';
import type { ClusterDraft, ClusterSummary, TestResult } from '../../shared/model';
import { invoke, on, toErrorShape } from '../api';

export type Health = 'unknown' | 'testing' | 'ok' | 'error';

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
      set({ clusters: await invoke('clusters:list'), loaded: true, error: null });
    } catch (error) {
      set({ error: toErrorShape(error), loaded: true });
    }
  },
  save: async (draft) => {
    const saved = await invoke('clusters:save', draft);
    const rest = get().clusters.filter((c) => c.id !== saved.id);
    const { [saved.id]: _stale, ...tests } = get().tests;
    set({ clusters: [...rest, saved].sort(byCreated), tests });
    return saved;
  },
  remove: async (id) => {
    await invoke('clusters:remove', { id });
    set({ clusters: get().clusters.filter((c) => c.id !== id) });
  },
  test: async (id) => {
    set({ tests: { ...get().tests, [id]: 'testing' } });
    try {
      const result = await invoke('clusters:test', { id });
      set({ tests: { ...get().tests, [id]: result } });
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

export function healthOf(test: TestResult | 'testing' | undefined): Health {
  if (!test) return 'unknown';
  if (test === 'testing') return 'testing';
  return test.ok ? 'ok' : 'error';
}

function byCreated(a: ClusterSummary, b: ClusterSummary) {
  return a.createdAt.localeCompare(b.createdAt);
}

on('clusters:changed', (clusters) => useClusters.setState({ clusters: [...clusters].sort(byCreated), loaded: true }));
