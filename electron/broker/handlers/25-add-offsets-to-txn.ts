// AddOffsetsToTxn (key 25), v0-4: adds the group's partition of __consumer_offsets to the ongoing
// transaction, so its TxnOffsetCommit offsets are decided by the transaction's marker. Errors as
// AddPartitionsToTxn's (PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2).
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { OFFSETS_TOPIC } from '../groups/offsets-topic';
import { fencedAs } from './txn-errors';

export default defineHandler({
  apiKey: ApiKey.AddOffsetsToTxn,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, version }) {
    broker.offsets.offsetsLog.ensureTopic();
    const partition = { topic: OFFSETS_TOPIC, partition: broker.offsets.partitionFor(request.groupId) };
    const code = broker.transactions.addPartitions(request.transactionalId, request.producerId, request.producerEpoch, [partition]);
    return { throttleTimeMs: 0, errorCode: fencedAs(code, version, 2) };
  },
});
