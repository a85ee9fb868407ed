// clusters:overview: a cluster at a glance, read for every topic, group and broker at once so it
// stays quick at 10,000 topics: one Metadata; per broker ApiVersions (what kafkajs asked on
// connecting), one DescribeLogDirs and one ListGroups; min.insync.replicas with one DescribeConfigs
// per 500 topics. A figure that cannot be read says why instead of showing a short total.
import type { ClusterOverview } from '../../../shared/model';
import { readBrokers } from '../brokers/read';
import type { Handlers } from '../registry';
import { summarize } from '../topics/handlers';
import { metadata } from '../topics/partitions';
import type { AdminPool } from './admin-pool';
import { topicConfigValues } from './describe-configs';
import { groupStates } from './group-states';
import { NEWEST_KNOWN_RELEASE, compareReleases } from './kafka-releases';
import type { Wire } from './wire';

export function overviewHandlers(pool: AdminPool): Pick<Handlers, 'clusters:overview'> {
  return { 'clusters:overview': ({ id }) => pool.onWire(id, 'reading the overview', readOverview) };
}

export async function readOverview(wire: Wire): Promise<ClusterOverview> {
  const meta = await metadata(wire, null);
  const nodeIds = meta.brokers.map((b) => b.nodeId);
  const topics = meta.topics.filter((t) => t.errorCode === 0 && t.name);
  const problems: ClusterOverview['problems'] = [];
  // All at once: a broker that does not answer costs its time allowed once, not once per request.
  const [{ list, disk, unanswered }, minIsr, groups] = await Promise.all([
    readBrokers(wire, meta),
    topicConfigValues(wire, topics.map((t) => t.name!), ['min.insync.replicas']).catch((error: Error) => {
      problems.push({ figure: 'Under min ISR', message: `min.insync.replicas could not be read: ${error.message}` });
      return null;
    }),
    groupStates(wire, nodeIds),
  ]);

  const underReplicated = { partitions: 0, topics: [] as string[] };
  const offline = { partitions: 0, topics: [] as string[] };
  const underMinIsr = { partitions: 0, topics: [] as string[] };
  let partitions = 0;
  let internalTopics = 0;
  for (const t of topics) {
    const name = t.name!;
    const summary = summarize(name, t.partitions.map((p) => ({ partitionId: p.partitionIndex, leader: p.leaderId, replicas: p.replicaNodes, isr: p.isrNodes })));
    partitions += summary.partitions;
    if (summary.internal) internalTopics++;
    count(underReplicated, name, summary.underReplicated);
    count(offline, name, summary.offline);
    const min = Number(minIsr?.values.get(name)?.['min.insync.replicas']);
    if (min > 0) count(underMinIsr, name, t.partitions.filter((p) => p.leaderId >= 0 && p.isrNodes.length < min).length);
  }
  if (minIsr?.refused.size) {
    const [topic, error] = minIsr.refused.entries().next().value!;
    problems.push({ figure: 'Under min ISR', message: `min.insync.replicas of ${minIsr.refused.size} topics could not be read (${topic}: ${error}); they are not counted` });
  }

  const releases = list.brokers.flatMap((b) => (b.release ? [b.release] : [])).sort(compareReleases);
  const byState: Record<string, number> = {};
  for (const g of groups.groups) byState[g.state] = (byState[g.state] ?? 0) + 1;
  return {
    clusterId: meta.clusterId ?? '',
    controller: list.controller,
    brokers: list.brokers.map(({ nodeId, host, port, rack }) => ({ nodeId, host, port, rack })),
    releases: releases.length ? { lowest: releases[0]!, highest: releases[releases.length - 1]!, newestKnown: NEWEST_KNOWN_RELEASE } : null,
    topics: topics.length,
    internalTopics,
    partitions,
    underReplicated,
    underMinIsr: minIsr ? underMinIsr : null,
    offline,
    groups: groups.missing.length === nodeIds.length ? null : { total: groups.groups.length, byState },
    bytes: disk.missing.length === nodeIds.length ? null : disk.dirs.reduce((n, d) => n + d.bytes, 0),
    unanswered: [
      ...unanswered,
      ...groups.missing.map((m) => ({ ...m, request: 'ListGroups' })),
      ...list.absent.map((a) => ({ ...a, request: 'Metadata' })),
    ].sort((a, b) => a.broker - b.broker),
    problems,
  };
}

function count(into: { partitions: number; topics: string[] }, topic: string, partitions: number): void {
  if (partitions === 0) return;
  into.partitions += partitions;
  into.topics.push(topic);
}
