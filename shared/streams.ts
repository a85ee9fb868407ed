// The two long-lived kinds of call, defined once like the contract:
// - a stream is long work one call starts (a scan, an export, filling in figures): typed chunks,
//   progress and a final summary flow back to the one caller that started it, and it can be
//   cancelled;
// - a subscription is "watch this": updates pushed to the one caller watching until it ends it.
// Both end when their caller goes (a window closes, a socket drops). Names are `domain:verb`.
import { z } from 'zod';
import { GroupFigures, GroupLagUpdate, ExportFileName, ExportFormat, ProduceDraft, ProducedRecord, ReadProgress, ReadStart, ReadStop, ReadSummary, RecordFilter, DecoderName, TopicRecord, TopicFigures } from './model';

const ClusterId = z.string().min(1, 'Choose a cluster');

/** What a read takes: messages:read and messages:export. */
const readInput = z.object({
  clusterId: ClusterId,
  topic: z.string().min(1, 'Name a topic'),
  partitions: z.array(z.number().int().min(0)).max(100_000).optional(),
  start: ReadStart,
  stop: ReadStop,
  filter: RecordFilter.optional(),
  /** How the filter reads keys and values (JSON paths need JSON). */
  keyDecoder: DecoderName.default('auto'),
  valueDecoder: DecoderName.default('auto'),
  /** read_committed: only committed transactions' records, up to the last stable offset. */
  isolation: z.enum(['read_uncommitted', 'read_committed']).default('read_uncommitted'),
});

export const streams = {
  /**
   * Watermarks, records and sizes of the named topics (all of a cluster's when none are named), in
   * batches as they are read; the summary counts what was read.
   */
  'topics:figures': {
    input: z.object({ clusterId: ClusterId, topics: z.array(z.string().min(1)).max(100_000).optional(), batchSize: z.number().int().min(1).max(1_000).default(500) }),
    chunk: z.array(TopicFigures),
    progress: z.object({ done: z.number(), total: z.number() }),
    summary: z.object({ topics: z.number(), ms: z.number() }),
  },
  /**
   * Consumer groups' figures (members, assignor, topics, lag) for the groups list, a batch of one
   * coordinator's groups at a time; the named groups, or all the cluster's.
   */
  'groups:figures': {
    input: z.object({ clusterId: ClusterId, groups: z.array(z.string().min(1)).max(100_000).optional(), batchSize: z.number().int().min(1).max(1_000).default(200) }),
    chunk: z.array(GroupFigures),
    progress: z.object({ done: z.number(), total: z.number() }),
    summary: z.object({ groups: z.number(), missing: z.array(z.string()), ms: z.number() }),
  },
  /**
   * Records of a topic from `start` to `stop`, on all its partitions or the chosen ones, without
   * joining or creating a consumer group. Bounded reads come merged in timestamp order; a tail
   * sends what arrives. With a filter only matches are sent, and progress counts what was scanned.
   */
  'messages:read': {
    input: readInput,
    chunk: z.array(TopicRecord),
    progress: ReadProgress,
    summary: ReadSummary,
  },
  /**
   * A read (as messages:read takes it, a tail excepted) written to a new file in Brook's exports
   * folder, in full (no previews); progress counts the bytes written.
   */
  'messages:export': {
    input: readInput.extend({ stop: ReadStop.refine((s) => s.at !== 'never', 'An export ends: stop after N records or at the end'), format: ExportFormat.default('jsonl') }),
    chunk: z.never(),
    progress: ReadProgress.extend({ bytes: z.number() }),
    summary: ReadSummary.extend({ file: ExportFileName, path: z.string(), bytes: z.number(), records: z.number() }),
  },
  /** Produces the records of a JSON-lines export, byte for byte (keys, values, headers, timestamps), each to the partition it came from. */
  'messages:import': {
    input: z.object({ clusterId: ClusterId, topic: z.string().min(1, 'Name a topic'), file: ExportFileName }),
    chunk: z.never(),
    progress: z.object({ records: z.number(), bytes: z.number(), totalBytes: z.number() }),
    summary: z.object({ produced: z.number(), ms: z.number(), partitions: z.array(z.object({ partition: z.number(), first: z.number(), last: z.number() })) }),
  },
  /** Sends `repeat` records made from one draft, templates expanded for each; chunks say where they went. */
  'messages:produce': {
    input: z.object({ clusterId: ClusterId, topic: z.string().min(1, 'Name a topic'), draft: ProduceDraft }),
    chunk: z.array(ProducedRecord),
    progress: z.object({ done: z.number(), total: z.number() }),
    summary: z.object({ produced: z.number(), ms: z.number(), first: ProducedRecord.optional(), last: ProducedRecord.optional() }),
  },
} as const;

export const subscriptions = {
  /**
   * The lag of the named groups, read for all of a cluster's watched groups at once every tick;
   * an update carries only what changed. A group is stalled when its lag grew while its commits
   * stood still for `stalledAfterMs`.
   */
  'groups:watch': {
    input: z.object({
      clusterId: ClusterId,
      groups: z.array(z.string().min(1)).min(1, 'Choose a group').max(10_000),
      intervalMs: z.number().int().min(1_000).max(300_000).default(5_000),
      stalledAfterMs: z.number().int().min(1_000).max(86_400_000).default(120_000),
    }),
    update: GroupLagUpdate,
  },
  /** One topic's figures, read again every `intervalMs` while watched. */
  'topic:watch': {
    input: z.object({ clusterId: ClusterId, topic: z.string().min(1), intervalMs: z.number().int().min(250).max(60_000).default(2_000) }),
    update: TopicFigures,
  },
} as const;

export type Streams = typeof streams;
export type StreamName = keyof Streams;
export type StreamInput<S extends StreamName> = z.input<Streams[S]['input']>;
export type StreamInputParsed<S extends StreamName> = z.output<Streams[S]['input']>;
export type StreamChunk<S extends StreamName> = z.output<Streams[S]['chunk']>;
export type StreamProgress<S extends StreamName> = z.output<Streams[S]['progress']>;
export type StreamSummary<S extends StreamName> = z.output<Streams[S]['summary']>;

export type Subscriptions = typeof subscriptions;
export type SubscriptionName = keyof Subscriptions;
export type SubscriptionInput<N extends SubscriptionName> = z.input<Subscriptions[N]['input']>;
export type SubscriptionInputParsed<N extends SubscriptionName> = z.output<Subscriptions[N]['input']>;
export type SubscriptionUpdate<N extends SubscriptionName> = z.output<Subscriptions[N]['update']>;

export const streamNames = Object.keys(streams) as StreamName[];
export const subscriptionNames = Object.keys(subscriptions) as SubscriptionName[];

export const isStreamName = (name: unknown): name is StreamName => typeof name === 'string' && Object.prototype.hasOwnProperty.call(streams, name);
export const isSubscriptionName = (name: unknown): name is SubscriptionName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(subscriptions, name);
