// EndTxn (key 26), v0-4: commits or aborts the producer's ongoing transaction. The coordinator
// writes PrepareCommit/PrepareAbort, a marker to every partition of the transaction, then
// CompleteCommit/CompleteAbort, before answering. INVALID_TXN_STATE when no transaction is
// ongoing (or it ended the other way), NONE for a retry of the one just ended,
// INVALID_PRODUCER_ID_MAPPING for an unknown transactional id or producer id, PRODUCER_FENCED for
// another epoch (INVALID_PRODUCER_EPOCH before v2). v5 (an epoch bump per transaction, KIP-890
// part 2) is not served, so clients use the classic protocol.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { fencedAs } from './txn-errors';

export default defineHandler({
  apiKey: ApiKey.EndTxn,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, version }) {
    const code = broker.transactions.endTxn(request.transactionalId, request.producerId, request.producerEpoch, request.committed);
    return { throttleTimeMs: 0, errorCode: fencedAs(code, version, 2), producerId: -1n, producerEpoch: -1 };
  },
});
