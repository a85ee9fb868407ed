// DeleteRecords (key 21), v0-v2 (kafkajs asks for v0..1). Moves each partition's log start offset
// up to `offset` (-1: the high watermark) and deletes the segments wholly below it; the answer's
// lowWatermark is the new log start offset (never lowered: an offset below it changes nothing).
// An offset past the high watermark, or negative other than -1, gives OFFSET_OUT_OF_RANGE; an
// unknown topic or partition UNKNOWN_TOPIC_OR_PARTITION; both with lowWatermark -1. A topic whose
// cleanup.policy lacks "delete" (compact alone) gives POLICY_VIOLATION for each of its partitions,
// whatever the offset, as Kafka's Partition.deleteRecordsOnLeader checks the policy first.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { describeTopicConfigs } from '../topic-configs';
import type { Broker } from '../broker';

/** Whether the topic's cleanup.policy in force lets records be deleted (Kafka's LogConfig.delete). */
function deletable(broker: Broker, topic: string): boolean {
  const info = broker.logs.getTopic(topic);
  if (!info) return true;
  const policy = describeTopicConfigs(info.configs, broker.config).find((c) => c.name === 'cleanup.policy')?.value ?? 'delete';
  return policy.split(',').some((p) => p.trim() === 'delete');
}

export default defineHandler({
  apiKey: ApiKey.DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker }) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => {
        const policyAllows = deletable(broker, t.name);
        const partitions = t.partitions.map((p) => {
          const log = broker.logs.partition(t.name, p.partitionIndex);
          if (!log) return { partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          if (!policyAllows) return { partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.POLICY_VIOLATION };
          const result = log.deleteRecordsBefore(p.offset);
          if ('error' in result) {
            if (result.error === 'KAFKA_STORAGE_ERROR') broker.log(result.message);
            return { partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode: result.code };
          }
          return { partitionIndex: p.partitionIndex, lowWatermark: result.lowWatermark, errorCode: ErrorCode.NONE };
        });
        return { name: t.name, partitions };
      }),
    };
  },
});
