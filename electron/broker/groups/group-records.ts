// A classic group's metadata record in __consumer_offsets, as Kafka 4's
// GroupCoordinatorRecordHelpers writes it: key GroupMetadataKey (version 2) {group}, value
// GroupMetadataValue version 3 {protocolType, generation, protocol, leader, currentStateTimestamp,
// members: [{memberId, groupInstanceId, clientId, clientHost, rebalanceTimeout, sessionTimeout,
// subscription, assignment}]}, where subscription is the member's metadata for the chosen protocol.
// Reading (Kafka's replay of GroupMetadataValue): any version 0-4; an empty protocol type is none,
// a rebalance timeout of -1 (version 0) is the session timeout, and a group with members is
// Stable, one without Empty.
import { decode, encode } from '../protocol/codec';
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import { GroupMetadataKeySpec, GroupMetadataValueSpec, type GroupMetadataKey, type GroupMetadataValue } from '../protocol/messages.generated';
import { GROUP_METADATA_KEY_VERSION } from './offsets-topic';
import { Group, type Member } from './group';

/** The value version Kafka 4 writes for classic groups. */
export const GROUP_METADATA_VALUE_VERSION = 3;

export function encodeGroupMetadataKey(group: string): Buffer {
  const w = new Writer(8 + group.length).int16(GROUP_METADATA_KEY_VERSION);
  return encode<GroupMetadataKey>(GroupMetadataKeySpec, GROUP_METADATA_KEY_VERSION, { group }, w).toBuffer();
}

/** The record of a group as it is now (Kafka's newGroupMetadataRecord). */
export function groupMetadataValue(group: Group): GroupMetadataValue {
  return {
    protocolType: group.protocolType ?? '',
    generation: group.generationId,
    protocol: group.protocolName,
    leader: group.leaderId,
    currentStateTimestamp: BigInt(group.currentStateTimestamp ?? -1),
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeout: m.rebalanceTimeoutMs,
      sessionTimeout: m.sessionTimeoutMs,
      subscription: group.metadataOf(m),
      assignment: m.assignment,
    })),
  };
}

export function encodeGroupMetadataValue(v: GroupMetadataValue): Buffer {
  const w = new Writer(256).int16(GROUP_METADATA_VALUE_VERSION);
  return encode<GroupMetadataValue>(GroupMetadataValueSpec, GROUP_METADATA_VALUE_VERSION, v, w).toBuffer();
}

/** Reads a GroupMetadataValue (any version 0-4); throws on bytes that are not one. */
export function decodeGroupMetadataValue(value: Buffer): GroupMetadataValue {
  const r = new Reader(value);
  const version = r.int16();
  return decode<GroupMetadataValue>(GroupMetadataValueSpec, version, r);
}

/** The group a stored record describes: its members are restored with their assignments, sessions not yet started. */
export function groupFromRecord(groupId: string, v: GroupMetadataValue): Group {
  const group = new Group(groupId);
  group.protocolType = v.protocolType === '' ? null : v.protocolType;
  group.generationId = v.generation;
  group.protocolName = v.protocol;
  group.leaderId = v.leader;
  for (const m of v.members) {
    const member: Member = {
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      sessionTimeoutMs: m.sessionTimeout,
      rebalanceTimeoutMs: m.rebalanceTimeout === -1 ? m.sessionTimeout : m.rebalanceTimeout,
      protocolType: v.protocolType,
      protocols: v.protocol === null ? [] : [{ name: v.protocol, metadata: m.subscription }],
      assignment: m.assignment,
    };
    group.members.set(member.memberId, member);
    if (member.groupInstanceId !== null) group.staticMembers.set(member.groupInstanceId, member.memberId);
  }
  group.state = group.isEmpty ? 'Empty' : 'Stable';
  group.currentStateTimestamp = v.currentStateTimestamp === -1n ? null : Number(v.currentStateTimestamp);
  return group;
}
