// The partitions of many topics with their watermarks, in as few requests as Kafka allows: one
// Metadata for all the topics (which names their leaders), then per leader one ListOffsets for the
// log start offsets and one for the high watermarks of every partition it leads. kafkajs's admin
// asks per topic, which at 10,000 topics means 20,000 round trips.
import {
  ListOffsetsRequestSpec,
  ListOffsetsResponseSpec,
  MetadataRequestSpec,
  MetadataResponseSpec,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
  type MetadataRequest,
  type MetadataResponse,
} from '../../broker/protocol/messages.generated';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';

const metadataApi = api<MetadataRequest, MetadataResponse>(MetadataRequestSpec, MetadataResponseSpec);
const listOffsetsApi = api<ListOffsetsRequest, ListOffsetsResponse>(ListOffsetsRequestSpec, ListOffsetsResponseSpec);

export const EARLIEST = -2n;
export const LATEST = -1n;

export interface ListedOffset {
  topic: string;
  partition: number;
  /** -1 where a timestamp is later than every record. */
  offset: number;
  /** Kafka's error name, where the leader refused the partition. */
  error?: string;
}

/**
 * One ListOffsets to `leader` for the partitions it leads (topic -> partitions): at `timestamp`
 * (EARLIEST, LATEST or milliseconds), LATEST meaning the last stable offset under read_committed.
 */
export async function listOffsetsAt(wire: Wire, leader: number, led: Map<string, number[]>, timestamp: bigint, isolationLevel: 0 | 1 = 0): Promise<ListedOffset[]> {
  const { response } = await wire.send(leader, listOffsetsApi, {
    replicaId: -1,
    isolationLevel,
    topics: [...led].map(([name, partitions]) => ({ name, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp, currentLeaderEpoch: -1 })) })),
  }, [1, 10]);
  return response.topics.flatMap((t) =>
    t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: Number(p.offset), ...(p.errorCode ? { error: kafkaErrorName(p.errorCode) } : {}) })),
  );
}

export interface PartitionState {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** -1 where the leader could not say (offline, or it answered with an error). */
  logStartOffset: number;
  highWatermark: number;
}

export interface TopicStates {
  topics: Map<string, TopicState>;
  /** The brokers the Metadata listed: the live ones. */
  brokers: number[];
}

export interface TopicState {
  topic: string;
  /** Kafka's error name when Metadata or ListOffsets refused the topic (UNKNOWN_TOPIC_OR_PARTITION ...). */
  error?: string;
  partitions: PartitionState[];
}

/** Metadata of the named topics (none named: all), without creating any. */
export async function metadata(wire: Wire, topics: string[] | null): Promise<MetadataResponse> {
  const { response } = await wire.sendAny(metadataApi, {
    topics: topics === null ? null : topics.map((name) => ({ name })),
    allowAutoTopicCreation: false,
  }, [1, 12]);
  return response;
}

/** The partitions of `topics` with their high watermarks and, unless `logStart` is false (lag needs none), their log start offsets (-1 then). */
export async function readPartitions(wire: Wire, topics: string[], signal?: AbortSignal, { logStart = true } = {}): Promise<TopicStates> {
  const meta = await metadata(wire, topics);
  const out = new Map<string, TopicState>();
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const t of meta.topics) {
    const name = t.name ?? '';
    const state: TopicState = {
      topic: name,
      ...(t.errorCode ? { error: kafkaErrorName(t.errorCode) } : {}),
      partitions: t.partitions
        .map((p) => ({ partition: p.partitionIndex, leader: p.leaderId, replicas: p.replicaNodes, isr: p.isrNodes, offlineReplicas: p.offlineReplicas ?? [], logStartOffset: -1, highWatermark: -1 }))
        .sort((a, b) => a.partition - b.partition),
    };
    out.set(name, state);
    for (const p of state.partitions) {
      if (p.leader < 0) continue;
      const led = byLeader.get(p.leader) ?? new Map<string, number[]>();
      byLeader.set(p.leader, led);
      led.set(name, [...(led.get(name) ?? []), p.partition]);
    }
  }
  await Promise.all(
    [...byLeader].map(async ([leader, led]) => {
      signal?.throwIfAborted();
      const [earliest, latest] = await Promise.all([logStart ? listOffsetsAt(wire, leader, led, EARLIEST) : [], listOffsetsAt(wire, leader, led, LATEST)]);
      for (const [which, answers] of [['logStartOffset', earliest], ['highWatermark', latest]] as const) {
        for (const a of answers) {
          // Kafka numbers a topic's partitions 0..n-1, so the sorted list is indexed by partition.
          const state = out.get(a.topic);
          const partition = state?.partitions[a.partition];
          if (!state || !partition) continue;
          if (a.error) state.error ??= a.error;
          else partition[which] = a.offset;
        }
      }
    }),
  );
  return { topics: out, brokers: meta.brokers.map((b) => b.nodeId) };
}
