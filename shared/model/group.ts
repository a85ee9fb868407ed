// Consumer groups as the explorer shows them: here, the groups that committed offsets on one topic.
import { z } from 'zod';

/** A member of a group, as DescribeGroups names it. */
export const GroupMember = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
});
export type GroupMember = z.infer<typeof GroupMember>;

/** One partition of the topic, as one group sees it. */
export const GroupPartitionLag = z.object({
  partition: z.number(),
  /** null: the group committed nothing on this partition (a member may still be assigned it). */
  committedOffset: z.number().nullable(),
  /** -1 where the leader could not say (the partition is offline). */
  highWatermark: z.number(),
  /** High watermark minus committed offset (never below 0); null when either is unknown. */
  lag: z.number().nullable(),
  /** The member the partition is assigned to, for a group whose members use the consumer protocol. */
  member: GroupMember.optional(),
});
export type GroupPartitionLag = z.infer<typeof GroupPartitionLag>;

export const TopicConsumerGroup = z.object({
  groupId: z.string(),
  /** Kafka's state name: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead ... */
  state: z.string(),
  /** Kafka's group type where the cluster says (classic, consumer: KIP-848). */
  type: z.string().optional(),
  /** null where the coordinator would not describe the group. */
  members: z.number().nullable(),
  /** The sum of the partitions' lags. */
  lag: z.number(),
  partitions: z.array(GroupPartitionLag),
  /** What could not be read about the group (its members, say), in Kafka's words. */
  error: z.string().optional(),
});
export type TopicConsumerGroup = z.infer<typeof TopicConsumerGroup>;

export const TopicConsumers = z.object({
  topic: z.string(),
  groups: z.array(TopicConsumerGroup),
  /** Brokers whose groups could not be listed, or groups whose offsets could not be read: the list may be short. */
  missing: z.array(z.string()),
});
export type TopicConsumers = z.infer<typeof TopicConsumers>;
