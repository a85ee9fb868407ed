// A cluster's topics: the list from Metadata at once, then their figures streaming in (records,
// end offsets) and the produce rate from the change in end offsets between two refreshes. A
// refresh cancels the figures still streaming from the last one.
import { create } from 'zustand';
import type { TopicConfigs, TopicDetail, TopicFigures, TopicSummary } from '../../shared/model';
import { invoke, stream, toErrorShape } from '../api';
import type { Loadable } from './loadable';

export interface TopicFiguresAt extends TopicFigures {
  at: number;
  /** Records a second produced since the last refresh; null until there are two readings. */
  rate: number | null;
}

export interface ClusterTopics {
  list: Loadable<TopicSummary[]>;
  figures: Record<string, TopicFiguresAt>;
  progress: { done: number; total: number } | null;
  /** Topics opened in the drawer: their partitions. */
  details: Record<string, Loadable<TopicDetail>>;
  /** Topics whose Configs tab was opened: every config with its source. */
  configs: Record<string, Loadable<TopicConfigs>>;
}

interface TopicsState {
  byCluster: Record<string, ClusterTopics>;
  refresh(clusterId: string): Promise<void>;
  stop(clusterId: string): void;
  /** The names only (no figures), unless the list was read already: what the command palette offers. */
  loadNames(clusterId: string): Promise<void>;
  describe(clusterId: string, topic: string): Promise<void>;
  loadConfigs(clusterId: string, topic: string): Promise<void>;
  /** The configs as a change answered them (topics:alterConfigs reads them after). */
  putConfigs(clusterId: string, configs: TopicConfigs): void;
}

type Data<K extends 'details' | 'configs'> = ClusterTopics[K][string] extends Loadable<infer T> ? T : never;

const empty: ClusterTopics = { list: { state: 'idle' }, figures: {}, progress: null, details: {}, configs: {} };
const running = new Map<string, () => void>();

export const useTopics = create<TopicsState>((set, get) => {
  const patch = (clusterId: string, p: Partial<ClusterTopics> | ((c: ClusterTopics) => Partial<ClusterTopics>)) =>
    set((s) => {
      const current = s.byCluster[clusterId] ?? empty;
      return { byCluster: { ...s.byCluster, [clusterId]: { ...current, ...(typeof p === 'function' ? p(current) : p) } } };
    });
  /** Reads one topic's detail or configs into its Loadable, keeping the last data on screen meanwhile. */
  const load = async <K extends 'details' | 'configs'>(clusterId: string, topic: string, key: K, read: () => Promise<Data<K>>) => {
    const put = (value: Loadable<Data<K>>) => patch(clusterId, (c) => ({ [key]: { ...c[key], [topic]: value } }));
    const before = get().byCluster[clusterId]?.[key][topic] as Loadable<Data<K>> | undefined;
    put({ state: 'loading', ...(before?.state === 'ok' ? { data: before.data } : {}) });
    try {
      put({ state: 'ok', data: await read(), at: Date.now() });
    } catch (error) {
      put({ state: 'error', error: toErrorShape(error) });
    }
  };
  return {
    byCluster: {},
    stop: (clusterId) => {
      running.get(clusterId)?.();
      running.delete(clusterId);
    },
    loadNames: async (clusterId) => {
      if ((get().byCluster[clusterId]?.list.state ?? 'idle') !== 'idle') return;
      patch(clusterId, { list: { state: 'loading' } });
      try {
        patch(clusterId, { list: { state: 'ok', data: await invoke('topics:list', { id: clusterId }), at: Date.now() } });
      } catch (error) {
        patch(clusterId, { list: { state: 'error', error: toErrorShape(error) } });
      }
    },
    describe: (clusterId, topic) => load(clusterId, topic, 'details', () => invoke('topics:describe', { id: clusterId, topic })),
    loadConfigs: (clusterId, topic) => load(clusterId, topic, 'configs', () => invoke('topics:configs', { id: clusterId, topic })),
    putConfigs: (clusterId, configs) => patch(clusterId, (c) => ({ configs: { ...c.configs, [configs.topic]: { state: 'ok', data: configs, at: Date.now() } } })),
    refresh: async (clusterId) => {
      get().stop(clusterId);
      const previous = get().byCluster[clusterId]?.list;
      patch(clusterId, { list: { state: 'loading', ...(previous && previous.state !== 'idle' && previous.data ? { data: previous.data } : {}) } });
      let topics: TopicSummary[];
      try {
        topics = await invoke('topics:list', { id: clusterId });
      } catch (error) {
        patch(clusterId, (c) => ({ list: { state: 'error', error: toErrorShape(error), ...(c.list.state !== 'idle' && c.list.data ? { data: c.list.data } : {}) } }));
        return;
      }
      patch(clusterId, { list: { state: 'ok', data: topics, at: Date.now() }, progress: { done: 0, total: topics.length } });
      const figures = stream('topics:figures', { clusterId, topics: topics.map((t) => t.name) }, {
        chunk: (batch) => {
          const at = Date.now();
          patch(clusterId, (c) => {
            const next = { ...c.figures };
            for (const f of batch) {
              const before = c.figures[f.topic];
              const seconds = before ? (at - before.at) / 1000 : 0;
              next[f.topic] = { ...f, at, rate: before && seconds > 0 && !f.error ? Math.max(0, (f.endOffsets - before.endOffsets) / seconds) : null };
            }
            return { figures: next };
          });
        },
        progress: (progress) => patch(clusterId, { progress }),
      });
      running.set(clusterId, figures.cancel);
      await figures.done.then(
        () => patch(clusterId, { progress: null }),
        (error) => toErrorShape(error).code !== 'CANCELLED' && patch(clusterId, { progress: null }),
      );
      if (running.get(clusterId) === figures.cancel) running.delete(clusterId);
    },
  };
});
