// InitProducerId (key 22), v0-v5. A null transactionalId (an idempotent producer) always gets a
// fresh producer id with epoch 0, as Kafka's TransactionCoordinator answers it: the producerId and
// producerEpoch of v3+ (KIP-360 epoch bumps) are ignored for non-transactional producers, so a
// producer recovering from a sequence error simply starts over with a new id, whose sequences the
// log checks from scratch. Ids are never reused, even after a restart (see producer-ids.ts).
//
// A transactional id goes to the transaction coordinator (transactions/coordinator.ts): a new id,
// or the same id with its epoch bumped (fencing the previous producer); transactionTimeoutMs
// outside (0, transaction.max.timeout.ms] is INVALID_TRANSACTION_TIMEOUT; an ongoing transaction
// is aborted first and the answer is CONCURRENT_TRANSACTIONS (the client retries); a v3+
// producerId/producerEpoch that is not the id's current one is PRODUCER_FENCED, which v0-3 get as
// INVALID_PRODUCER_EPOCH. An empty transactionalId is INVALID_REQUEST, as in Kafka.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { producerIdsFor } from '../producer-ids';
import { fencedAs } from './txn-errors';

export default defineHandler({
  apiKey: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker, version }) {
    const refuse = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, producerId: -1n, producerEpoch: -1 });
    if (request.transactionalId === '') return refuse(ErrorCode.INVALID_REQUEST);
    if (request.transactionalId !== null) {
      const expected = version >= 3 && request.producerId >= 0n ? { producerId: request.producerId, producerEpoch: request.producerEpoch } : null;
      const r = broker.transactions.initProducerId(request.transactionalId, request.transactionTimeoutMs, expected);
      return { throttleTimeMs: 0, ...r, errorCode: fencedAs(r.errorCode, version, 4) };
    }
    let producerId: bigint;
    try {
      producerId = producerIdsFor(broker, broker.logs.dataDir).allocate();
    } catch (err) {
      broker.log(`cannot reserve producer ids: ${(err as Error).message}`);
      return refuse(ErrorCode.UNKNOWN_SERVER_ERROR);
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId, producerEpoch: 0 };
  },
});
