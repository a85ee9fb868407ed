// groups:describe: one group whole, as `kafka-consumer-groups --describe --members --offsets`
// shows it and more: its members with their assignments, each partition it committed on or is
// assigned with the commit, the watermarks, the lag, and how old its next unread record is.
import type { GroupDetail, GroupMember, GroupPartitionDetail } from '../../../shared/model';
import type { Wire } from '../clusters/wire';
import { readPartitions, type TopicStates } from '../topics/partitions';
import { coordinatorOf, unknownGroup } from './coordinators';
import { commitsOf, isUnknown, lagOf, readGroups, topicsOf } from './group-reading';
import { nextTimestamps, unreadKey, type Unread } from './time-lag';

export async function describeGroup(wire: Wire, groupId: string): Promise<GroupDetail> {
  const coordinator = await coordinatorOf(wire, groupId);
  const [reading] = await readGroups(wire, coordinator, [groupId]);
  if (!reading || isUnknown(reading)) throw unknownGroup(groupId);
  const d = typeof reading.described === 'object' ? reading.described : undefined;
  const missing: string[] = [];
  if (typeof reading.described === 'string') missing.push(`Its members could not be read (${reading.described})`);
  if ('error' in reading.commits) missing.push(`Its offsets could not be read (${reading.commits.error})`);
  const owners = new Map<string, GroupMember>();
  for (const m of d?.members ?? []) for (const a of m.assignment ?? []) for (const p of a.partitions) owners.set(unreadKey(a.topic, p), { memberId: m.memberId, clientId: m.clientId, host: m.host });

  const topics = topicsOf(reading);
  const states: TopicStates = topics.length ? await readPartitions(wire, topics) : { topics: new Map(), brokers: [] };
  const commits = commitsOf(reading);
  const partitions: GroupPartitionDetail[] = [];
  const unread: Unread[] = [];
  for (const topic of topics) {
    const state = states.topics.get(topic);
    if (!state || state.error) missing.push(`Topic "${topic}" could not be read (${state?.error ?? 'no answer'})`);
    const committed = commits.get(topic) ?? new Map();
    const numbers = new Set([...committed.keys(), ...(state?.partitions.map((p) => p.partition) ?? [])]);
    for (const partition of [...numbers].sort((a, b) => a - b)) {
      const commit = committed.get(partition);
      const member = owners.get(unreadKey(topic, partition));
      if (!commit && !member) continue;
      const p = state?.partitions[partition];
      const lag = lagOf(commit?.offset, p?.highWatermark ?? -1);
      if (commit && lag && p) unread.push({ topic, partition, leader: p.leader, offset: commit.offset });
      partitions.push({
        topic,
        partition,
        committedOffset: commit?.offset ?? null,
        metadata: commit?.metadata ?? null,
        logStartOffset: p?.logStartOffset ?? -1,
        logEndOffset: p?.highWatermark ?? -1,
        lag,
        timeLagMs: null,
        ...(member ? { member } : {}),
      });
    }
  }
  const times = await nextTimestamps(wire, unread);
  missing.push(...times.missing);
  const now = Date.now();
  for (const p of partitions) {
    const ts = times.timestamps.get(unreadKey(p.topic, p.partition));
    if (ts !== undefined) p.timeLagMs = Math.max(0, now - ts);
  }
  const timeLags = partitions.flatMap((p) => (p.timeLagMs === null ? [] : [p.timeLagMs]));
  return {
    groupId,
    state: d?.state ?? 'Unknown',
    protocolType: d?.protocolType ?? '',
    protocol: d?.protocol ?? '',
    coordinator,
    members: d?.members ?? [],
    partitions,
    lag: partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
    timeLagMs: timeLags.length ? Math.max(...timeLags) : null,
    missing,
  };
}
