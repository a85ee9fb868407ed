// OffsetFetch (key 9), v1-v8 (Kafka 4's minimum is v1; v6 is the first flexible version; v8 asks for
// several groups at once; v9 is the KIP-848 consumer protocol, not served). Per partition asked
// for: the committed offset, leader epoch (v5+) and metadata, or -1 / -1 / '' when there is none
// (an unknown topic too, as Kafka 4's coordinator answers). A null topic list (v2+) asks for every
// committed offset of the group. The empty group id is a group like any other (Kafka 4 answers
// its commits "for backwards compatibility"). Offsets committed by a transaction show once it
// commits; with requireStable (v7+) a partition whose offset an undecided transaction holds is
// UNSTABLE_OFFSET_COMMIT (offset -1), as Kafka answers, and the client retries.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import type { Broker } from '../broker';

interface PartitionAnswer {
  partitionIndex: number;
  committedOffset: bigint;
  committedLeaderEpoch: number;
  metadata: string | null;
  errorCode: number;
}

interface GroupAnswer {
  errorCode: number;
  topics: { name: string; partitions: PartitionAnswer[] }[];
}

const none = (partitionIndex: number, errorCode: number = ErrorCode.NONE): PartitionAnswer => ({
  partitionIndex,
  committedOffset: -1n,
  committedLeaderEpoch: -1,
  metadata: '',
  errorCode,
});

function fetchGroup(
  broker: Broker,
  groupId: string,
  topics: readonly { name: string; partitionIndexes: number[] }[] | null,
  requireStable: boolean,
): GroupAnswer {
  const unstable = (topic: string, p: number) => requireStable && broker.offsets.hasPendingOffset(groupId, topic, p);
  if (topics === null) {
    const byTopic = new Map<string, PartitionAnswer[]>();
    for (const o of broker.offsets.committed(groupId)) {
      let list = byTopic.get(o.topic);
      if (!list) byTopic.set(o.topic, (list = []));
      list.push(
        unstable(o.topic, o.partition)
          ? none(o.partition, ErrorCode.UNSTABLE_OFFSET_COMMIT)
          : { partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: ErrorCode.NONE },
      );
    }
    return { errorCode: ErrorCode.NONE, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) };
  }
  return {
    errorCode: ErrorCode.NONE,
    topics: topics.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((p): PartitionAnswer => {
        if (unstable(t.name, p)) return none(p, ErrorCode.UNSTABLE_OFFSET_COMMIT);
        const o = broker.offsets.get(groupId, t.name, p);
        return o
          ? { partitionIndex: p, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: ErrorCode.NONE }
          : none(p);
      }),
    })),
  };
}

export default defineHandler({
  apiKey: ApiKey.OffsetFetch,
  minVersion: 1,
  maxVersion: 8,
  handle(request, { broker, version }) {
    if (version >= 8) {
      return {
        throttleTimeMs: 0,
        topics: [],
        errorCode: ErrorCode.NONE,
        groups: request.groups.map((g) => ({ groupId: g.groupId, ...fetchGroup(broker, g.groupId, g.topics, request.requireStable) })),
      };
    }
    const answer = fetchGroup(broker, request.groupId, version >= 2 ? request.topics : (request.topics ?? []), version >= 7 && request.requireStable);
    return { throttleTimeMs: 0, topics: answer.topics, errorCode: answer.errorCode, groups: [] };
  },
});
