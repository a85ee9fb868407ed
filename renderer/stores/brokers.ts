// Each cluster's brokers (brokers:list) and the brokers opened in the drawer (brokers:describe).
import { create } from 'zustand';
import type { BrokerDetail, BrokersList } from '../../shared/model';
import { invoke } from '../api';
import { loadInto, type Loadable } from './loadable';

interface BrokersState {
  lists: Record<string, Loadable<BrokersList>>;
  /** By "clusterId/nodeId". */
  details: Record<string, Loadable<BrokerDetail>>;
  load(clusterId: string): Promise<void>;
  describe(clusterId: string, broker: number): Promise<void>;
}

export const detailKey = (clusterId: string, broker: number) => `${clusterId}/${broker}`;

export const useBrokers = create<BrokersState>((set, get) => ({
  lists: {},
  details: {},
  load: (clusterId) =>
    loadInto(get().lists[clusterId], () => invoke('brokers:list', { id: clusterId }), (next) => set((s) => ({ lists: { ...s.lists, [clusterId]: next } }))),
  describe: (clusterId, broker) => {
    const key = detailKey(clusterId, broker);
    return loadInto(get().details[key], () => invoke('brokers:describe', { id: clusterId, broker }), (next) => set((s) => ({ details: { ...s.details, [key]: next } })));
  },
}));
