// The __consumer_offsets topic as Kafka lays it out: a group's records live in partition
// abs(groupId.hashCode()) % offsets.topic.num.partitions, keyed by Kafka's coordinator record keys
// (an int16 version, then the struct): version 0/1 = OffsetCommitKey {group, topic, partition},
// version 2 = GroupMetadataKey {group}. Offset commits are written with key version 1 and value
// OffsetCommitValue version 3 {offset, leaderEpoch, metadata, commitTimestamp}, as Kafka 3/4 do;
// a null value (tombstone) deletes the key. Records are magic-2 uncompressed batches.
import { decode, encode } from '../protocol/codec';
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import {
  GroupMetadataKeySpec,
  OffsetCommitKeySpec,
  OffsetCommitValueSpec,
  type GroupMetadataKey,
  type OffsetCommitKey,
  type OffsetCommitValue,
} from '../protocol/messages.generated';

export const OFFSETS_TOPIC = '__consumer_offsets';
/**
 * The configs Kafka creates __consumer_offsets with (segment.bytes = offsets.topic.segment.bytes),
 * plus retention.ms=-1: this log applies time retention whatever cleanup.policy says, and Kafka
 * never deletes a compacted topic's records by age, so a commit older than 7 days must stay.
 */
export const OFFSETS_TOPIC_CONFIGS: Readonly<Record<string, string>> = {
  'cleanup.policy': 'compact',
  'segment.bytes': '104857600',
  'retention.ms': '-1',
};

export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;
export const OFFSET_COMMIT_VALUE_VERSION = 3;

/** Java's String.hashCode: s[0]*31^(n-1) + ... over UTF-16 code units, in int32 arithmetic. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: Math.abs, except Integer.MIN_VALUE maps to 0. */
const kafkaAbs = (n: number): number => (n === -0x80000000 ? 0 : Math.abs(n));

/** The __consumer_offsets partition holding a group's records. */
export function partitionForGroup(groupId: string, numPartitions: number): number {
  return kafkaAbs(javaStringHashCode(groupId)) % numPartitions;
}

export function encodeOffsetKey(group: string, topic: string, partition: number): Buffer {
  const w = new Writer(32 + group.length + topic.length).int16(OFFSET_COMMIT_KEY_VERSION);
  return encode<OffsetCommitKey>(OffsetCommitKeySpec, OFFSET_COMMIT_KEY_VERSION, { group, topic, partition }, w).toBuffer();
}

export interface StoredOffset {
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: bigint;
}

export function encodeOffsetValue(v: StoredOffset): Buffer {
  const w = new Writer(32 + v.metadata.length).int16(OFFSET_COMMIT_VALUE_VERSION);
  return encode<OffsetCommitValue>(
    OffsetCommitValueSpec,
    OFFSET_COMMIT_VALUE_VERSION,
    { offset: v.offset, leaderEpoch: v.leaderEpoch, metadata: v.metadata, commitTimestamp: v.commitTimestamp, expireTimestamp: -1n },
    w,
  ).toBuffer();
}

export type CoordinatorKey =
  | { type: 'offset'; group: string; topic: string; partition: number }
  | { type: 'group'; group: string }
  | { type: 'other'; version: number };

/** Reads a __consumer_offsets record key; throws on bytes that are not one. */
export function decodeCoordinatorKey(key: Buffer): CoordinatorKey {
  const r = new Reader(key);
  const version = r.int16();
  if (version === 0 || version === 1) {
    const k = decode<OffsetCommitKey>(OffsetCommitKeySpec, version, r);
    return { type: 'offset', group: k.group, topic: k.topic, partition: k.partition };
  }
  if (version === 2) return { type: 'group', group: decode<GroupMetadataKey>(GroupMetadataKeySpec, 2, r).group };
  return { type: 'other', version };
}

/** Reads an OffsetCommitValue (any version 0-4). */
export function decodeOffsetValue(value: Buffer): StoredOffset {
  const r = new Reader(value);
  const version = r.int16();
  const v = decode<OffsetCommitValue>(OffsetCommitValueSpec, version, r);
  return {
    offset: v.offset,
    leaderEpoch: version >= 3 ? v.leaderEpoch : -1,
    metadata: v.metadata,
    commitTimestamp: v.commitTimestamp,
  };
}
