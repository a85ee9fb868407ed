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
import { OFFSET_METADATA_MAX_BYTES, OffsetStoreError, groupsOf, type OffsetToCommit } from '../groups/offsets';
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
    const codes = request.topics.map((t) => t.partitions.map((): number => common));
    if (common === ErrorCode.NONE) {
      const toWrite: OffsetToCommit[] = [];
      const written: [number, number][] = [];
      request.topics.forEach((t, ti) => {
        const info = broker.logs.getTopic(t.name);
        t.partitions.forEach((p, pi) => {
          const metadata = p.committedMetadata ?? '';
          if (!info || p.partitionIndex < 0 || p.partitionIndex >= info.partitions) {
            codes[ti][pi] = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
          } else if (Buffer.byteLength(metadata, 'utf8') > OFFSET_METADATA_MAX_BYTES) {
            codes[ti][pi] = ErrorCode.OFFSET_METADATA_TOO_LARGE;
          } else {
            const leaderEpoch = version >= 2 ? p.committedLeaderEpoch : -1;
            toWrite.push({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch, metadata });
            written.push([ti, pi]);
          }
        });
      });
      try {
        broker.offsets.commitTransactional(groupId, producerId, producerEpoch, toWrite);
      } catch (err) {
        const code = err instanceof OffsetStoreError ? err.errorCode : ErrorCode.UNKNOWN_SERVER_ERROR;
        broker.log(`transactional offset commit of group ${groupId} failed: ${(err as Error).message}`);
        for (const [ti, pi] of written) codes[ti][pi] = code;
      }
    }
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t, ti) => ({
        name: t.name,
        partitions: t.partitions.map((p, pi) => ({ partitionIndex: p.partitionIndex, errorCode: codes[ti][pi] })),
      })),
    };
  },
});
