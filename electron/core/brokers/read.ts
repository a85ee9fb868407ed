// The brokers of a cluster as one Metadata names them, with what each tells of itself: the Kafka
// release its request versions match (ApiVersions, which kafkajs asks on connecting) and its bytes
// on disk (DescribeLogDirs of every broker); and which is the active controller. Partitions led
// and replicas held come from the same Metadata, so they add up over the table.
import type { BrokerProblem, BrokersList } from '../../../shared/model';
import type { MetadataResponse } from '../../broker/protocol/messages.generated';
import { activeController } from '../clusters/controller';
import { askEveryBroker } from '../clusters/every-broker';
import { releaseOf } from '../clusters/kafka-releases';
import { describeLogDirs, type LogDirReport } from '../clusters/log-dirs';
import type { Wire } from '../clusters/wire';
import { metadata } from '../topics/partitions';

export interface ClusterBrokers {
  list: BrokersList;
  disk: LogDirReport;
  /** Brokers that did not answer, with the request they did not answer. */
  unanswered: (BrokerProblem & { request: string })[];
}

/** `meta`: a Metadata of every topic already read, to build on. */
export async function readBrokers(wire: Wire, meta?: MetadataResponse): Promise<ClusterBrokers> {
  meta ??= await metadata(wire, null);
  const nodeIds = meta.brokers.map((b) => b.nodeId);
  const [versions, disk, controller] = await Promise.all([
    askEveryBroker(nodeIds, (nodeId) => wire.versions(nodeId)),
    describeLogDirs(wire, null),
    activeController(wire, meta.controllerId),
  ]);

  const leaders = new Map<number, number>();
  const replicas = new Map<number, number>();
  let ledPartitions = 0;
  for (const t of meta.topics) {
    for (const p of t.partitions) {
      if (p.leaderId >= 0) {
        ledPartitions++;
        leaders.set(p.leaderId, (leaders.get(p.leaderId) ?? 0) + 1);
      }
      for (const r of p.replicaNodes) replicas.set(r, (replicas.get(r) ?? 0) + 1);
    }
  }
  const bytes = new Map<number, number>();
  for (const dir of disk.dirs) bytes.set(dir.broker, (bytes.get(dir.broker) ?? 0) + dir.bytes);
  const unanswered = [
    ...versions.missing.map((m) => ({ ...m, request: 'ApiVersions' })),
    ...disk.missing.map((m) => ({ ...m, request: 'DescribeLogDirs' })),
  ];
  const brokers = meta.brokers
    .map((b) => {
      const v = versions.answers.get(b.nodeId);
      const release = v ? releaseOf(v) : undefined;
      const error = unanswered.filter((u) => u.broker === b.nodeId).map((u) => `${u.request}: ${u.message}`).join('; ');
      return {
        nodeId: b.nodeId,
        host: b.host,
        port: b.port,
        rack: b.rack,
        controller: b.nodeId === controller,
        leaders: leaders.get(b.nodeId) ?? 0,
        replicas: replicas.get(b.nodeId) ?? 0,
        ...(bytes.has(b.nodeId) ? { bytes: bytes.get(b.nodeId)! } : {}),
        ...(release ? { release } : {}),
        ...(error ? { error } : {}),
      };
    })
    .sort((a, b) => a.nodeId - b.nodeId);
  // Replicas on a broker Metadata does not list: it is down, or fenced by the controller.
  const listed = new Set(nodeIds);
  const absent = [...replicas.keys()]
    .filter((n) => !listed.has(n))
    .sort((a, b) => a - b)
    .map((broker) => ({ broker, message: `Broker ${broker} holds ${replicas.get(broker)} replicas but is not in the cluster's metadata: it is down or fenced` }));
  return { list: { brokers, controller, ledPartitions, absent }, disk, unanswered };
}
