// DeleteRecords (key 21), v0-v2 (kafkajs asks for v0..1). Moves each partition's log start offset
// up to `offset` (-1: the high watermark) and deletes the segments wholly below it; the answer's
// lowWatermark is the new log start offset (never lowered: an offset below it changes nothing).
// An offset past the high watermark, or negative other than -1, gives OFFSET_OUT_OF_RANGE; an
// unknown topic or partition UNKNOWN_TOPIC_OR_PARTITION; both with lowWatermark -1.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';

export default defineHandler({
  apiKey: ApiKey.DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker }) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const log = broker.logs.partition(t.name, p.partitionIndex);
          if (!log) return { partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          const result = log.deleteRecordsBefore(p.offset);
          if ('error' in result) {
            if (result.error === 'KAFKA_STORAGE_ERROR') broker.log(result.message);
            return { partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode: result.code };
          }
          return { partitionIndex: p.partitionIndex, lowWatermark: result.lowWatermark, errorCode: ErrorCode.NONE };
        }),
      })),
    };
  },
});
