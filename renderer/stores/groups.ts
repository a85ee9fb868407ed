// Consumer groups: for now those that committed on a topic (the topic drawer's Consumers tab), by
// cluster and topic. The groups screen will add its list here.
import { create } from 'zustand';
import type { TopicConsumers } from '../../shared/model';
import { invoke, toErrorShape } from '../api';
import type { Loadable } from './loadable';

interface GroupsState {
  /** By cluster id, then topic. */
  consumersOf: Record<string, Record<string, Loadable<TopicConsumers>>>;
  loadConsumers(clusterId: string, topic: string): Promise<void>;
}

export const useGroups = create<GroupsState>((set, get) => {
  const put = (clusterId: string, topic: string, value: Loadable<TopicConsumers>) =>
    set((s) => ({ consumersOf: { ...s.consumersOf, [clusterId]: { ...s.consumersOf[clusterId], [topic]: value } } }));
  return {
    consumersOf: {},
    loadConsumers: async (clusterId, topic) => {
      const before = get().consumersOf[clusterId]?.[topic];
      const kept = before && before.state !== 'idle' && before.data ? { data: before.data } : {};
      put(clusterId, topic, { state: 'loading', ...kept });
      try {
        put(clusterId, topic, { state: 'ok', data: await invoke('topics:consumers', { id: clusterId, topic }), at: Date.now() });
      } catch (error) {
        put(clusterId, topic, { state: 'error', error: toErrorShape(error), ...kept });
      }
    },
  };
});
