// WriteTxnMarkers (key 27), v1 (KIP-896 removed v0): writes COMMIT or ABORT markers for a producer
// to the partitions named, as a transaction coordinator asks a partition leader. Here the
// coordinator writes its own markers, so the caller is an admin: `kafka-transactions.sh abort`
// ends a hanging transaction this way. Per partition: UNKNOWN_TOPIC_OR_PARTITION, an epoch older
// than the producer's INVALID_PRODUCER_EPOCH, else the marker is appended (a marker for a producer
// with no open transaction there changes nothing, as in Kafka).
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { writeMarker } from '../transactions/markers';

export default defineHandler({
  apiKey: ApiKey.WriteTxnMarkers,
  minVersion: 1,
  maxVersion: 1,
  handle(request, { broker }) {
    const now = Date.now();
    return {
      markers: request.markers.map((m) => ({
        producerId: m.producerId,
        topics: m.topics.map((t) => ({
          name: t.name,
          partitions: t.partitionIndexes.map((partitionIndex) => {
            const log = broker.logs.partition(t.name, partitionIndex);
            if (!log) return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
            const epoch = log.activeProducers().find((p) => p.producerId === m.producerId)?.epoch;
            if (epoch !== undefined && m.producerEpoch < epoch) return { partitionIndex, errorCode: ErrorCode.INVALID_PRODUCER_EPOCH };
            const failed = writeMarker(log, m.producerId, m.producerEpoch, m.transactionResult, now);
            if (failed) broker.log(`writing a marker to ${t.name}-${partitionIndex} failed: ${failed.message}`);
            return { partitionIndex, errorCode: failed ? ErrorCode.KAFKA_STORAGE_ERROR : ErrorCode.NONE };
          }),
        })),
      })),
    };
  },
});
