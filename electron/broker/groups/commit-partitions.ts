// The per-partition part of an offset commit, shared by OffsetCommit and TxnOffsetCommit: every
// partition starts with the request's common error; when there is none, an unknown topic or
// partition is UNKNOWN_TOPIC_OR_PARTITION, metadata over 4096 bytes OFFSET_METADATA_TOO_LARGE, and
// the rest are to be written together (a failed write sets their code through `failed`).
import type { LogManager } from '../log';
import { ErrorCode } from '../protocol/errors';
import { OFFSET_METADATA_MAX_BYTES, type OffsetToCommit } from './offsets';

interface CommitTopic {
  name: string;
  partitions: { partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: string | null }[];
}

export interface CommitPlan {
  toWrite: OffsetToCommit[];
  /** Sets the code of every partition to be written (their write failed). */
  failed(code: number): void;
  /** The answer's topics, with each partition's code. */
  answer(): { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[];
}

/** `withEpoch`: whether the request's version carries committedLeaderEpoch (else -1 is stored). */
export function planCommit(logs: LogManager, topics: CommitTopic[], common: number, withEpoch: boolean): CommitPlan {
  const codes = topics.map((t) => t.partitions.map((): number => common));
  const toWrite: OffsetToCommit[] = [];
  const written: [number, number][] = [];
  if (common === ErrorCode.NONE) {
    topics.forEach((t, ti) => {
      const info = logs.getTopic(t.name);
      t.partitions.forEach((p, pi) => {
        const metadata = p.committedMetadata ?? '';
        if (!info || p.partitionIndex < 0 || p.partitionIndex >= info.partitions) {
          codes[ti]![pi] = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        } else if (Buffer.byteLength(metadata, 'utf8') > OFFSET_METADATA_MAX_BYTES) {
          codes[ti]![pi] = ErrorCode.OFFSET_METADATA_TOO_LARGE;
        } else {
          toWrite.push({ topic: t.name, partition: p.partitionIndex, offset: p.committedOffset, leaderEpoch: withEpoch ? p.committedLeaderEpoch : -1, metadata });
          written.push([ti, pi]);
        }
      });
    });
  }
  return {
    toWrite,
    failed: (code) => {
      for (const [ti, pi] of written) codes[ti]![pi] = code;
    },
    answer: () => topics.map((t, ti) => ({ name: t.name, partitions: t.partitions.map((p, pi) => ({ partitionIndex: p.partitionIndex, errorCode: codes[ti]![pi]! })) })),
  };
}
