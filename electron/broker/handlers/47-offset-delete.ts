// OffsetDelete (key 47), v0. Deletes committed offsets of a group with tombstones in
// __consumer_offsets, as Kafka's ClassicGroup.validateOffsetDelete and isSubscribedToTopic decide:
// an empty group id is INVALID_GROUP_ID; a group neither the coordinator nor the offsets know, or a
// Dead one, GROUP_ID_NOT_FOUND; a non-empty group that is not a consumer group (protocol type other
// than "consumer") NON_EMPTY_GROUP. Per partition: an unknown topic or partition is
// UNKNOWN_TOPIC_OR_PARTITION; a topic a member of a non-empty consumer group subscribes to (read
// from the members' ConsumerProtocolSubscription; unreadable metadata counts as subscribed) is
// GROUP_SUBSCRIBED_TO_TOPIC; anything else is deleted (no error when there was no offset).
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { Reader } from '../protocol/reader';
import { OffsetStoreError, groupsOf, type GroupView } from '../groups/offsets';

/** The topics of a ConsumerProtocolSubscription (every version starts: int16 version, [string] topics); null if unreadable. */
function subscribedTopics(metadata: Buffer): string[] | null {
  try {
    const r = new Reader(metadata);
    r.int16();
    const n = r.int32();
    if (n < 0) return null;
    const topics: string[] = [];
    for (let i = 0; i < n; i++) topics.push(r.string() ?? '');
    return topics;
  } catch {
    return null;
  }
}

/** Whether a member of a non-empty consumer group subscribes to the topic (Kafka's isSubscribedToTopic). */
function isSubscribed(group: GroupView, topic: string): boolean {
  if (group.state === 'Empty' || !group.members) return false;
  for (const m of group.members.values()) {
    const protocol = m.protocols.find((p) => p.name === group.protocolName) ?? m.protocols[0];
    if (!protocol) continue;
    const topics = subscribedTopics(protocol.metadata);
    if (topics === null || topics.includes(topic)) return true;
  }
  return false;
}

export default defineHandler({
  apiKey: ApiKey.OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  handle(request, { broker }) {
    const { groupId } = request;
    const fail = (errorCode: number) => ({ errorCode, throttleTimeMs: 0, topics: [] });
    if (groupId === '') return fail(ErrorCode.INVALID_GROUP_ID);
    const group = groupsOf(broker)?.get(groupId);
    if ((!group && !broker.offsets.hasOffsets(groupId)) || group?.state === 'Dead') return fail(ErrorCode.GROUP_ID_NOT_FOUND);
    if (group && group.state !== 'Empty' && group.protocolType !== 'consumer') return fail(ErrorCode.NON_EMPTY_GROUP);
    const doomed: { topic: string; partition: number }[] = [];
    const topics = request.topics.map((t) => {
      const info = broker.logs.getTopic(t.name);
      const subscribed = group !== undefined && isSubscribed(group, t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((p) => {
          let errorCode: number = ErrorCode.NONE;
          if (!info || p.partitionIndex < 0 || p.partitionIndex >= info.partitions) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
          else if (subscribed) errorCode = ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC;
          else doomed.push({ topic: t.name, partition: p.partitionIndex });
          return { partitionIndex: p.partitionIndex, errorCode };
        }),
      };
    });
    try {
      broker.offsets.delete(groupId, doomed);
    } catch (err) {
      broker.log(`offset delete of group ${groupId} failed: ${(err as Error).message}`);
      return fail(err instanceof OffsetStoreError ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.UNKNOWN_SERVER_ERROR);
    }
    return { errorCode: ErrorCode.NONE, throttleTimeMs: 0, topics };
  },
});
