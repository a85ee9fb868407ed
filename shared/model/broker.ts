// Brokers as the Brokers screen and its drawer show them.
import { z } from 'zod';
import { BrookErrorShape } from '../errors';
import { BrokerInfo } from './cluster';

/** A broker that did not answer a request, and why; whatever it would have told is missing. */
export const BrokerProblem = z.object({ broker: z.number(), message: z.string() });
export type BrokerProblem = z.infer<typeof BrokerProblem>;

export const BrokerSummary = BrokerInfo.extend({
  rack: z.string().nullable(),
  /** The active controller. */
  controller: z.boolean(),
  /** Partitions it leads and replicas it holds, from Metadata. */
  leaders: z.number(),
  replicas: z.number(),
  /** Bytes in its log directories (DescribeLogDirs), where it told. */
  bytes: z.number().optional(),
  /** The newest Kafka release whose request versions it speaks (ApiVersions), where it answered. */
  release: z.string().optional(),
  /** Why it did not answer (ApiVersions or DescribeLogDirs). */
  error: z.string().optional(),
});
export type BrokerSummary = z.infer<typeof BrokerSummary>;

export const BrokersList = z.object({
  brokers: z.array(BrokerSummary),
  /** The active controller's node id: under KRaft it may be a controller that is no broker. */
  controller: z.number().nullable(),
  /** Partitions with a leader, over which the leaders' shares are counted. */
  ledPartitions: z.number(),
  /** Brokers named in replica lists that Metadata does not list: down or fenced. */
  absent: z.array(BrokerProblem),
});
export type BrokersList = z.infer<typeof BrokersList>;

export const ConfigEntry = z.object({
  name: z.string(),
  /** Null when sensitive (never sent to the UI) or unset. */
  value: z.string().nullable(),
  source: z.string(),
  /** Kafka's built-in default (the DEFAULT_CONFIG synonym), where there is one. */
  default: z.string().nullable(),
  readOnly: z.boolean(),
  sensitive: z.boolean(),
  /** Every place the value is set, in Kafka's order of precedence. */
  synonyms: z.array(z.object({ name: z.string(), value: z.string().nullable(), source: z.string() })),
});
export type ConfigEntry = z.infer<typeof ConfigEntry>;

export const LogDirInfo = z.object({
  path: z.string(),
  bytes: z.number(),
  replicas: z.number(),
  /** The volume's size and free space, where the broker tells (Kafka 3.3 and later). */
  totalBytes: z.number().optional(),
  usableBytes: z.number().optional(),
  /** Kafka's error name for a directory that is offline or unreadable. */
  error: z.string().optional(),
});
export type LogDirInfo = z.infer<typeof LogDirInfo>;

export const BrokerDetail = z.object({
  broker: BrokerInfo.extend({ rack: z.string().nullable() }),
  configs: z.array(ConfigEntry),
  configsError: BrookErrorShape.optional(),
  logDirs: z.array(LogDirInfo),
  logDirsError: BrookErrorShape.optional(),
});
export type BrokerDetail = z.infer<typeof BrokerDetail>;
