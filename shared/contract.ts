// The contract between the UI and core, defined once: channel -> { input, output } as zod schemas.
// Core validates every input against it before a handler runs; the preload allow-lists its keys;
// the renderer's api.ts derives its types from it. Channels are named `domain:verb`.
import { z } from 'zod';
import { AppInfo, BrokerDetail, GroupDetail, GroupList, ResetPlan, ResetScope, ResetTarget, BrokersList, ClusterDraft, ClusterInfo, ClusterOverview, ClusterSummary, ConfigChange, PurgeResult, SandboxStatus, TestResult, TopicConfigs, TopicConsumers, TopicDetail, TopicDraft, TopicRecord, TopicSummary } from './model';

const none = z.void();
const ClusterRef = z.object({ id: z.string().min(1, 'Choose a cluster') });

const GroupRef = z.object({ id: ClusterRef.shape.id, groupId: z.string().min(1, 'Name a consumer group') });

export const contract = {
  /** Version, mode (desktop or browser), where data and secrets live, start-up notices. */
  'app:info': { input: none, output: AppInfo },

  /** The saved cluster profiles, without secrets. */
  'clusters:list': { input: none, output: z.array(ClusterSummary) },
  /** Create (no id) or update (id) a profile; a missing password keeps the stored one. */
  'clusters:save': { input: ClusterDraft, output: ClusterSummary },
  /** Delete a profile and its secrets. */
  'clusters:remove': { input: ClusterRef, output: z.object({ removed: z.boolean() }) },
  /** Try to reach a cluster (a saved one by id, or an unsaved draft) and say what went wrong. */
  'clusters:test': {
    input: z.object({
      id: z.string().optional(),
      draft: ClusterDraft.optional(),
      timeoutMs: z.number().int().min(500).max(60_000).default(8_000),
    }),
    output: TestResult,
  },
  /** Cluster id, controller and brokers of a saved cluster (Overview, Brokers). */
  'clusters:describe': { input: ClusterRef, output: ClusterInfo },
  /** The Overview's figures: brokers and their Kafka releases, topics, partitions and their health, groups by state, bytes on disk. */
  'clusters:overview': { input: ClusterRef, output: ClusterOverview },

  /** Every broker with the partitions it leads, the replicas it holds and its bytes on disk. */
  'brokers:list': { input: ClusterRef, output: BrokersList },
  /** One broker's configs (with their sources, sensitive values masked) and log directories. */
  'brokers:describe': { input: z.object({ id: ClusterRef.shape.id, broker: z.number().int().min(0) }), output: BrokerDetail },

  /** Every topic of a cluster with its partitions and health, from Metadata (figures stream in by topics:figures). */
  'topics:list': { input: ClusterRef, output: z.array(TopicSummary) },
  /** One topic's partitions: leader, replicas, ISR, offline replicas and watermarks. */
  'topics:describe': { input: z.object({ id: ClusterRef.shape.id, topic: z.string().min(1, 'Name a topic') }), output: TopicDetail },
  /** The consumer groups with committed offsets on a topic: state, members, and lag per partition and in all. */
  'topics:consumers': { input: z.object({ id: ClusterRef.shape.id, topic: z.string().min(1, 'Name a topic') }), output: TopicConsumers },
  /** Every consumer group of a cluster with its state and coordinator, from ListGroups of every broker (figures stream in by groups:figures). */
  'groups:list': { input: ClusterRef, output: GroupList },
  /** One group: members and their assignments, each partition's commit, watermarks, lag and time lag. */
  'groups:describe': { input: GroupRef, output: GroupDetail },
  /** Where a reset would move the group's offsets, and whether Kafka would take it now (it writes nothing). */
  'groups:previewReset': { input: GroupRef.extend({ scope: ResetScope, target: ResetTarget }), output: ResetPlan },
  /** Applies that reset: refused, writing nothing, while the group has members. */
  'groups:resetOffsets': { input: GroupRef.extend({ scope: ResetScope, target: ResetTarget }), output: ResetPlan },
  /** A group's lag from `from` to `to` (ms; now when absent) as Brook recorded it while watching, in buckets of bucketMs. */
  'groups:history': {
    input: GroupRef.extend({ from: z.number().int().min(0), to: z.number().int().min(0).optional() }),
    output: z.object({ bucketMs: z.number(), points: z.array(z.object({ at: z.number(), lag: z.number(), maxLag: z.number() })) }),
  },
  /** Deletes a group without members and its offsets. */
  'groups:delete': { input: GroupRef, output: z.object({ deleted: z.boolean() }) },
  /** Deletes a group's offsets on one topic (not while a member reads it); says which partitions had them. */
  'groups:deleteOffsets': { input: GroupRef.extend({ topic: z.string().min(1, 'Name a topic') }), output: z.object({ partitions: z.array(z.number()) }) },

  /** Create a topic; with validateOnly the cluster checks it (name taken, replication factor, policy) and creates nothing. */
  'topics:create': { input: z.object({ id: ClusterRef.shape.id, topic: TopicDraft, validateOnly: z.boolean().default(false) }), output: z.object({ created: z.boolean() }) },
  /** Delete a topic and every record in it; `confirm` must repeat its name. */
  'topics:delete': {
    input: z.object({ id: ClusterRef.shape.id, topic: z.string().min(1), confirm: z.string() }).refine((i) => i.confirm === i.topic, { message: 'Type the topic\'s name to confirm', path: ['confirm'] }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** Raise a topic's partition count to `count` (CreatePartitions); validateOnly checks and changes nothing. */
  'topics:addPartitions': {
    input: z.object({ id: ClusterRef.shape.id, topic: z.string().min(1), count: z.number().int().min(1, 'At least 1 partition').max(100_000), validateOnly: z.boolean().default(false) }),
    output: z.object({ partitions: z.number(), added: z.boolean() }),
  },
  /**
   * Delete records (DeleteRecords): per partition those before `offsets[partition]`, or, without
   * offsets, all of them up to the high watermark. With preview nothing is deleted: the answer is what would go.
   */
  'topics:purge': {
    input: z.object({
      id: ClusterRef.shape.id,
      topic: z.string().min(1),
      offsets: z.record(z.string().regex(/^\d+$/, 'A partition number'), z.number().int().min(0, 'An offset, 0 or more')).optional(),
      preview: z.boolean().default(false),
    }),
    output: PurgeResult,
  },
  /** Every config of a topic (DescribeConfigs with synonyms): value, source, what an override hides, read-only, sensitive. */
  'topics:configs': { input: z.object({ id: ClusterRef.shape.id, topic: z.string().min(1) }), output: TopicConfigs },
  /** Set configs or reset overrides (IncrementalAlterConfigs); validateOnly checks and changes nothing. Answers the configs after. */
  'topics:alterConfigs': {
    input: z.object({ id: ClusterRef.shape.id, topic: z.string().min(1), changes: z.array(ConfigChange).min(1, 'Change at least one config'), validateOnly: z.boolean().default(false) }),
    output: TopicConfigs,
  },

  /** One record in full (a stream carries previews of big keys, values and headers): "show all". */
  'messages:record': {
    input: z.object({ id: ClusterRef.shape.id, topic: z.string().min(1), partition: z.number().int().min(0), offset: z.number().int().min(0) }),
    output: TopicRecord,
  },

  /** The local sandbox broker's state. */
  'sandbox:status': { input: none, output: SandboxStatus },
  /** Start the sandbox on 127.0.0.1:9092 or the next free port; adds the "Local sandbox" cluster. */
  'sandbox:start': { input: z.object({ demo: z.boolean().default(false) }).default({ demo: false }), output: SandboxStatus },
  /** Stop the sandbox broker cleanly. */
  'sandbox:stop': { input: none, output: SandboxStatus },
  /** Stop and start again, keeping the data and the demo switch. */
  'sandbox:restart': { input: none, output: SandboxStatus },
  /** Delete the sandbox's data directory (the UI asks first); stops the broker if running. */
  'sandbox:reset': { input: z.object({ confirm: z.literal(true, 'Confirm the reset') }), output: SandboxStatus },
  /** Turn the demo traffic (topics, a producer, a slow consumer group) on or off. */
  'sandbox:demo': { input: z.object({ enabled: z.boolean() }), output: SandboxStatus },
  /** Open the data folder in the OS file manager (where the app runs); always returns its path. */
  'sandbox:openDataFolder': { input: none, output: z.object({ opened: z.boolean(), path: z.string() }) },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelInputParsed<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
