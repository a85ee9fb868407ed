// Changing a topic: more partitions, records deleted up to an offset, configs set or reset.
import { z } from 'zod';

/** DescribeConfigs' ConfigSource, by Kafka's names (the protocol numbers them 0..8 in this order). */
export const configSources = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'CLIENT_METRICS_CONFIG',
  'GROUP_CONFIG',
] as const;
export const ConfigSourceName = z.enum(configSources);
export type ConfigSourceName = z.infer<typeof ConfigSourceName>;

/** DescribeConfigs' ConfigType (v3+), by Kafka's names. */
export const configTypes = ['UNKNOWN', 'BOOLEAN', 'STRING', 'INT', 'SHORT', 'LONG', 'DOUBLE', 'LIST', 'CLASS', 'PASSWORD'] as const;

/** One config of a topic, as DescribeConfigs (with synonyms) tells it. */
export const TopicConfig = z.object({
  name: z.string(),
  /** null when the cluster does not tell it (sensitive) or it has none. */
  value: z.string().nullable(),
  source: ConfigSourceName,
  readOnly: z.boolean(),
  sensitive: z.boolean(),
  type: z.enum(configTypes),
  /** What the topic would have without its override (the next synonym); absent when Kafka names none. */
  inherited: z.object({ name: z.string(), value: z.string().nullable(), source: ConfigSourceName }).optional(),
});
export type TopicConfig = z.infer<typeof TopicConfig>;

export const TopicConfigs = z.object({ topic: z.string(), configs: z.array(TopicConfig) });
export type TopicConfigs = z.infer<typeof TopicConfigs>;

/** One change: a new value (IncrementalAlterConfigs SET) or the override removed (DELETE). */
export const ConfigChange = z.union([
  z.object({ name: z.string().regex(/^[a-z0-9.]+$/, 'A config key, like retention.ms'), value: z.string() }),
  z.object({ name: z.string().regex(/^[a-z0-9.]+$/, 'A config key, like retention.ms'), reset: z.literal(true) }),
]);
export type ConfigChange = z.infer<typeof ConfigChange>;

/** A purge of one partition: what goes, or went. */
export const PurgedPartition = z.object({
  partition: z.number(),
  /** Before the purge. */
  logStartOffset: z.number(),
  highWatermark: z.number(),
  /** After it: the offset the partition's records now start at (Kafka's low watermark). */
  newLogStartOffset: z.number(),
  /** Records deleted: new log start minus old. */
  deleted: z.number(),
  /** Kafka's refusal for this partition (POLICY_VIOLATION ...), when it refused. */
  error: z.string().optional(),
});
export type PurgedPartition = z.infer<typeof PurgedPartition>;

export const PurgeResult = z.object({
  topic: z.string(),
  /** false for a preview: nothing was deleted. */
  applied: z.boolean(),
  partitions: z.array(PurgedPartition),
  deleted: z.number(),
});
export type PurgeResult = z.infer<typeof PurgeResult>;
