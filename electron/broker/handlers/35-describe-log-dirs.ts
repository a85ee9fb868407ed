// DescribeLogDirs (key 35), v1-v4 (Kafka 4's minimum is v1). One log dir: the data directory, as an
// absolute path. Each partition's size is the bytes of its segment files; offsetLag is 0 (there is
// no future replica to lag) and isFutureKey false. A null topic list means every partition; named
// topics or partitions that do not exist are left out, as Kafka does. The top-level errorCode (v3)
// is NONE; totalBytes and usableBytes (v4) come from the file system holding the data directory
// (-1 if it cannot be asked).
import { statfsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';

export default defineHandler({
  apiKey: ApiKey.DescribeLogDirs,
  minVersion: 1,
  maxVersion: 4,
  handle(request, { broker, version }) {
    const wanted =
      request.topics === null
        ? broker.logs.listTopics().map((t) => ({ topic: t.name, partitions: Array.from({ length: t.partitions }, (_, i) => i) }))
        : request.topics;
    const topics = wanted
      .map((t) => ({
        name: t.topic,
        partitions: [...new Set(t.partitions)].flatMap((p) => {
          const log = broker.logs.partition(t.topic, p);
          return log ? [{ partitionIndex: p, partitionSize: BigInt(log.sizeBytes()), offsetLag: 0n, isFutureKey: false }] : [];
        }),
      }))
      .filter((t) => t.partitions.length > 0);
    let totalBytes = -1n;
    let usableBytes = -1n;
    if (version >= 4) {
      try {
        const fs = statfsSync(broker.logs.dataDir, { bigint: true });
        totalBytes = fs.blocks * fs.bsize;
        usableBytes = fs.bavail * fs.bsize;
      } catch {
        // Left at -1: Kafka's "unknown".
      }
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      results: [{ errorCode: ErrorCode.NONE, logDir: resolve(broker.logs.dataDir), topics, totalBytes, usableBytes }],
    };
  },
});
