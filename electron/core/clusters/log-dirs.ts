// Bytes on disk, from DescribeLogDirs (which kafkajs does not make), asked of every broker at once:
// each broker reports the replicas it holds, per log directory. A broker that does not answer is
// named among the missing, so a total is never silently short.
import {
  DescribeLogDirsRequestSpec,
  DescribeLogDirsResponseSpec,
  type DescribeLogDirsRequest,
  type DescribeLogDirsResponse,
} from '../../broker/protocol/messages.generated';
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
  const brokers = live ?? (await wire.brokers(true)).map((b) => b.nodeId);
  const report: LogDirReport = { dirs: [], sizes: new Map(), missing: [] };
  const holders = new Set((topics ?? []).flatMap((t) => t.partitions.flatMap((p) => p.replicas)));
  for (const id of holders) if (!brokers.includes(id)) report.missing.push({ broker: id, message: `Broker ${id} is not in the cluster's metadata (stopped or fenced)` });
  const request = { topics: topics === null ? null : topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => p.partition) })) };
  await Promise.all(
    brokers.map(async (nodeId) => {
      let response: DescribeLogDirsResponse;
      try {
        ({ response } = await wire.send(nodeId, describeLogDirsApi, request, [1, 4]));
      } catch (error) {
        report.missing.push({ broker: nodeId, message: (error as Error).message });
        return;
      }
      if (response.errorCode) {
        report.missing.push({ broker: nodeId, message: kafkaErrorName(response.errorCode) });
        return;
      }
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
    }),
  );
  report.dirs.sort((a, b) => a.broker - b.broker || a.path.localeCompare(b.path));
  report.missing.sort((a, b) => a.broker - b.broker);
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
