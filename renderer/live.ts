// The renderer's side of streams and subscriptions (shared/session.ts): ids of its own, an ack
// after each chunk or update has been handled (so core never runs ahead of this page), cancel,
// and the end of everything in flight when the connection drops. Subscriptions start again when
// it comes back, since a watcher still wants its figures.
import type { BrookErrorShape } from '../shared/errors';
import type { ServerMessage } from '../shared/session';
import type {
  StreamChunk,
  StreamInput,
  StreamName,
  StreamProgress,
  StreamSummary,
  SubscriptionInput,
  SubscriptionName,
  SubscriptionUpdate,
} from '../shared/streams';
import { ApiError } from './api-error';

type ConnectionState = 'connecting' | 'open' | 'lost';

export interface LiveTransport {
  /** false when it could not be sent (the connection is down). */
  send(message: unknown): boolean;
  onMessage(listener: (message: unknown) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export interface StreamListeners<S extends StreamName> {
  chunk(chunk: StreamChunk<S>): void | Promise<void>;
  progress?(progress: StreamProgress<S>): void;
}

export interface RunningStream<S extends StreamName> {
  /** Settles with the summary, or rejects with an ApiError (CANCELLED after cancel()). */
  done: Promise<StreamSummary<S>>;
  cancel(): void;
}

interface StreamEntry {
  listeners: StreamListeners<StreamName>;
  resolve(summary: unknown): void;
  reject(error: ApiError): void;
}

interface WatchEntry {
  /** Started on the current connection. */
  started: boolean;
  name: SubscriptionName;
  input: unknown;
  listener(update: unknown): void;
  onError?(error: BrookErrorShape): void;
}

const connectionLost: BrookErrorShape = { code: 'CONNECTION_FAILED', message: "Lost the connection to Brook's server", hint: 'It reconnects by itself; run this again once it has.' };

export function createLiveClient(transport: LiveTransport) {
  let nextId = 1;
  const streams = new Map<number, StreamEntry>();
  const watches = new Map<number, WatchEntry>();

  transport.onMessage((raw) => {
    const m = raw as ServerMessage;
    if (m.type === 'stream:chunk') {
      const entry = streams.get(m.id);
      if (!entry) return;
      void Promise.resolve()
        .then(() => entry.listeners.chunk(m.chunk as never))
        .finally(() => streams.has(m.id) && transport.send({ type: 'stream:ack', id: m.id, count: 1 }));
    } else if (m.type === 'stream:progress') {
      streams.get(m.id)?.listeners.progress?.(m.progress as never);
    } else if (m.type === 'stream:end') {
      const entry = streams.get(m.id);
      streams.delete(m.id);
      if (m.result.ok) entry?.resolve(m.result.value);
      else entry?.reject(new ApiError(m.result.error));
    } else if (m.type === 'watch:update') {
      const entry = watches.get(m.id);
      if (!entry) return;
      try {
        entry.listener(m.update);
      } finally {
        transport.send({ type: 'watch:ack', id: m.id });
      }
    } else if (m.type === 'watch:end') {
      const entry = watches.get(m.id);
      watches.delete(m.id);
      entry?.onError?.(m.error);
    }
  });

  let connection: ConnectionState = 'connecting';
  /** Streams asked for before the first connection opened, started once it does. */
  const queued: Array<() => void> = [];
  const start = (id: number, w: WatchEntry) => {
    w.started = transport.send({ type: 'watch:start', id, name: w.name, input: w.input });
  };
  transport.onConnection((state) => {
    connection = state;
    if (state === 'open') for (const begin of queued.splice(0)) begin();
    if (state === 'lost') {
      for (const entry of streams.values()) entry.reject(new ApiError(connectionLost));
      streams.clear();
      for (const w of watches.values()) w.started = false;
    }
    if (state === 'open') for (const [id, w] of watches) if (!w.started) start(id, w);
  });

  function stream<S extends StreamName>(name: S, input: StreamInput<S>, listeners: StreamListeners<S>): RunningStream<S> {
    const id = nextId++;
    const done = new Promise<StreamSummary<S>>((resolve, reject) => {
      streams.set(id, { listeners: listeners as unknown as StreamListeners<StreamName>, resolve: resolve as (v: unknown) => void, reject });
    });
    const begin = () => {
      if (!streams.has(id)) return;
      if (transport.send({ type: 'stream:start', id, name, input })) return;
      streams.get(id)?.reject(new ApiError(connectionLost));
      streams.delete(id);
    };
    if (connection === 'connecting') queued.push(begin);
    else begin();
    const cancel = () => {
      if (transport.send({ type: 'stream:cancel', id })) return;
      streams.get(id)?.reject(new ApiError({ code: 'CANCELLED', message: 'Cancelled' }));
      streams.delete(id);
    };
    return { done, cancel };
  }

  function watch<N extends SubscriptionName>(
    name: N,
    input: SubscriptionInput<N>,
    listener: (update: SubscriptionUpdate<N>) => void,
    onError?: (error: BrookErrorShape) => void,
  ): () => void {
    const id = nextId++;
    const entry: WatchEntry = { started: false, name, input, listener: listener as (u: unknown) => void, ...(onError ? { onError } : {}) };
    watches.set(id, entry);
    start(id, entry);
    return () => {
      if (watches.delete(id)) transport.send({ type: 'watch:end', id });
    };
  }

  return { stream, watch };
}
