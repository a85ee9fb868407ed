// TxnOffsetCommit (key 28), v0-4: offsets committed inside a transaction (consume-transform-
// produce). The group's __consumer_offsets partition must be in the producer's ongoing transaction
// (AddOffsetsToTxn), else INVALID_TXN_STATE, which v4+ (KIP-890) get as TRANSACTION_ABORTABLE, as
// Kafka 4.3.1 answers; an epoch older than the transaction's is
// INVALID_PRODUCER_EPOCH. From v3 a known group checks memberId and generationId as OffsetCommit
// does (generation -1 skips the check). Per partition as OffsetCommit: UNKNOWN_TOPIC_OR_PARTITION,
// OFFSET_METADATA_TOO_LARGE; the rest are written at once in a transactional batch of the producer
// (groups/offsets.ts) and take effect when the transaction commits.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { planCommit } from '../groups/commit-partitions';
import { OffsetStoreError, groupsOf } from '../groups/offsets';
import { OFFSETS_TOPIC } from '../groups/offsets-topic';

export default defineHandler({
  apiKey: ApiKey.TxnOffsetCommit,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, version }) {
    const { groupId, producerId, producerEpoch } = request;
    let common: number = broker.transactions.verifyPartition(
      request.transactionalId,
      producerId,
      producerEpoch,
      OFFSETS_TOPIC,
      broker.offsets.partitionFor(groupId),
    );
    if (common === ErrorCode.INVALID_TXN_STATE && version >= 4) common = ErrorCode.TRANSACTION_ABORTABLE;
    const group = groupsOf(broker)?.get(groupId);
    if (common === ErrorCode.NONE && version >= 3 && request.generationId >= 0 && group?.validateCommit) {
      common = group.validateCommit(request.memberId, request.generationId, request.groupInstanceId);
    }
    const plan = planCommit(broker.logs, request.topics, common, version >= 2);
    if (common === ErrorCode.NONE) {
      try {
        broker.offsets.commitTransactional(groupId, producerId, producerEpoch, plan.toWrite);
      } catch (err) {
        plan.failed(err instanceof OffsetStoreError ? err.errorCode : ErrorCode.UNKNOWN_SERVER_ERROR);
        broker.log(`transactional offset commit of group ${groupId} failed: ${(err as Error).message}`);
      }
    }
    return { throttleTimeMs: 0, topics: plan.answer() };
  },
});
