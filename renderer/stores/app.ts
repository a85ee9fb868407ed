// Navigation and app-wide facts: which screen, which cluster, the app info, the connection.
import { create } from 'zustand';
import type { AppInfo } from '../../shared/model';
import { invoke, onConnection, toErrorShape, type ConnectionState } from '../api';
import type { BrookErrorShape } from '../../shared/errors';

export type Section = 'overview' | 'brokers' | 'topics' | 'groups';
export type Screen = { kind: 'clusters'; edit?: string } | { kind: 'sandbox' } | { kind: 'cluster'; clusterId: string; section: Section };

interface AppState {
  screen: Screen;
  info: AppInfo | null;
  infoError: BrookErrorShape | null;
  connection: ConnectionState;
  dismissedNotices: string[];
  go(screen: Screen): void;
  load(): Promise<void>;
  dismissNotice(notice: string): void;
}

export const useApp = create<AppState>((set) => ({
  screen: { kind: 'clusters' },
  info: null,
  infoError: null,
  connection: 'connecting',
  dismissedNotices: [],
  go: (screen) => set({ screen }),
  load: async () => {
    try {
      set({ info: await invoke('app:info'), infoError: null });
    } catch (error) {
      set({ infoError: toErrorShape(error) });
    }
  },
  dismissNotice: (notice) => set((s) => ({ dismissedNotices: [...s.dismissedNotices, notice] })),
}));

onConnection((connection) => useApp.setState({ connection }));
