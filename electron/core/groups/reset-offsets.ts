// Offset resets as kafka-consumer-groups --reset-offsets does them: the partitions in scope (every
// one the group committed on, a topic's, or chosen ones), where each lands for the mode (earliest,
// latest, a time, now minus a duration, an offset, a shift), kept within the log start and end as
// Kafka keeps them, and the lag after. A plan never writes; applying it is one OffsetCommit as an
// admin (generation -1, no member), which Kafka accepts only while the group has no members.
import { BrookError } from '../../../shared/errors';
import type { GroupMember, ResetPlan, ResetRow, ResetScope, ResetTarget } from '../../../shared/model';
import {
  OffsetCommitRequestSpec,
  OffsetCommitResponseSpec,
  type OffsetCommitRequest,
  type OffsetCommitResponse,
} from '../../broker/protocol/messages.generated';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';
import { unknownTopic } from '../topics/handlers';
import { listOffsetsAt, readPartitions, type PartitionState, type TopicStates } from '../topics/partitions';
import { coordinatorOf } from './coordinators';
import { commitsOf, readGroups } from './group-reading';

const offsetCommitApi = api<OffsetCommitRequest, OffsetCommitResponse>(OffsetCommitRequestSpec, OffsetCommitResponseSpec);
/** States in which Kafka lets an admin commit: no member holds the partitions. */
const INACTIVE = new Set(['Empty', 'Dead']);

const invalid = (message: string) => new BrookError({ code: 'INVALID_INPUT', message });

/** Where one partition lands: the mode's offset, within [log start, log end]. */
function landing(target: ResetTarget, current: number | null, p: PartitionState, byTime: number | undefined, where: string): number {
  const clamp = (o: number) => Math.min(Math.max(o, p.logStartOffset), p.highWatermark);
  switch (target.to) {
    case 'earliest':
      return p.logStartOffset;
    case 'latest':
      return p.highWatermark;
    case 'datetime':
    case 'duration':
      // No record at or after the time: the log end, as Kafka's tool does.
      return byTime === undefined || byTime < 0 ? p.highWatermark : byTime;
    case 'offset':
      return clamp(target.offset);
    case 'shift':
      if (current === null) throw invalid(`Cannot shift offset for partition ${where} since there is no current committed offset`);
      return clamp(current + target.by);
  }
}

export async function planReset(wire: Wire, groupId: string, scope: ResetScope, target: ResetTarget): Promise<{ plan: ResetPlan; coordinator: number }> {
  const coordinator = await coordinatorOf(wire, groupId);
  const [reading] = await readGroups(wire, coordinator, [groupId]);
  if (!reading) throw new BrookError({ code: 'KAFKA_ERROR', message: `Group "${groupId}" could not be read` });
  const commits = commitsOf(reading);
  const wanted = new Map<string, number[] | null>();
  if (scope.topic) wanted.set(scope.topic, scope.partitions ?? null);
  else for (const [topic, byPartition] of commits) wanted.set(topic, [...byPartition.keys()]);
  const states: TopicStates = wanted.size ? await readPartitions(wire, [...wanted.keys()]) : { topics: new Map(), brokers: [] };

  const chosen: { topic: string; p: PartitionState }[] = [];
  for (const [topic, partitions] of wanted) {
    const state = states.topics.get(topic);
    if (!state || state.error === 'UNKNOWN_TOPIC_OR_PARTITION') throw unknownTopic(topic);
    if (state.error) throw new BrookError({ code: 'KAFKA_ERROR', message: `Topic "${topic}" could not be read (${state.error})` });
    for (const n of partitions ?? state.partitions.map((p) => p.partition)) {
      const p = state.partitions[n];
      if (!p) throw invalid(`Topic "${topic}" has no partition ${n} (it has ${state.partitions.length})`);
      chosen.push({ topic, p });
    }
  }
  const byTime = await offsetsByTime(wire, target, chosen);
  const rows: ResetRow[] = chosen
    .map(({ topic, p }) => {
      const current = commits.get(topic)?.get(p.partition)?.offset ?? null;
      const next = landing(target, current, p, byTime.get(`${topic}:${p.partition}`), `${topic}-${p.partition}`);
      return { topic, partition: p.partition, current, next, logStartOffset: p.logStartOffset, logEndOffset: p.highWatermark, lagAfter: Math.max(0, p.highWatermark - next) };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);

  const d = typeof reading.described === 'object' ? reading.described : undefined;
  const state = d?.state ?? 'Unknown';
  const members: GroupMember[] = (d?.members ?? []).map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host }));
  const refused = INACTIVE.has(state)
    ? undefined
    : `Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${state}` +
      (members.length ? `: ${members.length} member${members.length > 1 ? 's' : ''} (${members.map((m) => `${m.clientId} at ${m.host}`).join(', ')}). Stop its consumers first.` : '.');
  return { plan: { groupId, state, rows, members, ...(refused ? { refused } : {}) }, coordinator };
}

/** For the time modes, the first offset at or after the time of each partition (-1: none), one ListOffsets per leader. */
async function offsetsByTime(wire: Wire, target: ResetTarget, chosen: { topic: string; p: PartitionState }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (target.to !== 'datetime' && target.to !== 'duration') return out;
  const timestamp = BigInt(target.to === 'datetime' ? target.timestamp : Date.now() - target.ms);
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const { topic, p } of chosen) {
    const led = byLeader.get(p.leader) ?? new Map<string, number[]>();
    byLeader.set(p.leader, led);
    led.set(topic, [...(led.get(topic) ?? []), p.partition]);
  }
  await Promise.all(
    [...byLeader].map(async ([leader, led]) => {
      for (const a of await listOffsetsAt(wire, leader, led, timestamp)) {
        if (a.error) throw new BrookError({ code: 'KAFKA_ERROR', message: `The offset of ${a.topic} [${a.partition}] at that time could not be read (${a.error})` });
        out.set(`${a.topic}:${a.partition}`, a.offset);
      }
    }),
  );
  return out;
}

/** Commits the plan's offsets (refused with Kafka's reason while the group has members). */
export async function applyReset(wire: Wire, groupId: string, scope: ResetScope, target: ResetTarget): Promise<ResetPlan> {
  const { coordinator, plan } = await planReset(wire, groupId, scope, target);
  if (plan.refused) throw new BrookError({ code: 'KAFKA_ERROR', message: plan.refused, hint: 'Nothing was written.' });
  const byTopic = new Map<string, ResetRow[]>();
  for (const r of plan.rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
  const { response } = await wire.send(coordinator, offsetCommitApi, {
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1n,
    topics: [...byTopic].map(([name, rows]) => ({ name, partitions: rows.map((r) => ({ partitionIndex: r.partition, committedOffset: BigInt(r.next), committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: '' })) })),
  }, [2, 9]);
  const failures = response.topics.flatMap((t) => t.partitions.filter((p) => p.errorCode).map((p) => `${t.name} [${p.partitionIndex}]: ${kafkaErrorName(p.errorCode)}`));
  if (failures.length) throw new BrookError({ code: 'KAFKA_ERROR', message: `The reset of group "${groupId}" was refused: ${failures.join(', ')}`, hint: 'A consumer may have joined the group since the preview.' });
  return plan;
}
