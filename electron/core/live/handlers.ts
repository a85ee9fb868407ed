// What a stream or subscription handler is given and must do. A stream handler sends chunks (each
// send waits while the caller has STREAM_WINDOW unacknowledged, so it cannot outrun a slow page),
// reports progress (latest wins), returns its summary, and stops its Kafka traffic once `signal`
// aborts. A subscription handler pushes updates until `signal` aborts.
import type {
  StreamChunk,
  StreamInputParsed,
  StreamName,
  StreamProgress,
  StreamSummary,
  SubscriptionInputParsed,
  SubscriptionName,
  SubscriptionUpdate,
} from '../../../shared/streams';

export interface StreamContext<S extends StreamName> {
  signal: AbortSignal;
  /** Sends a chunk; resolves when the caller has room for the next. Rejects once cancelled. */
  chunk(chunk: StreamChunk<S>): Promise<void>;
  progress(progress: StreamProgress<S>): void;
}

export interface WatchContext<N extends SubscriptionName> {
  signal: AbortSignal;
  /**
   * Sends an update, or keeps it while the caller has not acknowledged the last: a kept update is
   * replaced by a newer one (latest figures win), or combined with it by `merge` for updates that
   * carry only what changed.
   */
  update(update: SubscriptionUpdate<N>, merge?: (kept: SubscriptionUpdate<N>, next: SubscriptionUpdate<N>) => SubscriptionUpdate<N>): void;
}

export type StreamHandler<S extends StreamName> = (input: StreamInputParsed<S>, ctx: StreamContext<S>) => Promise<StreamSummary<S>>;
export type WatchHandler<N extends SubscriptionName> = (input: SubscriptionInputParsed<N>, ctx: WatchContext<N>) => Promise<void> | void;

export interface LiveHandlers {
  streams: { [S in StreamName]: StreamHandler<S> };
  subscriptions: { [N in SubscriptionName]: WatchHandler<N> };
}
