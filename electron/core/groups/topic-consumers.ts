// topics:consumers: the consumer groups that committed offsets on one topic, with their lag per
// partition, in as few requests as Kafka allows. ListGroups of every broker; one FindCoordinator
// for every group; per coordinator one OffsetFetch for all its groups and one DescribeGroups for
// those with offsets on the topic; the high watermarks from one ListOffsets per leader. A cluster
// before Kafka 3.0 cannot batch FindCoordinator or OffsetFetch: there kafkajs's admin asks per group.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { GroupPartitionLag, TopicConsumerGroup } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import type { Wire } from '../clusters/wire';
import type { Handlers } from '../registry';
import { unknownTopic } from '../topics/handlers';
import { readPartitions, type PartitionState } from '../topics/partitions';
import type { GroupState } from '../clusters/group-states';
import { findCoordinators, listGroups, retriable } from './coordinators';
import { described, describeGroups, fetchOffsets, type DescribedGroup, type GroupOffsets } from './offsets';

type ConsumerHandlers = Pick<Handlers, 'topics:consumers'>;

const ROUNDS = 3;
const RETRY_MS = 250;

/** What was read of the groups: offsets of every group, descriptions of those with offsets on the topic. */
interface Reading {
  offsets: Map<string, GroupOffsets>;
  described: Map<string, DescribedGroup | string>;
}

const hasOffsets = (o: GroupOffsets | undefined): o is { offsets: Map<number, number> } => o !== undefined && 'offsets' in o && o.offsets.size > 0;

/** Through the wire, a request per coordinator at a time; groups the cluster cannot batch are left in `legacy`. */
async function readBatched(wire: Wire, groupIds: string[], topic: string, partitions: number[], into: Reading): Promise<string[]> {
  const legacy: string[] = [];
  let pending = groupIds;
  for (let round = 1; pending.length && round <= ROUNDS; round++) {
    if (round > 1) await sleep(RETRY_MS);
    const coordinators = await findCoordinators(wire, pending);
    if (!coordinators) return [...legacy, ...pending];
    for (const [groupId, error] of coordinators.failed) if (!coordinators.byGroup.has(groupId)) into.offsets.set(groupId, { error, code: -1 });
    const byCoordinator = new Map<number, string[]>();
    for (const [groupId, node] of coordinators.byGroup) byCoordinator.set(node, [...(byCoordinator.get(node) ?? []), groupId]);
    const again: string[] = [];
    await Promise.all(
      [...byCoordinator].map(async ([node, ids]) => {
        const fetched = await fetchOffsets(wire, node, ids, topic, partitions);
        if (!fetched) {
          legacy.push(...ids);
          return;
        }
        for (const [groupId, offsets] of fetched) {
          into.offsets.set(groupId, offsets);
          if ('code' in offsets && retriable.has(offsets.code)) again.push(groupId);
        }
        const withOffsets = ids.filter((g) => hasOffsets(fetched.get(g)));
        if (withOffsets.length) for (const [groupId, d] of await describeGroups(wire, node, withOffsets, topic)) into.described.set(groupId, d);
      }),
    );
    pending = again;
  }
  return legacy;
}

/** Through kafkajs's admin, one OffsetFetch per group: for clusters before Kafka 3.0. */
async function readPerGroup(admin: Admin, groupIds: string[], topic: string, into: Reading): Promise<void> {
  await Promise.all(
    groupIds.map(async (groupId) => {
      const [read] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const offsets = new Map<number, number>();
      for (const p of read?.partitions ?? []) if (Number(p.offset) >= 0) offsets.set(p.partition, Number(p.offset));
      into.offsets.set(groupId, { offsets });
    }),
  );
  const withOffsets = groupIds.filter((g) => hasOffsets(into.offsets.get(g)));
  if (withOffsets.length === 0) return;
  const { groups } = await admin.describeGroups(withOffsets);
  for (const g of groups) into.described.set(g.groupId, described(g.state, g.protocolType, g.members, topic));
}

/** One group's row: every partition it committed on or a member is assigned, with the lag. */
function row(listed: GroupState, committed: Map<number, number>, description: DescribedGroup | string | undefined, partitions: PartitionState[]): TopicConsumerGroup {
  const d = typeof description === 'object' ? description : undefined;
  const lags: GroupPartitionLag[] = [];
  for (const p of partitions) {
    const offset = committed.get(p.partition);
    const member = d?.assigned.get(p.partition);
    if (offset === undefined && !member) continue;
    const lag = offset !== undefined && p.highWatermark >= 0 ? Math.max(0, p.highWatermark - offset) : null;
    lags.push({ partition: p.partition, committedOffset: offset ?? null, highWatermark: p.highWatermark, lag, ...(member ? { member } : {}) });
  }
  return {
    groupId: listed.groupId,
    state: d?.state ?? listed.state,
    ...(listed.type ? { type: listed.type } : {}),
    members: d ? d.members : null,
    lag: lags.reduce((sum, p) => sum + (p.lag ?? 0), 0),
    partitions: lags,
    ...(typeof description === 'string' ? { error: `Its members could not be read (${description})` } : {}),
  };
}

export function topicConsumerHandlers(pool: AdminPool): ConsumerHandlers {
  return {
    'topics:consumers': ({ id, topic }) =>
      pool.onWire(id, `reading the consumer groups of ${topic}`, async (wire) => {
        const [state, listed] = await Promise.all([readPartitions(wire, [topic]).then((s) => s.topics.get(topic)), listGroups(wire)]);
        if (!state || state.error === 'UNKNOWN_TOPIC_OR_PARTITION') throw unknownTopic(topic);
        // Share groups (KIP-932) keep no committed offsets.
        const groups = listed.groups.filter((g) => g.type !== 'share');
        const reading: Reading = { offsets: new Map(), described: new Map() };
        const ids = groups.map((g) => g.groupId);
        const legacy = await readBatched(wire, ids, topic, state.partitions.map((p) => p.partition), reading);
        if (legacy.length) await pool.call(id, `reading the offsets of ${legacy.length} groups`, (admin) => readPerGroup(admin, legacy, topic, reading), topic);
        const missing = [...listed.missing];
        const rows: TopicConsumerGroup[] = [];
        for (const g of groups) {
          const read = reading.offsets.get(g.groupId);
          if (read && 'error' in read) missing.push(`The offsets of group "${g.groupId}" could not be read (${read.error})`);
          if (hasOffsets(read)) rows.push(row(g, read.offsets, reading.described.get(g.groupId), state.partitions));
        }
        return { topic, groups: rows, missing };
      }),
  };
}
