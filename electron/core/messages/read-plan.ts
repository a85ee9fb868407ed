// Where a read begins and ends in each partition, from Metadata (the leaders), ListOffsets (log
// start, end, an offset by time) and, for a group's position, OffsetFetch through kafkajs's admin,
// which reads committed offsets without joining the group or creating it. The end is the high
// watermark, or the last stable offset under read_committed (a consumer reads no further).
import type { Admin } from 'kafkajs';
import { BrookError } from '../../../shared/errors';
import type { ReadStart, ReadStop } from '../../../shared/model';
import type { Wire } from '../clusters/wire';
import { unknownTopic } from '../topics/handlers';
import { EARLIEST, LATEST, listOffsetsAt, metadata } from '../topics/partitions';

export interface PartitionPlan {
  partition: number;
  leader: number;
  leaderEpoch: number;
  logStartOffset: number;
  /** The end as the read began. */
  endOffset: number;
  from: number;
  /** Where the read stops (exclusive); null: never (a tail). */
  to: number | null;
}

export interface PlanInput {
  topic: string;
  partitions?: number[] | undefined;
  start: ReadStart;
  stop: ReadStop;
  isolation: 'read_uncommitted' | 'read_committed';
}

export interface TopicLeaders {
  partitions: { partition: number; leader: number; leaderEpoch: number }[];
}

/** The topic's partitions with their leaders; UNKNOWN_TOPIC when it does not exist. */
export async function topicLeaders(wire: Wire, topic: string): Promise<TopicLeaders> {
  const meta = await metadata(wire, [topic]);
  const t = meta.topics.find((x) => x.name === topic);
  if (!t || t.errorCode === 3) throw unknownTopic(topic);
  if (t.errorCode) throw new BrookError({ code: 'KAFKA_ERROR', message: `The cluster could not describe "${topic}" (error ${t.errorCode})` });
  return { partitions: t.partitions.map((p) => ({ partition: p.partitionIndex, leader: p.leaderId, leaderEpoch: p.leaderEpoch })).sort((a, b) => a.partition - b.partition) };
}

/** ListOffsets at `timestamp` for the given partitions, asking each leader once. */
async function offsetsAt(wire: Wire, topic: string, parts: TopicLeaders['partitions'], timestamp: bigint, isolation: 0 | 1): Promise<Map<number, number>> {
  const byLeader = new Map<number, number[]>();
  for (const p of parts) {
    if (p.leader < 0) throw new BrookError({ code: 'KAFKA_ERROR', message: `Partition ${p.partition} of "${topic}" has no leader (offline)`, hint: 'Choose other partitions, or wait for a broker holding a replica to come back.' });
    byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partition]);
  }
  const out = new Map<number, number>();
  await Promise.all(
    [...byLeader].map(async ([leader, partitions]) => {
      for (const a of await listOffsetsAt(wire, leader, new Map([[topic, partitions]]), timestamp, isolation)) {
        if (a.error === 'UNKNOWN_TOPIC_OR_PARTITION') throw unknownTopic(topic);
        if (a.error) throw new BrookError({ code: 'KAFKA_ERROR', message: `Partition ${a.partition} of "${topic}": ${a.error}` });
        out.set(a.partition, a.offset);
      }
    }),
  );
  return out;
}

export async function planRead(wire: Wire, admin: () => Promise<Admin>, input: PlanInput): Promise<PartitionPlan[]> {
  const { partitions: all } = await topicLeaders(wire, input.topic);
  const chosen = input.partitions ? all.filter((p) => input.partitions!.includes(p.partition)) : all;
  const absent = (input.partitions ?? []).filter((n) => !all.some((p) => p.partition === n));
  if (absent.length) throw new BrookError({ code: 'INVALID_INPUT', message: `"${input.topic}" has no partition ${absent.join(', ')} (it has ${all.length})`, fields: { partitions: 'Not a partition of this topic' } });
  const isolation = input.isolation === 'read_committed' ? 1 : 0;
  const [starts, ends, atTime, committed] = await Promise.all([
    offsetsAt(wire, input.topic, chosen, EARLIEST, 0),
    offsetsAt(wire, input.topic, chosen, LATEST, isolation),
    input.start.from === 'timestamp' ? offsetsAt(wire, input.topic, chosen, BigInt(input.start.timestamp), isolation) : undefined,
    input.start.from === 'group' ? groupOffsets(await admin(), input.start.groupId, input.topic) : undefined,
  ]);
  return chosen.map((p) => {
    const logStartOffset = starts.get(p.partition)!;
    const endOffset = ends.get(p.partition)!;
    const clamp = (offset: number) => Math.min(Math.max(offset, logStartOffset), endOffset);
    const start = input.start;
    const from =
      start.from === 'oldest' ? logStartOffset
      : start.from === 'newest' ? clamp(endOffset - start.count)
      : start.from === 'offset' ? clamp(start.offset)
      // No record at or after that time: the read starts at the end.
      : start.from === 'timestamp' ? (atTime!.get(p.partition)! < 0 ? endOffset : clamp(atTime!.get(p.partition)!))
      : start.from === 'group' ? clamp(committed!.get(p.partition) ?? logStartOffset)
      : endOffset;
    return { ...p, logStartOffset, endOffset, from, to: input.stop.at === 'never' ? null : endOffset };
  });
}

/** A group's committed offsets on the topic (none committed: not in the map). */
async function groupOffsets(admin: Admin, groupId: string, topic: string): Promise<Map<number, number>> {
  const answer = await admin.fetchOffsets({ groupId, topics: [topic] });
  const out = new Map<number, number>();
  for (const p of answer.find((t) => t.topic === topic)?.partitions ?? []) {
    const offset = Number(p.offset);
    if (offset >= 0) out.set(p.partition, offset);
  }
  return out;
}
