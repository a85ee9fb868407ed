// What a coordinator knows of a batch of its groups, read together: one DescribeGroups (states,
// members, assignments) and one OffsetFetch of every topic (commits) for the whole batch, then the
// watermarks of every partition any of them reads (readPartitions: one Metadata, two ListOffsets
// per leader). A batch of groups costs a few requests, never one per group (Kafka 3.0+).
import type { GroupFigures, GroupMemberDetail } from '../../../shared/model';
import {
  DescribeGroupsRequestSpec,
  DescribeGroupsResponseSpec,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
} from '../../broker/protocol/messages.generated';
import { ErrorCode } from '../../broker/protocol/errors';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';
import type { TopicStates } from '../topics/partitions';
import { decodeAssignment, fetchCommits, type Commit, type GroupCommits } from './offsets';

const describeGroupsApi = api<DescribeGroupsRequest, DescribeGroupsResponse>(DescribeGroupsRequestSpec, DescribeGroupsResponseSpec);

export interface DescribedMembers {
  state: string;
  protocolType: string;
  protocol: string;
  members: GroupMemberDetail[];
}

export interface GroupReading {
  groupId: string;
  /** The description, or Kafka's error name. */
  described: DescribedMembers | string;
  commits: GroupCommits;
}

/** DescribeGroups of `groupIds` at their coordinator, members' assignments decoded where they use the consumer protocol. */
async function describeMembers(wire: Wire, coordinator: number, groupIds: string[]): Promise<Map<string, DescribedMembers | string>> {
  const { response } = await wire.send(coordinator, describeGroupsApi, { groups: groupIds, includeAuthorizedOperations: false }, [0, 5]);
  return new Map(
    response.groups.map((g) => [
      g.groupId,
      g.errorCode
        ? kafkaErrorName(g.errorCode)
        : {
            state: g.groupState,
            protocolType: g.protocolType,
            protocol: g.protocolData,
            members: g.members.map((m): GroupMemberDetail => {
              const decoded = g.protocolType === 'consumer' ? decodeAssignment(m.memberAssignment) : undefined;
              return {
                memberId: m.memberId,
                groupInstanceId: m.groupInstanceId ?? null,
                clientId: m.clientId,
                host: m.clientHost,
                assignment: decoded ? Object.entries(decoded).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) })).sort((a, b) => a.topic.localeCompare(b.topic)) : null,
                assignmentBytes: m.memberAssignment.toString('base64'),
              };
            }),
          },
    ]),
  );
}

/** The description and commits of `groupIds`, all coordinated by `coordinator`. */
export async function readGroups(wire: Wire, coordinator: number, groupIds: string[]): Promise<GroupReading[]> {
  const [described, commits] = await Promise.all([describeMembers(wire, coordinator, groupIds), fetchCommits(wire, coordinator, groupIds, null)]);
  return groupIds.map((groupId) => ({
    groupId,
    described: described.get(groupId) ?? 'no answer',
    commits: commits.get(groupId) ?? { error: 'no answer', code: -1 },
  }));
}

/** The group's commits by topic and partition (none where they could not be read). */
export const commitsOf = (r: GroupReading): Map<string, Map<number, Commit>> => ('commits' in r.commits ? r.commits.commits : new Map());

/** Topics a group committed on or its members are assigned, sorted. */
export function topicsOf(r: GroupReading): string[] {
  const topics = new Set(commitsOf(r).keys());
  if (typeof r.described === 'object') for (const m of r.described.members) for (const a of m.assignment ?? []) topics.add(a.topic);
  return [...topics].sort();
}

/** A group Kafka does not know: DescribeGroups says Dead (before v6) or GROUP_ID_NOT_FOUND, and it has no commits. */
export function isUnknown(r: GroupReading): boolean {
  const gone = typeof r.described === 'string' ? r.described === kafkaErrorName(ErrorCode.GROUP_ID_NOT_FOUND) : r.described.state === 'Dead';
  return gone && commitsOf(r).size === 0;
}

/** Records a group has yet to read of a partition: the high watermark minus its commit (never below 0), null when either is unknown. */
export const lagOf = (committed: number | undefined, highWatermark: number): number | null =>
  committed !== undefined && highWatermark >= 0 ? Math.max(0, highWatermark - committed) : null;

/** The groups list's figures of a group, from its reading and the watermarks of its topics. */
export function figuresOf(r: GroupReading, states: TopicStates, listedState: string): GroupFigures {
  const d = typeof r.described === 'object' ? r.described : undefined;
  let lag: number | null = null;
  let maxLag: number | null = null;
  let partitions = 0;
  for (const [topic, byPartition] of commitsOf(r)) {
    const state = states.topics.get(topic);
    for (const [partition, commit] of byPartition) {
      partitions++;
      const l = lagOf(commit.offset, state?.partitions[partition]?.highWatermark ?? -1);
      if (l === null) continue;
      lag = (lag ?? 0) + l;
      maxLag = Math.max(maxLag ?? 0, l);
    }
  }
  const errors = [typeof r.described === 'string' ? `its members could not be read (${r.described})` : '', 'error' in r.commits ? `its offsets could not be read (${r.commits.error})` : ''].filter(Boolean);
  return {
    groupId: r.groupId,
    state: d?.state ?? listedState,
    members: d ? d.members.length : null,
    protocol: d?.protocol ?? '',
    topics: topicsOf(r),
    partitions,
    lag,
    maxLag,
    ...(errors.length ? { error: `Group "${r.groupId}": ${errors.join('; ')}` } : {}),
  };
}
