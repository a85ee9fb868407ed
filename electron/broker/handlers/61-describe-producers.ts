// DescribeProducers (key 61), v0: per partition the producers the log knows (from its producer
// state), with epoch, last sequence, last timestamp (of a batch or of a marker), the coordinator
// epoch of their last marker (-1 when none; this coordinator's is always 0) and the first offset
// of their open transaction (-1 when none), as kafka-transactions.sh
// describe-producers prints them. An unknown topic or partition is UNKNOWN_TOPIC_OR_PARTITION.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { COORDINATOR_EPOCH } from '../transactions/markers';

export default defineHandler({
  apiKey: ApiKey.DescribeProducers,
  minVersion: 0,
  maxVersion: 0,
  handle(request, { broker }) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => {
          const log = broker.logs.partition(t.name, partitionIndex);
          if (!log) {
            return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: null, activeProducers: [] };
          }
          return {
            partitionIndex,
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            activeProducers: log.activeProducers().map((p) => ({
              producerId: p.producerId,
              producerEpoch: p.epoch,
              lastSequence: p.lastSequence,
              lastTimestamp: p.lastTimestamp,
              coordinatorEpoch: p.wroteMarker ? COORDINATOR_EPOCH : -1,
              currentTxnStartOffset: p.txnStartOffset,
            })),
          };
        }),
      })),
    };
  },
});
