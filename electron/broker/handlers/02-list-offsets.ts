// ListOffsets (key 2), v1-v5 (Kafka 4's minimum is v1). Per partition: timestamp -1 (latest) gives
// the log end offset, -2 (earliest) the log start offset, both with timestamp -1; a timestamp >= 0
// gives the first offset whose record timestamp is >= it, with that timestamp, or offset -1 and
// timestamp -1 when no record is that recent. leaderEpoch (v4+) is 0 for a found offset (one
// leader, never re-elected) and -1 otherwise. isolationLevel is accepted: with no transactions the
// last stable offset is the high watermark. -3 (max timestamp) exists from v7 only, which is not
// served; any other negative timestamp is refused with INVALID_REQUEST per partition.
// Errors: UNKNOWN_TOPIC_OR_PARTITION.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';

const LATEST = -1n;
const EARLIEST = -2n;

export default defineHandler({
  apiKey: ApiKey.ListOffsets,
  minVersion: 1,
  maxVersion: 5,
  handle(request, { broker }) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const notFound = { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, timestamp: -1n, offset: -1n, leaderEpoch: -1 };
          const log = broker.logs.partition(t.name, p.partitionIndex);
          if (!log) return { ...notFound, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          const found = (offset: bigint, timestamp: bigint) => ({ ...notFound, offset, timestamp, leaderEpoch: 0 });
          if (p.timestamp === LATEST) return found(log.logEndOffset, -1n);
          if (p.timestamp === EARLIEST) return found(log.logStartOffset, -1n);
          if (p.timestamp < 0n) return { ...notFound, errorCode: ErrorCode.INVALID_REQUEST };
          const hit = log.offsetForTimestamp(p.timestamp);
          return hit ? found(hit.offset, hit.timestamp) : notFound;
        }),
      })),
    };
  },
});
