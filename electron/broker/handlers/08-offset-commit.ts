// OffsetCommit (key 8), v2-v8 (Kafka 4's minimum is v2; v8 is the first flexible version; v9 is the
// KIP-848 consumer protocol, not served). The empty group id is a group like any other, as Kafka 4
// keeps it for old clients ("for backwards compatibility"; only JoinGroup refuses it). A group the coordinator knows checks the commit with Group.validateCommit
// (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID; generation -1
// while Empty is a simple commit). A group it does not know accepts only a simple commit
// (generation < 0), which creates the group Empty as Kafka does; a generation >= 0 is
// ILLEGAL_GENERATION. A refused commit writes nothing. Then per partition: an unknown topic or
// partition is UNKNOWN_TOPIC_OR_PARTITION, metadata over 4096 bytes OFFSET_METADATA_TOO_LARGE; the
// rest are written together as one batch to the group's partition of __consumer_offsets
// (groups/offsets.ts) before the answer; a failed write is COORDINATOR_NOT_AVAILABLE. retentionTimeMs (v2-v4) is ignored, as Kafka 4 does.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { planCommit } from '../groups/commit-partitions';
import { OffsetStoreError, groupsOf } from '../groups/offsets';

export default defineHandler({
  apiKey: ApiKey.OffsetCommit,
  minVersion: 2,
  maxVersion: 8,
  handle(request, { broker, version }) {
    const { groupId, memberId, generationIdOrMemberEpoch: generationId } = request;
    const groupInstanceId = version >= 7 ? request.groupInstanceId : null;
    const group = groupsOf(broker)?.get(groupId);
    const groupError: number = group
      ? group.validateCommit
        ? group.validateCommit(memberId, generationId, groupInstanceId)
        : group.state === 'Empty' && generationId < 0
          ? ErrorCode.NONE
          : ErrorCode.ILLEGAL_GENERATION
      : generationId >= 0
        ? ErrorCode.ILLEGAL_GENERATION
        : ErrorCode.NONE;
    const plan = planCommit(broker.logs, request.topics, groupError, version >= 6);
    if (plan.toWrite.length > 0) {
      try {
        // A simple commit to a group the coordinator does not know yet creates it, Empty.
        const coordinator = groupsOf(broker);
        if (coordinator?.getOrCreate && !coordinator.get(groupId)) coordinator.getOrCreate(groupId);
        broker.offsets.commit(groupId, plan.toWrite);
      } catch (err) {
        // Kafka answers a failed write to __consumer_offsets with a retriable coordinator error.
        plan.failed(err instanceof OffsetStoreError ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.UNKNOWN_SERVER_ERROR);
        broker.log(`offset commit of group ${groupId} failed: ${(err as Error).message}`);
      }
    }
    return { throttleTimeMs: 0, topics: plan.answer() };
  },
});
