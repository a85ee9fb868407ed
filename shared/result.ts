// What a call returns across any transport: a value, or the shared error shape. Never a thrown
// object, so IPC and WebSocket carry the same thing.
import type { BrookErrorShape } from './errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: BrookErrorShape };

/** window.brook, as the preload exposes it. */
export interface BrookBridge {
  invoke(channel: string, input?: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Streams and subscriptions: sends a message of shared/session.ts to core. */
  send(message: unknown): void;
  /** Core's stream and subscription messages for this window; returns an unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/** The IPC channel that carries shared/session.ts's messages in the desktop app. */
export const LIVE_CHANNEL = 'brook:live';
