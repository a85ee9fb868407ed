// DescribeTransactions (key 65), v0: per transactional id its state (Kafka's names: Empty, Ongoing,
// PrepareCommit, ...), timeout, start time (-1 when none is open), producer id and epoch, and the
// partitions of its transaction; an id the coordinator does not hold is TRANSACTIONAL_ID_NOT_FOUND
// with every other field zero, as Kafka answers it.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { txnStateName } from '../transactions/coordinator';

export default defineHandler({
  apiKey: ApiKey.DescribeTransactions,
  minVersion: 0,
  maxVersion: 0,
  handle(request, { broker }) {
    return {
      throttleTimeMs: 0,
      transactionStates: request.transactionalIds.map((transactionalId) => {
        const m = broker.transactions.get(transactionalId);
        if (!m) {
          return {
            errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND,
            transactionalId,
            transactionState: '',
            transactionTimeoutMs: 0,
            transactionStartTimeMs: 0n,
            producerId: 0n,
            producerEpoch: 0,
            topics: [],
          };
        }
        return {
          errorCode: ErrorCode.NONE,
          transactionalId,
          transactionState: txnStateName(m),
          transactionTimeoutMs: m.timeoutMs,
          transactionStartTimeMs: BigInt(m.startTimestamp),
          producerId: m.producerId,
          producerEpoch: m.producerEpoch,
          topics: [...m.partitions].map(([topic, set]) => ({ topic, partitions: [...set].sort((a, b) => a - b) })),
        };
      }),
    };
  },
});
