// InitProducerId (key 22), v0-v5. A null transactionalId (an idempotent producer) always gets a
// fresh producer id with epoch 0, as Kafka's TransactionCoordinator answers it: the producerId and
// producerEpoch of v3+ (KIP-360 epoch bumps) are ignored for non-transactional producers, so a
// producer recovering from a sequence error simply starts over with a new id, whose sequences the
// log checks from scratch. Ids are never reused, even after a restart (see producer-ids.ts).
//
// Transactions are not supported yet. An empty transactionalId is INVALID_REQUEST, as in Kafka. Any
// other transactionalId is answered COORDINATOR_NOT_AVAILABLE: what Kafka answers while no
// transaction coordinator can serve the id (its __transaction_state partition is not online). It
// names the actual situation, where TRANSACTIONAL_ID_AUTHORIZATION_FAILED would blame ACLs and
// INVALID_TXN_STATE a transaction that does not exist; clients retry it until their own timeout
// (initTransactions() / transaction.timeout.ms) and then report it.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { producerIdsFor } from '../producer-ids';

export default defineHandler({
  apiKey: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker }) {
    const refuse = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, producerId: -1n, producerEpoch: -1 });
    if (request.transactionalId === '') return refuse(ErrorCode.INVALID_REQUEST);
    if (request.transactionalId !== null) return refuse(ErrorCode.COORDINATOR_NOT_AVAILABLE);
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
