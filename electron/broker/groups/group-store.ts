// Group metadata in __consumer_offsets (Kafka's classic GroupMetadataManager): the coordinator
// writes a group's record (group-records.ts) when a rebalance completes with the leader's
// assignment, when the group becomes Empty and when JoinGroup creates it, and a tombstone when it
// is deleted; the newest record of each group is what compaction keeps and what a start restores.
import type { RecordToEncode } from '../protocol/record-encoder';
import type { GroupMetadataValue } from '../protocol/messages.generated';
import type { CoordinatorKey } from './offsets-topic';
import type { CoordinatorRecordOwner, OffsetsLog } from './offsets-log';
import type { Group } from './group';
import { decodeGroupMetadataValue, encodeGroupMetadataKey, encodeGroupMetadataValue, groupMetadataValue } from './group-records';

/** How the coordinator keeps its groups. Both throw OffsetStoreError when the write fails. */
export interface GroupMetadataWriter {
  /** Writes the group's record as the group is now. */
  store(group: Group, nowMs?: number): void;
  /** Writes the group's tombstone. */
  remove(groupId: string, nowMs?: number): void;
}

interface StoredGroup {
  value: Buffer;
  timestamp: bigint;
}

export class GroupMetadataStore implements CoordinatorRecordOwner, GroupMetadataWriter {
  /** groupId -> its newest record. */
  private readonly latest = new Map<string, StoredGroup>();

  constructor(private readonly offsetsLog: OffsetsLog) {
    offsetsLog.register(this);
  }

  /** The groups the log holds, as their newest records say. */
  *stored(): Iterable<[string, GroupMetadataValue]> {
    for (const [groupId, { value }] of this.latest) yield [groupId, decodeGroupMetadataValue(value)];
  }

  store(group: Group, nowMs = Date.now()): void {
    const value = encodeGroupMetadataValue(groupMetadataValue(group));
    const timestamp = BigInt(nowMs);
    this.offsetsLog.append(group.groupId, [{ key: encodeGroupMetadataKey(group.groupId), value, timestamp }], nowMs);
    this.latest.set(group.groupId, { value, timestamp });
  }

  remove(groupId: string, nowMs = Date.now()): void {
    this.offsetsLog.append(groupId, [{ key: encodeGroupMetadataKey(groupId), value: null, timestamp: BigInt(nowMs) }], nowMs);
    this.latest.delete(groupId);
  }

  replay(k: CoordinatorKey, value: Buffer | null, timestamp: bigint): void {
    if (k.type !== 'group') return;
    if (value === null) {
      this.latest.delete(k.group);
      return;
    }
    decodeGroupMetadataValue(value); // an unreadable value is skipped, not kept
    this.latest.set(k.group, { value, timestamp });
  }

  *liveRecords(): Iterable<{ groupId: string; record: RecordToEncode }> {
    for (const [groupId, { value, timestamp }] of this.latest) {
      yield { groupId, record: { key: encodeGroupMetadataKey(groupId), value, timestamp } };
    }
  }

  forget(): void {
    this.latest.clear();
  }
}
