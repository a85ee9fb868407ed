// Topics as the explorer shows them.
import { z } from 'zod';
import { BrookErrorShape } from '../errors';

/** A topic's figures read from its partitions' watermarks. */
export const TopicFigures = z.object({
  topic: z.string(),
  partitions: z.number(),
  /** Records kept: the sum over partitions of high watermark minus log start offset. */
  records: z.number(),
  /** Records ever written: the sum of the high watermarks. */
  endOffsets: z.number(),
  /** Bytes on disk over all replicas (DescribeLogDirs), where the brokers told. */
  bytes: z.number().optional(),
  /** Brokers that did not say: `bytes` counts only the others. */
  bytesMissing: z.array(z.number()).optional(),
  /** Why the figures could not be read (the topic went, the broker refused ...). */
  error: BrookErrorShape.optional(),
  /** The topic's retention.ms (-1: forever) and cleanup.policy, where the stream read them. */
  retentionMs: z.number().optional(),
  cleanupPolicy: z.string().optional(),
});
export type TopicFigures = z.infer<typeof TopicFigures>;

/** One partition as Metadata describes it. */
export const PartitionInfo = z.object({
  partition: z.number(),
  /** The leader's node id; -1 when the partition has no leader (offline). */
  leader: z.number(),
  replicas: z.array(z.number()),
  isr: z.array(z.number()),
  offlineReplicas: z.array(z.number()),
});
export type PartitionInfo = z.infer<typeof PartitionInfo>;

/** A topic as the topics list needs it at once, from one Metadata request. */
export const TopicSummary = z.object({
  name: z.string(),
  /** Kafka's own topics and those of its tools (__consumer_offsets, _schemas ...): names starting with "_". */
  internal: z.boolean(),
  partitions: z.number(),
  replicationFactor: z.number(),
  /** Partitions whose in-sync replicas are fewer than their replicas. */
  underReplicated: z.number(),
  /** Partitions without a leader. */
  offline: z.number(),
});
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TopicDetail = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.array(
    PartitionInfo.extend({
      /** -1 where the leader could not say (the partition is offline). */
      logStartOffset: z.number(),
      highWatermark: z.number(),
      /** The leader's replica's bytes on disk, where its broker told. */
      bytes: z.number().optional(),
    }),
  ),
});
export type TopicDetail = z.infer<typeof TopicDetail>;

/** Kafka's rules for a topic name (kafka.common.internals.Topic): what the create form checks as you type. */
export const TopicName = z
  .string()
  .min(1, 'Name the topic')
  .max(249, 'At most 249 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'Letters, digits, ".", "_" and "-" only')
  .refine((n) => n !== '.' && n !== '..', '"." and ".." are not topic names');

export const TopicDraft = z.object({
  name: TopicName,
  partitions: z.number().int().min(1, 'At least 1 partition').max(100_000),
  /** -1: the cluster's default.replication.factor. */
  replicationFactor: z.number().int().min(-1).max(32).refine((n) => n !== 0, 'At least 1 replica (or -1 for the cluster default)'),
  /** Topic configs by Kafka's keys (retention.ms, cleanup.policy ...), as strings. */
  configs: z.record(z.string().regex(/^[a-z0-9.]+$/, 'A config key, like retention.ms'), z.string()).default({}),
});
export type TopicDraft = z.input<typeof TopicDraft>;
