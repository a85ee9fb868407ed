// Fetch (key 1), v4-v17 (Kafka 4's minimum is v4; v12+ flexible; from v13 topics are named by topic
// id, an unknown id answering UNKNOWN_TOPIC_ID; the replica fields of v12+ only concern followers,
// and a single broker has none, so they are ignored). Records go out as the log's own buffers, batch
// for batch as they were produced, attached to the response without a copy. Limits follow KIP-74:
// maxBytes bounds the whole response and partitionMaxBytes each partition, except that the first
// partition with data always returns at least one whole batch, so a batch larger than the limits
// never stalls a consumer. Every partition reports highWatermark (= log end offset: one replica),
// lastStableOffset (the first offset of the oldest open transaction, else the high watermark),
// logStartOffset, preferredReadReplica -1 and abortedTransactions as Kafka fills it: null for
// read_uncommitted and for a failed read, an empty list for a partition refused before reading,
// and for read_committed the aborted transactions (producerId, firstOffset) overlapping the range
// read, from the fetch offset to the offset after the last batch returned. read_committed reads
// stop at the last stable offset. Errors are UNKNOWN_TOPIC_OR_PARTITION
// (or UNKNOWN_TOPIC_ID) before reading, FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH for a
// currentLeaderEpoch other than the leader's (leader-epoch.ts) and OFFSET_OUT_OF_RANGE from the
// read, with -1 offsets.
//
// Long poll: when fewer than minBytes are ready and maxWaitMs > 0 (and no partition failed), the
// answer waits for an append to any requested partition (PartitionLog.onAppend) or for maxWaitMs,
// whichever comes first, then reads again; a connection closing meanwhile drops the wait. Listeners
// are removed as soon as the answer is decided.
//
// Records are read into the broker's SlabPool under one lease per read; the lease of the
// answer goes back to the pool once the connection has written the response out, and a read that
// is not answered (a long poll reading again) gives its lease back at once.
//
// Fetch sessions (KIP-227, v7+) are declined the way Kafka allows: every answer carries sessionId 0,
// so clients keep sending full requests; forgottenTopicsData is therefore ignored.
import { defineHandler } from './handler';
import { ApiKey, type FetchRequest } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import type { Broker } from '../broker';
import type { Connection } from '../server/connection';
import type { PartitionLog } from '../log';
import type { ReadLease } from '../slab-pool';
import { leaderEpochError } from './leader-epoch';
import { LOG_OVERHEAD } from '../protocol/record-batch';

interface Target {
  index: number;
  currentLeaderEpoch: number;
  fetchOffset: bigint;
  partitionMaxBytes: number;
  /** An error decided before reading (UNKNOWN_TOPIC_ID). */
  error?: number;
}

interface TopicTargets {
  topic: string;
  topicId: Buffer;
  partitions: Target[];
}

interface PartitionData {
  partitionIndex: number;
  errorCode: number;
  highWatermark: bigint;
  lastStableOffset: bigint;
  logStartOffset: bigint;
  abortedTransactions: { producerId: bigint; firstOffset: bigint }[] | null;
  preferredReadReplica: number;
  records: readonly Buffer[];
}

interface Gathered {
  responses: { topic: string; topicId: Buffer; partitions: PartitionData[] }[];
  bytes: number;
  failed: boolean;
  /** Holds the records' buffers. */
  lease: ReadLease;
}

const NO_RECORDS: readonly Buffer[] = [];
const NO_ABORTED: never[] = [];
const READ_COMMITTED = 1;

export default defineHandler({
  apiKey: ApiKey.Fetch,
  minVersion: 4,
  maxVersion: 17,
  handle(request, { broker, connection, version }) {
    const topics = resolveTargets(broker, request, version);
    const first = gather(broker, topics, request);
    const answer = (g: Gathered) => {
      connection.afterResponse((sent) => g.lease.release(sent));
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses: g.responses };
    };
    if (request.maxWaitMs <= 0 || first.bytes >= request.minBytes || first.failed || !topics.some((t) => t.partitions.length)) {
      return answer(first);
    }
    first.lease.release();
    return waitForData(broker, connection, topics, request).then((g) => (g === null ? null : answer(g)));
  },
});

function resolveTargets(broker: Broker, request: FetchRequest, version: number): TopicTargets[] {
  return request.topics.map((t) => {
    let name = t.topic;
    let unknownId = false;
    if (version >= 13) {
      const info = broker.logs.getTopicById(t.topicId);
      if (info) name = info.name;
      else unknownId = true;
    }
    return {
      topic: name,
      topicId: t.topicId,
      partitions: t.partitions.map((p) => ({
        index: p.partition,
        currentLeaderEpoch: p.currentLeaderEpoch,
        fetchOffset: p.fetchOffset,
        partitionMaxBytes: p.partitionMaxBytes,
        error: unknownId ? ErrorCode.UNKNOWN_TOPIC_ID : undefined,
      })),
    };
  });
}

const failedPartition = (index: number, errorCode: number, abortedTransactions: PartitionData['abortedTransactions']): PartitionData => ({
  partitionIndex: index,
  errorCode,
  highWatermark: -1n,
  lastStableOffset: -1n,
  logStartOffset: -1n,
  abortedTransactions,
  preferredReadReplica: -1,
  records: NO_RECORDS,
});

/**
 * Reads every requested partition within the limits; `bytes` counts the records gathered. Logs are
 * looked up on every read, so a topic deleted during a long poll is reported, not read.
 */
function gather(broker: Broker, topics: TopicTargets[], request: FetchRequest): Gathered {
  const lease = broker.slabs.lease();
  try {
    return readPartitions(broker, topics, request, lease);
  } catch (err) {
    lease.release(false);
    throw err;
  }
}

function readPartitions(broker: Broker, topics: TopicTargets[], { maxBytes, isolationLevel }: FetchRequest, lease: ReadLease): Gathered {
  let bytes = 0;
  let failed = false;
  const responses = topics.map((t) => ({
    topic: t.topic,
    topicId: t.topicId,
    partitions: t.partitions.map((p): PartitionData => {
      const log = p.error === undefined ? broker.logs.partition(t.topic, p.index) : undefined;
      if (!log) {
        failed = true;
        return failedPartition(p.index, p.error ?? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, NO_ABORTED);
      }
      const epochError = leaderEpochError(p.currentLeaderEpoch);
      if (epochError !== ErrorCode.NONE) {
        failed = true;
        return failedPartition(p.index, epochError, null);
      }
      // KIP-74: until some partition returned data, the next one may exceed the limits by one batch.
      const limit = Math.min(p.partitionMaxBytes, maxBytes - bytes);
      const readCommitted = isolationLevel === READ_COMMITTED;
      const hw = log.logEndOffset;
      const lso = log.lastStableOffset;
      let records = NO_RECORDS;
      if (limit > 0 || bytes === 0) {
        // The log always returns at least one batch; past the first partition with data, a lone
        // batch over the limit is left for a later fetch.
        const read = log.read(p.fetchOffset, Math.max(0, limit), lease.alloc, readCommitted && lso < hw ? lso : undefined);
        if ('error' in read) {
          failed = true;
          return failedPartition(p.index, read.code, null);
        }
        let size = 0;
        for (const r of read.records) size += r.length;
        if (bytes === 0 || size <= limit) {
          records = read.records;
          bytes += size;
        }
      } else if (p.fetchOffset < log.logStartOffset || p.fetchOffset > log.logEndOffset) {
        failed = true;
        return failedPartition(p.index, ErrorCode.OFFSET_OUT_OF_RANGE, null);
      }
      return {
        partitionIndex: p.index,
        errorCode: ErrorCode.NONE,
        highWatermark: hw,
        lastStableOffset: lso,
        logStartOffset: log.logStartOffset,
        abortedTransactions: !readCommitted
          ? null
          : log.hasAbortedTransactions
            ? log.abortedTransactions(p.fetchOffset, nextOffsetAfter(records) ?? p.fetchOffset)
            : NO_ABORTED,
        preferredReadReplica: -1,
        records,
      };
    }),
  }));
  return { responses, bytes, failed, lease };
}

/** The offset after the last batch of whole batches laid end to end (null when there are none). */
function nextOffsetAfter(records: readonly Buffer[]): bigint | null {
  const last = records[records.length - 1];
  if (!last) return null;
  let pos = 0;
  let next: bigint | null = null;
  while (pos + 27 <= last.length) {
    next = last.readBigInt64BE(pos) + BigInt(last.readInt32BE(pos + 23)) + 1n;
    pos += last.readInt32BE(pos + 8) + LOG_OVERHEAD;
  }
  return next;
}

/**
 * Waits until the requested partitions hold minBytes, maxWaitMs passes or the connection closes
 * (then null). Appends are checked once per microtask burst, never inside the producer's append.
 */
function waitForData(broker: Broker, connection: Connection, topics: TopicTargets[], request: FetchRequest): Promise<Gathered | null> {
  return new Promise((resolve, reject) => {
    const logs = new Set<PartitionLog>();
    for (const t of topics) {
      for (const p of t.partitions) {
        const log = p.error === undefined ? broker.logs.partition(t.topic, p.index) : undefined;
        if (log) logs.add(log);
      }
    }
    const unsubscribe: (() => void)[] = [];
    let done = false;
    let checkQueued = false;
    const finish = (result: Gathered | null | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      connection.socket.off('close', onClose);
      for (const u of unsubscribe) u();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onClose = () => finish(null);
    /** Reads again; null when the connection is gone. A failed read ends the wait with the error. */
    const read = (): Gathered | null | Error => {
      if (connection.isClosed) return null;
      try {
        return gather(broker, topics, request);
      } catch (err) {
        return err as Error;
      }
    };
    const check = () => {
      checkQueued = false;
      if (done) return;
      const g = read();
      if (g === null || g instanceof Error || g.bytes >= request.minBytes || g.failed) finish(g);
      else g.lease.release();
    };
    const onAppend = () => {
      if (done || checkQueued) return;
      checkQueued = true;
      queueMicrotask(check);
    };
    const timer = setTimeout(() => finish(read()), request.maxWaitMs);
    connection.socket.on('close', onClose);
    for (const log of logs) unsubscribe.push(log.onAppend(onAppend));
  });
}
