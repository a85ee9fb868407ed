// Brook's backend in plain Node: builds the stores and managers, wires every domain's handlers
// into one registry, and fans push events out to whoever listens (IPC or WebSocket).
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/events';
import type { CoreOptions, Emit } from './context';
import { appHandlers } from './app/handlers';
import { brokerHandlers } from './brokers/handlers';
import { clusterHandlers } from './clusters/handlers';
import { overviewHandlers } from './clusters/overview';
import { ClusterStore } from './clusters/store';
import { createRegistry, type Registry } from './registry';
import { sandboxHandlers } from './sandbox/handlers';
import { AdminPool } from './clusters/admin-pool';
import { Session } from './live/session';
import type { LiveHandlers } from './live/handlers';
import { topicFigureHandlers } from './topics/figures';
import { topicHandlers } from './topics/handlers';
import { topicChangeHandlers } from './topics/changes';
import { addPartitionsHandlers } from './topics/add-partitions';
import { topicConfigHandlers } from './topics/configs';
import { purgeHandlers } from './topics/purge';
import { LagHistory } from './history/lag-history';
import { groupChangeHandlers } from './groups/group-changes';
import { groupFigureHandlers } from './groups/group-figures';
import { groupHandlers } from './groups/handlers';
import { lagWatchHandlers } from './groups/lag-watch';
import { topicConsumerHandlers } from './groups/topic-consumers';
import { messageStreams, recordHandlers } from './messages/handlers';
import type { ServerMessage } from '../../shared/session';
import { SandboxManager } from './sandbox/manager';

export type { Caller, CoreOptions, Platform, SecretBox } from './context';
export { createLogger } from './logger';
export { createKeyFileSecretBox } from './secrets';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  registry: Registry;
  /** Subscribe to push events; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  sandbox: SandboxManager;
  /** Where messages:export writes and messages:import reads (serve mode downloads and uploads them). */
  exportsDir: string;
  /** A caller's streams and subscriptions (one per window or WebSocket); close it when the caller goes. */
  openSession(send: (message: ServerMessage) => void): Session;
  /** Streams and subscriptions running now, over every session. */
  live(): { sessions: number; streams: number; watches: number };
  /** Stop the sandbox cleanly and release everything. */
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const listeners = new Set<EventListener>();
  const emit: Emit = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        options.logger.warn(`event listener failed: ${(error as Error).message}`);
      }
    }
  };
  const store = new ClusterStore(options.userDataDir, options.secretBox, options.logger.child('clusters'));
  const sandbox = new SandboxManager({
    userDataDir: options.userDataDir,
    store,
    emit,
    logger: options.logger.child('sandbox'),
    ...(options.sandboxBasePort ? { basePort: options.sandboxBasePort } : {}),
    ...(options.brokerCli ? { brokerCli: options.brokerCli } : {}),
  });
  const pool = new AdminPool(store, options.logger.child('admin'));
  const history = new LagHistory(join(options.userDataDir, 'lag-history.sqlite'));
  listeners.add((event) => event === 'clusters:changed' && pool.refresh());
  const topics = topicFigureHandlers(pool);
  const exportsDir = join(options.userDataDir, 'exports');
  const live: LiveHandlers = { streams: { ...topics.streams, ...groupFigureHandlers(pool), ...messageStreams(pool, exportsDir) }, subscriptions: { ...topics.subscriptions, ...lagWatchHandlers(pool, history) } };
  const sessions = new Set<Session>();
  const registry = createRegistry(
    {
      ...appHandlers(options, () => [...store.notices, ...history.notices]),
      ...clusterHandlers(store, emit, options.logger.child('clusters')),
      ...sandboxHandlers(sandbox, options.platform),
      ...overviewHandlers(pool),
      ...brokerHandlers(pool),
      ...topicHandlers(pool),
      ...topicChangeHandlers(pool),
      ...addPartitionsHandlers(pool),
      ...purgeHandlers(pool),
      ...topicConfigHandlers(pool),
      ...topicConsumerHandlers(pool),
      ...groupHandlers(pool, history),
      ...groupChangeHandlers(pool),
      ...recordHandlers(pool),
    },
    options.logger,
  );
  return {
    registry,
    sandbox,
    exportsDir,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openSession(send) {
      const session: Session = new Session(live, send, options.logger.child('live'), () => sessions.delete(session));
      sessions.add(session);
      return session;
    },
    live() {
      let streams = 0;
      let watches = 0;
      for (const s of sessions) {
        streams += s.active.streams;
        watches += s.active.watches;
      }
      return { sessions: sessions.size, streams, watches };
    },
    async dispose() {
      for (const s of [...sessions]) s.close();
      await pool.close();
      history.close();
      await sandbox.dispose();
      listeners.clear();
    },
  };
}
