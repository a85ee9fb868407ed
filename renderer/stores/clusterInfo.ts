// What the last contact with each cluster found: its id, controller and brokers (Overview, Brokers),
// or why it could not be reached. A describe and a Test connection of a saved cluster are the same
// contact, so both land here, and every dot and state pill reads reachability from this one place.
import { create } from 'zustand';
import type { BrookErrorShape, ErrorCode } from '../../shared/errors';
import type { ClusterInfo, TestResult } from '../../shared/model';
import { invoke, toErrorShape } from '../api';

export type Entry = { state: 'loading' } | { state: 'ok'; info: ClusterInfo; at: number } | { state: 'error'; error: BrookErrorShape };

interface ClusterInfoState {
  byId: Record<string, Entry>;
  /** Describes the cluster; a describe already under way is joined rather than repeated. */
  load(id: string): Promise<void>;
  /** Keeps what a Test connection of a saved cluster found. */
  record(id: string, result: TestResult): void;
  /** Drops what is known (the profile changed, so it no longer says anything). */
  forget(id: string): void;
}

const inFlight = new Map<string, Promise<void>>();

export const useClusterInfo = create<ClusterInfoState>((set, get) => {
  const put = (id: string, entry: Entry) => set({ byId: { ...get().byId, [id]: entry } });
  return {
    byId: {},
    load: (id) => {
      const running = inFlight.get(id);
      if (running) return running;
      put(id, { state: 'loading' });
      // An answer about settings that were forgotten meanwhile is dropped.
      const current = (entry: Entry) => {
        if (inFlight.get(id) === done) put(id, entry);
      };
      const done: Promise<void> = invoke('clusters:describe', { id })
        .then(
          (info) => current({ state: 'ok', info, at: Date.now() }),
          (error: unknown) => current({ state: 'error', error: toErrorShape(error) }),
        )
        .finally(() => {
          if (inFlight.get(id) === done) inFlight.delete(id);
        });
      inFlight.set(id, done);
      return done;
    },
    record: (id, result) => {
      if (result.ok && result.cluster) put(id, { state: 'ok', info: result.cluster, at: Date.now() });
      else if (result.error) put(id, { state: 'error', error: { ...result.error, code: result.error.code as ErrorCode } });
    },
    forget: (id) => {
      inFlight.delete(id);
      const { [id]: _gone, ...rest } = get().byId;
      set({ byId: rest });
    },
  };
});
