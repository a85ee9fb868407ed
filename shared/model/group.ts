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

/** A group as the brokers list it, at once: ListGroups of every broker. */
export const GroupListing = z.object({
  groupId: z.string(),
  state: z.string(),
  /** "consumer" for Kafka's consumers, "connect" for Kafka Connect workers, "" for KIP-848 groups before v5 says so ... */
  protocolType: z.string(),
  type: z.string().optional(),
  /** The broker that coordinates it (the one that listed it). */
  coordinator: z.number(),
});
export type GroupListing = z.infer<typeof GroupListing>;

export const GroupList = z.object({
  groups: z.array(GroupListing),
  /** Brokers that did not list their groups: the list may be short. */
  missing: z.array(z.string()),
});
export type GroupList = z.infer<typeof GroupList>;

/** A group's figures for the groups list: its members and how far behind it is over all it committed on. */
export const GroupFigures = z.object({
  groupId: z.string(),
  state: z.string(),
  /** null where the coordinator would not describe it. */
  members: z.number().nullable(),
  /** The assignor the members agreed on (range, cooperative-sticky ...); "" when none (an Empty group). */
  protocol: z.string(),
  /** Topics it committed offsets on or its members are assigned, sorted. */
  topics: z.array(z.string()),
  /** Partitions it committed offsets on. */
  partitions: z.number(),
  /** The sum of its partitions' lags, and the greatest of them; null where no watermark could be read. */
  lag: z.number().nullable(),
  maxLag: z.number().nullable(),
  /** What could not be read about it, in Kafka's words. */
  error: z.string().optional(),
});
export type GroupFigures = z.infer<typeof GroupFigures>;

/** A member as DescribeGroups tells it, its assignment decoded where the group uses the consumer protocol. */
export const GroupMemberDetail = GroupMember.extend({
  /** Static membership's group.instance.id (KIP-345). */
  groupInstanceId: z.string().nullable(),
  /** Topic -> partitions; null for protocols other than "consumer" or bytes that are not its assignment. */
  assignment: z.array(z.object({ topic: z.string(), partitions: z.array(z.number()) })).nullable(),
  /** The assignment's bytes as the coordinator keeps them, base64. */
  assignmentBytes: z.string(),
});
export type GroupMemberDetail = z.infer<typeof GroupMemberDetail>;

/** One partition of a group: its commit and how far behind it is, in records and in time. */
export const GroupPartitionDetail = z.object({
  topic: z.string(),
  partition: z.number(),
  /** null: nothing committed (a member may still be assigned it). */
  committedOffset: z.number().nullable(),
  /** The commit's metadata string, as the committer wrote it. */
  metadata: z.string().nullable(),
  logStartOffset: z.number(),
  /** The high watermark; -1 where the leader could not say. */
  logEndOffset: z.number(),
  lag: z.number().nullable(),
  /** How old the next unread record is (now minus its timestamp), ms; null when nothing is unread or it could not be read. */
  timeLagMs: z.number().nullable(),
  /** The member assigned it. */
  member: GroupMember.optional(),
});
export type GroupPartitionDetail = z.infer<typeof GroupPartitionDetail>;

export const GroupDetail = z.object({
  groupId: z.string(),
  state: z.string(),
  protocolType: z.string(),
  protocol: z.string(),
  coordinator: z.number(),
  members: z.array(GroupMemberDetail),
  partitions: z.array(GroupPartitionDetail),
  lag: z.number(),
  /** The greatest time lag of its partitions, ms. */
  timeLagMs: z.number().nullable(),
  /** What could not be read (a partition's watermarks, a record's timestamp), in Kafka's words. */
  missing: z.array(z.string()),
});
export type GroupDetail = z.infer<typeof GroupDetail>;

/** Where a reset moves a group's offsets, as kafka-consumer-groups --reset-offsets names it. */
export const ResetTarget = z.discriminatedUnion('to', [
  z.object({ to: z.literal('earliest') }),
  z.object({ to: z.literal('latest') }),
  /** The first record at or after this time (ms); the log end where none is. */
  z.object({ to: z.literal('datetime'), timestamp: z.number().int().min(0) }),
  /** The first record at or after now minus this many ms. */
  z.object({ to: z.literal('duration'), ms: z.number().int().min(0) }),
  z.object({ to: z.literal('offset'), offset: z.number().int().min(0) }),
  z.object({ to: z.literal('shift'), by: z.number().int() }),
]);
export type ResetTarget = z.infer<typeof ResetTarget>;

/** Which partitions a reset moves: every one the group committed on (no topic), a topic's, or chosen partitions of a topic. */
export const ResetScope = z
  .object({ topic: z.string().min(1).optional(), partitions: z.array(z.number().int().min(0)).min(1).optional() })
  .refine((s) => !s.partitions || s.topic, { message: 'Choose the topic of those partitions', path: ['topic'] });
export type ResetScope = z.infer<typeof ResetScope>;

export const ResetRow = z.object({
  topic: z.string(),
  partition: z.number(),
  /** The commit now; null where there is none. */
  current: z.number().nullable(),
  /** Where the reset puts it, kept within the log start and end as Kafka keeps it. */
  next: z.number(),
  logStartOffset: z.number(),
  logEndOffset: z.number(),
  lagAfter: z.number(),
});
export type ResetRow = z.infer<typeof ResetRow>;

export const ResetPlan = z.object({
  groupId: z.string(),
  state: z.string(),
  rows: z.array(ResetRow),
  /** Members still in the group: while there are any, Kafka resets nothing. */
  members: z.array(GroupMember),
  /** Why it cannot be applied now, in Kafka's words; absent when it can. */
  refused: z.string().optional(),
});
export type ResetPlan = z.infer<typeof ResetPlan>;

/** A watched group's lag at one tick of the lag monitor. */
export const GroupLag = z.object({
  groupId: z.string(),
  state: z.string(),
  members: z.number().nullable(),
  lag: z.number(),
  maxLag: z.number(),
  partitions: z.array(z.object({ topic: z.string(), partition: z.number(), committedOffset: z.number(), logEndOffset: z.number(), lag: z.number() })),
  /** When its committed offsets last moved (ms; the watch's start if they have not). */
  commitsMovedAt: z.number(),
  /** Its lag grew while its commits stood still for the watch's stalledAfterMs. */
  stalled: z.boolean(),
  error: z.string().optional(),
});
export type GroupLag = z.infer<typeof GroupLag>;

export const GroupLagUpdate = z.object({
  at: z.number(),
  /** Groups whose lag, state or stalled flag changed since the last update (all of them in the first). */
  changed: z.array(GroupLag),
  /** Groups that no longer exist: no longer polled. */
  gone: z.array(z.string()),
});
export type GroupLagUpdate = z.infer<typeof GroupLagUpdate>;
