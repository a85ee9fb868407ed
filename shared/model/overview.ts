// A cluster at a glance (the Overview screen): each figure is read for every topic, group and
// broker at once, and a broker that did not answer is named with the figures it left out.
import { z } from 'zod';
import { BrokerProblem } from './broker';
import { BrokerInfo } from './cluster';

/** Partitions in some state, and the topics they belong to (what the figure opens, filtered). */
const PartitionCount = z.object({ partitions: z.number(), topics: z.array(z.string()) });

export const ClusterOverview = z.object({
  clusterId: z.string(),
  /** The active controller's node id (under KRaft, the metadata quorum's leader). */
  controller: z.number().nullable(),
  brokers: z.array(BrokerInfo.extend({ rack: z.string().nullable() })),
  /** The oldest and newest Kafka release the brokers speak like (ApiVersions); null when none answered. */
  releases: z.object({ lowest: z.string(), highest: z.string(), newestKnown: z.string() }).nullable(),
  topics: z.number(),
  internalTopics: z.number(),
  partitions: z.number(),
  underReplicated: PartitionCount,
  /** In-sync replicas fewer than the topic's min.insync.replicas; null when the configs could not be read. */
  underMinIsr: PartitionCount.nullable(),
  offline: PartitionCount,
  /** Groups by state (ListGroups of every broker); null when no broker answered. */
  groups: z.object({ total: z.number(), byState: z.record(z.string(), z.number()) }).nullable(),
  /** Bytes on disk over every replica (DescribeLogDirs); null when no broker answered. */
  bytes: z.number().nullable(),
  /** Brokers that did not answer something, with what and why. */
  unanswered: z.array(BrokerProblem.extend({ request: z.string() })),
  /** Figures that could not be read at all, and why. */
  problems: z.array(z.object({ figure: z.string(), message: z.string() })),
});
export type ClusterOverview = z.infer<typeof ClusterOverview>;
