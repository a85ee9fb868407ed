// The partitions of __consumer_offsets as the coordinator writes and reads them: records of one
// group go to the group's partition (offsets-topic.ts), an append returns after the write reached
// the file, and on start every partition is read once and each record handed to the store that
// owns its key type (offsets.ts: offset commits; group-store.ts: group metadata).
//
// Compaction: no cleaner runs over the log. Instead, when a partition holds far more records than
// live keys (on start, and on the periodic check), the live records of every store are appended
// again and the log start offset is moved past everything older, so whole old segments are
// deleted as they roll (segment.bytes 100 MB as Kafka's offsets.topic.segment.bytes). A crash in
// between leaves duplicates, never a loss.
import type { LogManager, PartitionLog } from '../log';
import { ErrorCode } from '../protocol/errors';
import { iterateBatches, validateProducedRecords } from '../protocol/record-batch';
import { controlRecordType, decodeBatchRecords, encodeRecordBatch, type BatchProducer, type RecordToEncode } from '../protocol/record-encoder';
import { CONTROL_COMMIT } from '../log/transaction-state';
import { OFFSETS_TOPIC, OFFSETS_TOPIC_CONFIGS, decodeCoordinatorKey, partitionForGroup, type CoordinatorKey } from './offsets-topic';

/** A store kept in __consumer_offsets: it replays the records of its keys and knows which are live. */
export interface CoordinatorRecordOwner {
  /**
   * Applies one record read at load; a null value is a tombstone; producerId is set for a record
   * of a transaction (decided by a later marker). Throws on a value it cannot read.
   */
  replay(key: CoordinatorKey, value: Buffer | null, timestamp: bigint, producerId?: bigint): void;
  /** A transaction marker read at load, on partition `partition`. */
  replayMarker?(producerId: bigint, partition: number, commit: boolean): void;
  /** The records that hold the store's current state, with the group each belongs to. */
  liveRecords(): Iterable<{ groupId: string; record: RecordToEncode }>;
  /** __consumer_offsets was deleted: every record is gone. */
  forget(): void;
}

export interface OffsetsLogOptions {
  /** offsets.topic.num.partitions: used when __consumer_offsets is created. */
  numPartitions: number;
  log?: (line: string) => void;
}

export class OffsetStoreError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A partition is compacted when it holds more than this many records beyond twice its live keys. */
const COMPACT_SLACK_RECORDS = 10_000;
const READ_CHUNK = 1 << 20;
/** Records per batch when many are written at once. */
const BATCH_RECORDS = 500;

export class OffsetsLog {
  private readonly owners: CoordinatorRecordOwner[] = [];
  /** Records read at load or appended since, per partition (for compaction). */
  private readonly recordCounts = new Map<number, number>();
  private readonly log: (line: string) => void;

  constructor(
    private readonly logs: LogManager,
    private readonly opts: OffsetsLogOptions,
  ) {
    this.log = opts.log ?? (() => {});
  }

  /** Adds a store; load() replays to it and compaction keeps its live records. */
  register(owner: CoordinatorRecordOwner): void {
    this.owners.push(owner);
  }

  /** The __consumer_offsets partition of a group. */
  partitionFor(groupId: string): number {
    const t = this.logs.getTopic(OFFSETS_TOPIC);
    return partitionForGroup(groupId, t ? t.partitions : this.opts.numPartitions);
  }

  /** Creates __consumer_offsets if it does not exist yet. */
  ensureTopic(): void {
    if (this.logs.getTopic(OFFSETS_TOPIC)) return;
    this.logs.createTopic(OFFSETS_TOPIC, this.opts.numPartitions, { ...OFFSETS_TOPIC_CONFIGS });
    this.log(`created ${OFFSETS_TOPIC} with ${this.opts.numPartitions} partitions`);
  }

  /** Writes records of one group (creating the topic on first use). Throws OffsetStoreError when it fails. */
  append(groupId: string, records: RecordToEncode[], nowMs: number, producer?: BatchProducer): void {
    this.ensureTopic();
    const p = this.partitionFor(groupId);
    const log = this.logs.partition(OFFSETS_TOPIC, p);
    if (!log) throw new OffsetStoreError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `${OFFSETS_TOPIC}-${p} is not available`);
    this.appendTo(log, records, nowMs, producer);
  }

  private appendTo(log: PartitionLog, records: RecordToEncode[], nowMs: number, producer?: BatchProducer): void {
    for (let i = 0; i < records.length; i += BATCH_RECORDS) {
      const chunk = records.slice(i, i + BATCH_RECORDS);
      const validated = validateProducedRecords(encodeRecordBatch(chunk, producer), { maxMessageBytes: Number.MAX_SAFE_INTEGER });
      if ('error' in validated) throw new OffsetStoreError(validated.code, `encoding coordinator records: ${validated.message}`);
      const res = log.append(validated.batches, nowMs);
      if ('error' in res) throw new OffsetStoreError(res.code, `writing ${log.topic}-${log.index}: ${res.message}`);
      this.recordCounts.set(log.index, (this.recordCounts.get(log.index) ?? 0) + chunk.length);
    }
  }

  /** Reads every partition from its log start, handing each record to its owner; returns how many were read. */
  load(): number {
    let records = 0;
    for (const log of this.logs.partitions(OFFSETS_TOPIC)) {
      let n = 0;
      let at = log.logStartOffset;
      while (at < log.logEndOffset) {
        const res = log.read(at, READ_CHUNK);
        if ('error' in res || res.records.length === 0) break;
        let next = at;
        for (const buf of res.records) {
          for (const { pos, header } of iterateBatches(buf)) {
            try {
              if (header.isControl) {
                const type = controlRecordType(buf, pos, header);
                if (type >= 0) for (const owner of this.owners) owner.replayMarker?.(header.producerId, log.index, type === CONTROL_COMMIT);
              }
              const producerId = header.isTransactional ? header.producerId : undefined;
              for (const rec of decodeBatchRecords(buf, pos, header)) {
                if (rec.offset < at) continue;
                n++;
                this.replay(rec.key, rec.value, rec.timestamp, log, producerId);
              }
            } catch (err) {
              this.log(`skipping an unreadable batch at ${log.topic}-${log.index}@${header.baseOffset}: ${(err as Error).message}`);
            }
            next = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
          }
        }
        if (next <= at) break;
        at = next;
      }
      this.recordCounts.set(log.index, n);
      records += n;
    }
    return records;
  }

  private replay(key: Buffer | null, value: Buffer | null, timestamp: bigint, log: PartitionLog, producerId?: bigint): void {
    if (key === null) return;
    try {
      const k = decodeCoordinatorKey(key);
      for (const owner of this.owners) owner.replay(k, value, timestamp, producerId);
    } catch (err) {
      this.log(`skipping an unreadable record in ${log.topic}-${log.index}: ${(err as Error).message}`);
    }
  }

  /** The live records of every store, per partition. */
  private liveByPartition(): Map<number, RecordToEncode[]> {
    const out = new Map<number, RecordToEncode[]>();
    for (const owner of this.owners) {
      for (const { groupId, record } of owner.liveRecords()) {
        const p = this.partitionFor(groupId);
        let list = out.get(p);
        if (!list) out.set(p, (list = []));
        list.push(record);
      }
    }
    return out;
  }

  /**
   * Compacts the partitions holding far more records than live keys: appends the live records
   * again, then moves the log start offset to them. Returns how many partitions were compacted.
   */
  compactIfDue(nowMs = Date.now()): number {
    let compacted = 0;
    const live = this.liveByPartition();
    for (const log of this.logs.partitions(OFFSETS_TOPIC)) {
      const records = live.get(log.index) ?? [];
      const count = this.recordCounts.get(log.index) ?? 0;
      // Offsets of an open transaction are not among the live records: wait for its marker.
      if (count <= 2 * records.length + COMPACT_SLACK_RECORDS || log.lastStableOffset < log.logEndOffset) continue;
      try {
        const from = log.logEndOffset;
        this.recordCounts.set(log.index, 0);
        this.appendTo(log, records, nowMs);
        const res = log.deleteRecordsBefore(from, nowMs);
        if ('error' in res) throw new Error(res.message);
        this.log(`compacted ${log.topic}-${log.index}: ${count} record(s) -> ${records.length} live record(s)`);
        compacted++;
      } catch (err) {
        this.log(`compacting ${log.topic}-${log.index} failed: ${(err as Error).message}`);
      }
    }
    return compacted;
  }

  /** __consumer_offsets was deleted: every store forgets what it held. */
  dropped(): void {
    this.recordCounts.clear();
    for (const owner of this.owners) owner.forget();
  }
}
