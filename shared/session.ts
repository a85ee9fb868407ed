// The messages that carry streams and subscriptions (streams.ts) between one caller and core, the
// same over Electron's IPC and serve's WebSocket. Ids are the caller's own, so two callers never
// name each other's work. Flow control is by acknowledgement: core keeps at most STREAM_WINDOW
// chunks of a stream unacknowledged (the handler waits for room, so a slow page slows the work, and
// memory stays bounded), and at most one update of a subscription, replacing a newer update for the
// one not yet sent (a watcher wants the latest figures, not every one), or combined with it where
// updates carry only what changed (groups:watch).
import { z } from 'zod';
import type { BrookErrorShape } from './errors';
import type { Result } from './result';

export const STREAM_WINDOW = 4;

const Id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stream:start'), id: Id, name: z.string().max(100), input: z.unknown() }),
  /** The caller has handled `count` more chunks. */
  z.object({ type: z.literal('stream:ack'), id: Id, count: z.number().int().min(1).max(STREAM_WINDOW) }),
  z.object({ type: z.literal('stream:cancel'), id: Id }),
  z.object({ type: z.literal('watch:start'), id: Id, name: z.string().max(100), input: z.unknown() }),
  /** The caller has handled the last update. */
  z.object({ type: z.literal('watch:ack'), id: Id }),
  z.object({ type: z.literal('watch:end'), id: Id }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { type: 'stream:chunk'; id: number; chunk: unknown }
  | { type: 'stream:progress'; id: number; progress: unknown }
  /** The last message of a stream: its summary, or why it ended without one (CANCELLED when cancelled). */
  | { type: 'stream:end'; id: number; result: Result<unknown> }
  | { type: 'watch:update'; id: number; update: unknown }
  /** A subscription ended from core's side (its handler failed, or its input was refused). */
  | { type: 'watch:end'; id: number; error: BrookErrorShape };

export const SERVER_MESSAGE_TYPES = ['stream:chunk', 'stream:progress', 'stream:end', 'watch:update', 'watch:end'] as const;
