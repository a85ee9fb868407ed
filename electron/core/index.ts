// Brook's backend in plain Node: builds the stores and managers, wires every domain's handlers
// into one registry, and fans push events out to whoever listens (IPC or WebSocket).
import type { EventName, EventPayload } from '../../shared/events';
import type { CoreOptions, Emit } from './context';
import { appHandlers } from './app/handlers';
import { clusterHandlers } from './clusters/handlers';
import { ClusterStore } from './clusters/store';
import { createRegistry, type Registry } from './registry';
import { sandboxHandlers } from './sandbox/handlers';
import { SandboxManager } from './sandbox/manager';

export type { CoreOptions, Platform, SecretBox } from './context';
export { createLogger } from './logger';
export { createKeyFileSecretBox } from './secrets';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  registry: Registry;
  /** Subscribe to push events; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  sandbox: SandboxManager;
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
  const registry = createRegistry(
    {
      ...appHandlers(options, () => [...store.notices]),
      ...clusterHandlers(store, emit, options.logger.child('clusters')),
      ...sandboxHandlers(sandbox, options.platform),
    },
    options.logger,
  );
  return {
    registry,
    sandbox,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      await sandbox.dispose();
      listeners.clear();
    },
  };
}
