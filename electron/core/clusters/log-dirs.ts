// Bytes on disk, from DescribeLogDirs (which kafkajs does not make), asked of every broker at once:
// each broker reports the replicas it holds, per log directory. A broker that does not answer
// (within every-broker.ts's time) is named among the missing, so a total is never silently short.
import {
  DescribeLogDirsRequestSpec,
  DescribeLogDirsResponseSpec,
  type DescribeLogDirsRequest,
  type DescribeLogDirsResponse,
} from '../../broker/protocol/messages.generated';
import { askEveryBroker } from './every-broker';
import { api, kafkaErrorName, type Wire } from './wire';

const describeLogDirsApi = api<DescribeLogDirsRequest, DescribeLogDirsResponse>(DescribeLogDirsRequestSpec, DescribeLogDirsResponseSpec);

export interface LogDir {
  broker: number;
  path: string;
  /** Kafka's error name for a directory that is offline or unreadable. */
  error?: string;
  /** Bytes of the replicas in it (of the topics asked about). */
  bytes: number;
  /** The volume's size and free space; -1 where the broker does not say (before Kafka 3.3). */
  totalBytes: number;
  usableBytes: number;
  replicas: number;
}

export interface LogDirReport {
  dirs: LogDir[];
  /** Bytes per topic, then per partition, then per broker holding a replica. */
  sizes: Map<string, Map<number, Map<number, number>>>;
  /** Brokers that could not be asked, with why. */
  missing: { broker: number; message: string }[];
}

export interface ReplicaSet {
  topic: string;
  partitions: { partition: number; replicas: number[] }[];
}

/**
 * Log directories of the live brokers, counting the replicas of `topics` (null: of all topics).
 * A broker holding some of those replicas that is not live is missing, without being tried.
 */
export async function describeLogDirs(wire: Wire, topics: ReplicaSet[] | null, live?: number[]): Promise<LogDirReport> {
  const brokers = live ?? (await wire.brokers()).map((b) => b.nodeId);
  const report: LogDirReport = { dirs: [], sizes: new Map(), missing: [] };
  const holders = new Set((topics ?? []).flatMap((t) => t.partitions.flatMap((p) => p.replicas)));
  const fenced = [...holders].filter((id) => !brokers.includes(id)).map((broker) => ({ broker, message: `Broker ${broker} is not in the cluster's metadata (stopped or fenced)` }));
  const request = { topics: topics === null ? null : topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => p.partition) })) };
  const { answers, missing } = await askEveryBroker(brokers, async (nodeId) => {
    const { response } = await wire.send(nodeId, describeLogDirsApi, request, [1, 4]);
    if (response.errorCode) throw new Error(kafkaErrorName(response.errorCode));
    return response;
  });
  report.missing = [...missing, ...fenced].sort((x, y) => x.broker - y.broker);
  for (const [nodeId, response] of answers) {
    for (const dir of response.results) {
      let bytes = 0;
      let replicas = 0;
      for (const t of dir.topics) {
        const byPartition = report.sizes.get(t.name) ?? new Map<number, Map<number, number>>();
        report.sizes.set(t.name, byPartition);
        for (const p of t.partitions) {
          // A future replica is a copy being moved between directories: counted once, where it is now.
          if (p.isFutureKey) continue;
          const size = Number(p.partitionSize);
          const byBroker = byPartition.get(p.partitionIndex) ?? new Map<number, number>();
          byPartition.set(p.partitionIndex, byBroker);
          byBroker.set(nodeId, (byBroker.get(nodeId) ?? 0) + size);
          bytes += size;
          replicas++;
        }
      }
      report.dirs.push({
        broker: nodeId,
        path: dir.logDir,
        ...(dir.errorCode ? { error: kafkaErrorName(dir.errorCode) } : {}),
        bytes,
        replicas,
        totalBytes: Number(dir.totalBytes),
        usableBytes: Number(dir.usableBytes),
      });
    }
  }
  report.dirs.sort((a, b) => a.broker - b.broker || a.path.localeCompare(b.path));
  return report;
}

/** A topic's bytes on disk over all its replicas. */
export function topicBytes(report: LogDirReport, topic: string): number | undefined {
  const byPartition = report.sizes.get(topic);
  if (!byPartition) return undefined;
  let total = 0;
  for (const byBroker of byPartition.values()) for (const size of byBroker.values()) total += size;
  return total;
}
