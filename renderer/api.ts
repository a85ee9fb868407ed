// The only file that knows the transport: Electron's preload bridge (window.brook) when present,
// otherwise a WebSocket to the serve host with the token from the page's URL (or its cookie). Typed by the
// contract; the rest of the renderer calls invoke() and on() and never learns which is in use.
import type { Channel, ChannelInput, ChannelOutput } from '../shared/contract';
import type { BrookErrorShape } from '../shared/errors';
import type { EventName, EventPayload } from '../shared/events';
import type { BrookBridge, Result } from '../shared/result';
import { ApiError } from './api-error';
import { createLiveClient } from './live';

export { ApiError };

export type ConnectionState = 'connecting' | 'open' | 'lost';

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Stream and subscription messages (shared/session.ts); dropped while the connection is down. */
  send(message: unknown): boolean;
  onMessage(listener: (message: unknown) => void): () => void;
}

function bridgeTransport(bridge: BrookBridge): Transport {
  return {
    invoke: (channel, input) => bridge.invoke(channel, input),
    on: (event, listener) => bridge.on(event, listener),
    onConnection: (listener) => {
      listener('open');
      return () => undefined;
    },
    send: (message) => {
      bridge.send(message);
      return true;
    },
    onMessage: (listener) => bridge.onMessage(listener),
  };
}

/**
 * The serve token from the printed address, taken out of the address bar (where it would be
 * bookmarked, shared with the screen's link, or shown on a projector). By the time this runs the
 * page's response has set the cookie, which is what a reload or a bookmark then presents.
 */
function takeToken(): string | null {
  const address = new URL(location.href);
  const token = address.searchParams.get('token');
  if (token === null) return null;
  address.searchParams.delete('token');
  history.replaceState(history.state, '', address.pathname + address.search + address.hash);
  return token;
}

function socketTransport(): Transport {
  const token = takeToken();
  // Without a token in the address, the HttpOnly cookie (sent with the upgrade) is the credential.
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const messageListeners = new Set<(message: unknown) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket;
  let ready: Promise<void>;
  let nextId = 1;
  let retry = 0;

  const setState = (next: ConnectionState) => {
    state = next;
    for (const l of connectionListeners) l(next);
  };
  const lost = (): Result<never> => ({
    ok: false,
    error: { code: 'CONNECTION_FAILED', message: "Lost the connection to Brook's server", hint: 'Check that `npm run serve` is still running; if it was restarted, open the new address it printed.' },
  });

  const open = () => {
    socket = new WebSocket(url);
    ready = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('open', () => {
      retry = 0;
      setState('open');
    });
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as
        | { type: 'result'; id: number; result: Result<unknown> }
        | { type: 'event'; event: string; payload: unknown }
        | { type: string };
      if (data.type === 'result' && 'result' in data) {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      } else if (data.type === 'event' && 'event' in data) {
        for (const l of listeners.get(data.event) ?? []) l(data.payload);
      } else {
        for (const l of messageListeners) l(data);
      }
    });
    socket.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve(lost());
      pending.clear();
      setState('lost');
      retry = Math.min(retry + 1, 6);
      setTimeout(open, 250 * 2 ** retry);
    });
  };
  open();

  return {
    async invoke(channel, input) {
      if (state !== 'open') await Promise.race([ready, new Promise((r) => setTimeout(r, 5_000))]);
      if (socket.readyState !== WebSocket.OPEN) return lost();
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    send(message) {
      if (socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
  };
}

const bridge = (window as unknown as { brook?: BrookBridge }).brook;
const transport: Transport = bridge ? bridgeTransport(bridge) : socketTransport();
const live = createLiveClient(transport);

/** Starts a stream (shared/streams.ts): chunks and progress reach the listeners; `done` settles with the summary. */
export const stream = live.stream;
/** Watches something (shared/streams.ts subscriptions) until the returned function is called. */
export const watch = live.watch;

type InputArgs<C extends Channel> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

/** Calls a channel; resolves with its output or rejects with an ApiError in the shared shape. */
export async function invoke<C extends Channel>(channel: C, ...args: InputArgs<C>): Promise<ChannelOutput<C>> {
  const result = await transport.invoke(channel, args[0]);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as ChannelOutput<C>;
}

/** Subscribes to a push event; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return transport.on(event, listener as (payload: unknown) => void);
}

/** The transport's connection state (always "open" on the desktop). */
export function onConnection(listener: (state: ConnectionState) => void): () => void {
  return transport.onConnection(listener);
}

/** Any thrown value as the shared error shape, for display. */
export function toErrorShape(error: unknown): BrookErrorShape {
  if (error instanceof ApiError) return error.shape;
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
