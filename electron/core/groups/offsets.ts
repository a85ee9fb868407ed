// What one coordinator knows of its groups, a request for all of them at a time: their committed
// offsets on a topic (OffsetFetch v8+, KIP-709, many groups per request) and their states and
// members (DescribeGroups, many groups per request at every version).
import { AssignerProtocol } from 'kafkajs';
import {
  DescribeGroupsRequestSpec,
  DescribeGroupsResponseSpec,
  OffsetFetchRequestSpec,
  OffsetFetchResponseSpec,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponse,
} from '../../broker/protocol/messages.generated';
import type { GroupMember } from '../../../shared/model';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';

const offsetFetchApi = api<OffsetFetchRequest, OffsetFetchResponse>(OffsetFetchRequestSpec, OffsetFetchResponseSpec);
const describeGroupsApi = api<DescribeGroupsRequest, DescribeGroupsResponse>(DescribeGroupsRequestSpec, DescribeGroupsResponseSpec);
/** v8 is the first to take many groups; v9 adds the member epoch of KIP-848, -1 for an admin. */
const FETCH_BATCHED: [number, number] = [8, 9];

/** A group's committed offsets on one topic by partition, or Kafka's error name for the group (with its code, to retry). */
export type GroupOffsets = { offsets: Map<number, number> } | { error: string; code: number };

/** Committed offsets of `groupIds` on `topic`; undefined when the coordinator cannot batch groups (before Kafka 3.0). */
export async function fetchOffsets(wire: Wire, coordinator: number, groupIds: string[], topic: string, partitions: number[]): Promise<Map<string, GroupOffsets> | undefined> {
  if ((await wire.speaks(coordinator, offsetFetchApi, FETCH_BATCHED)) === undefined) return undefined;
  const { response } = await wire.send(coordinator, offsetFetchApi, {
    groups: groupIds.map((groupId) => ({ groupId, topics: [{ name: topic, partitionIndexes: partitions }] })),
  }, FETCH_BATCHED);
  const out = new Map<string, GroupOffsets>();
  for (const g of response.groups) {
    if (g.errorCode) {
      out.set(g.groupId, { error: kafkaErrorName(g.errorCode), code: g.errorCode });
      continue;
    }
    const offsets = new Map<number, number>();
    for (const t of g.topics) {
      if (t.name !== topic) continue;
      // A partition without a commit answers -1.
      for (const p of t.partitions) if (!p.errorCode && p.committedOffset >= 0n) offsets.set(p.partitionIndex, Number(p.committedOffset));
    }
    out.set(g.groupId, { offsets });
  }
  return out;
}

export interface DescribedGroup {
  state: string;
  members: number;
  /** Who is assigned each partition of the topic (consumer-protocol groups only). */
  assigned: Map<number, GroupMember>;
}

/** States and members of `groupIds` as their coordinator describes them, or Kafka's error name per group. */
export async function describeGroups(wire: Wire, coordinator: number, groupIds: string[], topic: string): Promise<Map<string, DescribedGroup | string>> {
  const { response } = await wire.send(coordinator, describeGroupsApi, { groups: groupIds, includeAuthorizedOperations: false }, [0, 5]);
  return new Map(response.groups.map((g) => [g.groupId, g.errorCode ? kafkaErrorName(g.errorCode) : described(g.groupState, g.protocolType, g.members, topic)]));
}

/** A group as DescribeGroups tells it (through the wire, or kafkajs's admin for older clusters). */
export function described(
  state: string,
  protocolType: string,
  members: readonly { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[],
  topic: string,
): DescribedGroup {
  const assigned = new Map<number, GroupMember>();
  if (protocolType === 'consumer') {
    for (const m of members) {
      const partitions = decodeAssignment(m.memberAssignment)?.[topic] ?? [];
      for (const p of partitions) assigned.set(p, { memberId: m.memberId, clientId: m.clientId, host: m.clientHost });
    }
  }
  return { state, members: members.length, assigned };
}

/** The consumer protocol's assignment (topic -> partitions); undefined for bytes it is not. */
function decodeAssignment(bytes: Buffer): Record<string, number[]> | undefined {
  if (bytes.length === 0) return undefined;
  try {
    return AssignerProtocol.MemberAssignment.decode(bytes)?.assignment;
  } catch {
    return undefined;
  }
}
