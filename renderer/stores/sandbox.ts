// The local sandbox's status, pushed by core, and its actions.
import { create } from 'zustand';
import type { BrookErrorShape } from '../../shared/errors';
import type { SandboxStatus } from '../../shared/model';
import { invoke, on, toErrorShape } from '../api';

interface SandboxStore {
  status: SandboxStatus | null;
  error: BrookErrorShape | null;
  /** Which action is in flight, to disable buttons and show progress. */
  busy: 'start' | 'stop' | 'restart' | 'reset' | 'demo' | null;
  folderMessage: string | null;
  load(): Promise<void>;
  start(demo: boolean): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  reset(): Promise<void>;
  setDemo(enabled: boolean): Promise<void>;
  openDataFolder(): Promise<void>;
}

export const useSandbox = create<SandboxStore>((set) => {
  const run = async (busy: NonNullable<SandboxStore['busy']>, work: () => Promise<SandboxStatus>) => {
    set({ busy, error: null });
    try {
      set({ status: await work() });
    } catch (error) {
      set({ error: toErrorShape(error) });
    } finally {
      set({ busy: null });
    }
  };
  return {
    status: null,
    error: null,
    busy: null,
    folderMessage: null,
    load: async () => {
      try {
        set({ status: await invoke('sandbox:status') });
      } catch (error) {
        set({ error: toErrorShape(error) });
      }
    },
    start: (demo) => run('start', () => invoke('sandbox:start', { demo })),
    stop: () => run('stop', () => invoke('sandbox:stop')),
    restart: () => run('restart', () => invoke('sandbox:restart')),
    reset: () => run('reset', () => invoke('sandbox:reset', { confirm: true })),
    setDemo: (enabled) => run('demo', () => invoke('sandbox:demo', { enabled })),
    openDataFolder: async () => {
      try {
        const { opened, path } = await invoke('sandbox:openDataFolder');
        set({ folderMessage: opened ? `Opened ${path}` : `The data folder is ${path} on the machine that runs Brook.` });
      } catch (error) {
        set({ error: toErrorShape(error) });
      }
    },
  };
});

on('sandbox:status', (status) => useSandbox.setState({ status }));
