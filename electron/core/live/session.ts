// One caller's streams and subscriptions (a window, a WebSocket): it starts them from the caller's
// messages, validating every input against shared/streams.ts, sends what they produce to that
// caller alone, applies the flow control of shared/session.ts, and ends them all when the caller
// goes. Handlers see a narrow context (an AbortSignal, chunk/progress or update), never the session.
import { BrookError, invalidInput, type BrookErrorShape } from '../../../shared/errors';
import { ClientMessage, STREAM_WINDOW, type ServerMessage } from '../../../shared/session';
import type { Result } from '../../../shared/result';
import { isStreamName, isSubscriptionName, streams, subscriptions } from '../../../shared/streams';
import type { Logger } from '../logger';
import type { LiveHandlers } from './handlers';

/** What one caller may have running at once: a page needs a few; more is a bug or abuse, and memory. */
const MAX_STREAMS = 16;
const MAX_WATCHES = 256;
const tooMany = (what: string, max: number): BrookErrorShape => ({ code: 'INVALID_INPUT', message: `Too many ${what} at once (at most ${max} per window)`, hint: 'Close some views and try again.' });

/** Progress is latest-wins and sent at most this often. */
const PROGRESS_EVERY_MS = 100;

interface RunningStream {
  abort: AbortController;
  unacked: number;
  /** Resolves the handler's wait for room in the window. */
  room?: () => void;
  progressTimer?: NodeJS.Timeout;
  pendingProgress?: unknown;
  lastProgressAt: number;
}

/** Combines an update kept for a caller that has not acknowledged the last with a newer one. */
type Merge = (kept: unknown, next: unknown) => unknown;

interface RunningWatch {
  abort: AbortController;
  awaitingAck: boolean;
  pending?: { update: unknown };
}

const cancelled = (): BrookErrorShape => ({ code: 'CANCELLED', message: 'Cancelled' });

function shapeOf(error: unknown, what: string, logger: Logger): BrookErrorShape {
  if (error instanceof BrookError) return error.toShape();
  logger.error(`${what} failed`, (error as Error)?.stack ?? String(error));
  return { code: 'INTERNAL', message: `Brook could not complete ${what}`, hint: 'This is a bug in Brook. Try again; if it persists, report it with the detail below.', detail: (error as Error)?.message ?? String(error) };
}

export class Session {
  private readonly streams = new Map<number, RunningStream>();
  private readonly watches = new Map<number, RunningWatch>();
  private closed = false;

  constructor(
    private readonly handlers: LiveHandlers,
    private readonly send: (message: ServerMessage) => void,
    private readonly logger: Logger,
    private readonly onClose: () => void = () => {},
  ) {}

  /** What this session holds now. */
  get active(): { streams: number; watches: number } {
    return { streams: this.streams.size, watches: this.watches.size };
  }

  /** A message from the caller; anything malformed is refused (false) and changes nothing. */
  handle(raw: unknown): boolean {
    if (this.closed) return false;
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) return false;
    const m = parsed.data;
    switch (m.type) {
      case 'stream:start':
        this.startStream(m.id, m.name, m.input);
        return true;
      case 'stream:ack': {
        const s = this.streams.get(m.id);
        if (s) {
          s.unacked = Math.max(0, s.unacked - m.count);
          s.room?.();
        }
        return true;
      }
      case 'stream:cancel':
        this.streams.get(m.id)?.abort.abort();
        return true;
      case 'watch:start':
        this.startWatch(m.id, m.name, m.input);
        return true;
      case 'watch:ack': {
        const w = this.watches.get(m.id);
        if (w) {
          w.awaitingAck = false;
          if (w.pending) this.deliver(m.id, w, w.pending.update);
        }
        return true;
      }
      case 'watch:end':
        this.endWatch(m.id);
        return true;
    }
  }

  /** The caller went: every stream is cancelled and every subscription ended. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.abort.abort();
    for (const id of [...this.watches.keys()]) this.endWatch(id);
    this.onClose();
  }

  private emit(message: ServerMessage): void {
    if (this.closed) return;
    try {
      this.send(message);
    } catch (error) {
      this.logger.warn(`could not send ${message.type}: ${(error as Error).message}`);
    }
  }

  private startStream(id: number, name: string, rawInput: unknown): void {
    if (this.streams.has(id)) return;
    if (!isStreamName(name)) return this.emit({ type: 'stream:end', id, result: { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown stream ${name.slice(0, 80)}` } } });
    if (this.streams.size >= MAX_STREAMS) return this.emit({ type: 'stream:end', id, result: { ok: false, error: tooMany('streams', MAX_STREAMS) } });
    const spec = streams[name];
    const input = spec.input.safeParse(rawInput);
    if (!input.success) return this.emit({ type: 'stream:end', id, result: { ok: false, error: invalidInput(input.error).toShape() } });
    const s: RunningStream = { abort: new AbortController(), unacked: 0, lastProgressAt: 0 };
    this.streams.set(id, s);
    const signal = s.abort.signal;
    signal.addEventListener('abort', () => s.room?.());
    const flushProgress = () => {
      s.progressTimer = undefined;
      if (s.pendingProgress === undefined) return;
      s.lastProgressAt = Date.now();
      this.emit({ type: 'stream:progress', id, progress: s.pendingProgress });
      s.pendingProgress = undefined;
    };
    const ctx = {
      signal,
      chunk: async (chunk: unknown) => {
        while (s.unacked >= STREAM_WINDOW && !signal.aborted) await new Promise<void>((resolve) => (s.room = resolve));
        s.room = undefined;
        signal.throwIfAborted();
        s.unacked++;
        this.emit({ type: 'stream:chunk', id, chunk });
      },
      progress: (progress: unknown) => {
        s.pendingProgress = progress;
        if (s.progressTimer) return;
        const wait = PROGRESS_EVERY_MS - (Date.now() - s.lastProgressAt);
        if (wait <= 0) flushProgress();
        else s.progressTimer = setTimeout(flushProgress, wait);
      },
    };
    // The caller hears of the end at once on cancel; the handler stops at its next chunk or check.
    let ended = false;
    const finish = (result: Result<unknown>) => {
      if (ended) return;
      ended = true;
      clearTimeout(s.progressTimer);
      this.streams.delete(id);
      this.emit({ type: 'stream:end', id, result });
    };
    signal.addEventListener('abort', () => finish({ ok: false, error: cancelled() }));
    const handler = this.handlers.streams[name] as (input: unknown, ctx: unknown) => Promise<unknown>;
    void Promise.resolve()
      .then(() => {
        signal.throwIfAborted();
        return handler(input.data, ctx);
      })
      .then(
        (summary) => {
          if (signal.aborted) return;
          clearTimeout(s.progressTimer);
          flushProgress();
          finish({ ok: true, value: summary });
        },
        (error: unknown) => {
          if (!signal.aborted) finish({ ok: false, error: shapeOf(error, name, this.logger) });
        },
      );
  }

  private startWatch(id: number, name: string, rawInput: unknown): void {
    if (this.watches.has(id)) return;
    if (!isSubscriptionName(name)) return this.emit({ type: 'watch:end', id, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown subscription ${name.slice(0, 80)}` } });
    if (this.watches.size >= MAX_WATCHES) return this.emit({ type: 'watch:end', id, error: tooMany('subscriptions', MAX_WATCHES) });
    const input = subscriptions[name].input.safeParse(rawInput);
    if (!input.success) return this.emit({ type: 'watch:end', id, error: invalidInput(input.error).toShape() });
    const w: RunningWatch = { abort: new AbortController(), awaitingAck: false };
    this.watches.set(id, w);
    const ctx = { signal: w.abort.signal, update: (update: unknown, merge?: Merge) => this.watches.get(id) === w && this.deliver(id, w, update, merge) };
    const handler = this.handlers.subscriptions[name] as (input: unknown, ctx: unknown) => Promise<void> | void;
    void Promise.resolve()
      .then(() => handler(input.data, ctx))
      .then(
        () => undefined,
        (error: unknown) => {
          if (w.abort.signal.aborted || this.watches.get(id) !== w) return;
          this.watches.delete(id);
          w.abort.abort();
          this.emit({ type: 'watch:end', id, error: shapeOf(error, name, this.logger) });
        },
      );
  }

  private deliver(id: number, w: RunningWatch, update: unknown, merge?: Merge): void {
    if (w.awaitingAck) {
      w.pending = { update: w.pending && merge ? merge(w.pending.update, update) : update };
      return;
    }
    w.pending = undefined;
    w.awaitingAck = true;
    this.emit({ type: 'watch:update', id, update });
  }

  private endWatch(id: number): void {
    const w = this.watches.get(id);
    if (!w) return;
    this.watches.delete(id);
    w.abort.abort();
  }
}
