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

export interface Commit {
  offset: number;
  metadata: string | null;
}

/** A group's commits by topic and partition, or Kafka's error name for the group (with its code, to retry). */
export type GroupCommits = { commits: Map<string, Map<number, Commit>> } | { error: string; code: number };

/** A group's part of an answer: the group's own at v8+, the answer's top level before. */
type FetchedGroup = Pick<OffsetFetchResponse['groups'][number], 'errorCode' | 'topics'>;

function commitsOf(g: FetchedGroup): GroupCommits {
  if (g.errorCode) return { error: kafkaErrorName(g.errorCode), code: g.errorCode };
  const commits = new Map<string, Map<number, Commit>>();
  for (const t of g.topics) {
    const byPartition = new Map<number, Commit>();
    // A partition without a commit answers -1.
    for (const p of t.partitions) if (!p.errorCode && p.committedOffset >= 0n) byPartition.set(p.partitionIndex, { offset: Number(p.committedOffset), metadata: p.metadata });
    if (byPartition.size) commits.set(t.name, byPartition);
  }
  return { commits };
}

/**
 * The commits of `groupIds`, on the named topics' partitions or on every topic (null), from their
 * coordinator: one request for all where it batches (Kafka 3.0+), one per group before.
 */
export async function fetchCommits(wire: Wire, coordinator: number, groupIds: string[], topics: { name: string; partitionIndexes: number[] }[] | null): Promise<Map<string, GroupCommits>> {
  const out = new Map<string, GroupCommits>();
  if ((await wire.speaks(coordinator, offsetFetchApi, FETCH_BATCHED)) !== undefined) {
    const { response } = await wire.send(coordinator, offsetFetchApi, { groups: groupIds.map((groupId) => ({ groupId, topics })) }, FETCH_BATCHED);
    for (const g of response.groups) out.set(g.groupId, commitsOf(g));
    return out;
  }
  // v2 is the first to read every topic (null); before v8 a group is a request of its own.
  await Promise.all(
    groupIds.map(async (groupId) => {
      const { response } = await wire.send(coordinator, offsetFetchApi, { groupId, topics }, [2, 7]);
      out.set(groupId, commitsOf(response));
    }),
  );
  return out;
}

/** Committed offsets of `groupIds` on `topic`; undefined when the coordinator cannot batch groups (before Kafka 3.0). */
export async function fetchOffsets(wire: Wire, coordinator: number, groupIds: string[], topic: string, partitions: number[]): Promise<Map<string, GroupOffsets> | undefined> {
  if ((await wire.speaks(coordinator, offsetFetchApi, FETCH_BATCHED)) === undefined) return undefined;
  const out = new Map<string, GroupOffsets>();
  for (const [groupId, read] of await fetchCommits(wire, coordinator, groupIds, [{ name: topic, partitionIndexes: partitions }])) {
    out.set(groupId, 'error' in read ? read : { offsets: new Map([...(read.commits.get(topic) ?? [])].map(([p, c]) => [p, c.offset])) });
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
export function decodeAssignment(bytes: Buffer): Record<string, number[]> | undefined {
  if (bytes.length === 0) return undefined;
  try {
    return AssignerProtocol.MemberAssignment.decode(bytes)?.assignment;
  } catch {
    return undefined;
  }
}
