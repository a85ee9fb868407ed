// ListOffsets (key 2), v1-v10 (Kafka 4's minimum is v1; v6+ flexible). Per partition: timestamp -1
// (latest) gives the log end offset, -2 (earliest) and -4 (earliest local, KIP-405: all of the log
// is local) the log start offset, all with timestamp -1; -3 (max timestamp, KIP-734) the record
// with the largest timestamp; -5 (last tiered offset, KIP-1005) offset -1, as Kafka answers without
// tiered storage; a timestamp >= 0 the first offset whose record timestamp is >= it, with that
// timestamp, or offset -1 and timestamp -1 when no record is that recent. leaderEpoch (v4+) is 0
// for a found offset (one leader, never re-elected), else -1. With isolationLevel 1 (read_committed)
// latest is the last stable offset instead: the first offset of the oldest open transaction. v10's timeoutMs (KIP-1075, for
// offsets in remote storage) is ignored: every answer is immediate. Any other negative timestamp
// is INVALID_REQUEST; an unknown topic or partition UNKNOWN_TOPIC_OR_PARTITION; a currentLeaderEpoch
// (v4+) other than the leader's FENCED_LEADER_EPOCH or UNKNOWN_LEADER_EPOCH (leader-epoch.ts).
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { leaderEpochError } from './leader-epoch';

const LATEST = -1n;
const EARLIEST = -2n;
const MAX_TIMESTAMP = -3n;
const EARLIEST_LOCAL = -4n;
const LATEST_TIERED = -5n;
const READ_COMMITTED = 1;

export default defineHandler({
  apiKey: ApiKey.ListOffsets,
  minVersion: 1,
  maxVersion: 10,
  handle(request, { broker, version }) {
    const readCommitted = version >= 2 && request.isolationLevel === READ_COMMITTED;
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const notFound = { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, timestamp: -1n, offset: -1n, leaderEpoch: -1 };
          const log = broker.logs.partition(t.name, p.partitionIndex);
          if (!log) return { ...notFound, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          const epochError = leaderEpochError(p.currentLeaderEpoch);
          if (epochError !== ErrorCode.NONE) return { ...notFound, errorCode: epochError };
          const found = (offset: bigint, timestamp: bigint) => ({ ...notFound, offset, timestamp, leaderEpoch: 0 });
          if (p.timestamp === LATEST) return found(readCommitted ? log.lastStableOffset : log.logEndOffset, -1n);
          if (p.timestamp === EARLIEST || p.timestamp === EARLIEST_LOCAL) return found(log.logStartOffset, -1n);
          if (p.timestamp === MAX_TIMESTAMP) {
            const max = log.maxTimestamp();
            return max.offset < 0n ? notFound : found(max.offset, max.timestamp);
          }
          if (p.timestamp === LATEST_TIERED) return notFound;
          if (p.timestamp < 0n) return { ...notFound, errorCode: ErrorCode.INVALID_REQUEST };
          const hit = log.offsetForTimestamp(p.timestamp);
          return hit ? found(hit.offset, hit.timestamp) : notFound;
        }),
      })),
    };
  },
});
