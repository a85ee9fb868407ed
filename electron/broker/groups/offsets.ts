// Committed offsets, kept the way Kafka keeps them: every commit and deletion is a record appended
// to the group's partition of __consumer_offsets (offsets-topic.ts), and the in-memory table is
// what those records say, last value per key winning and a null value (tombstone) deleting. The
// append returns after the write reached the file, so an acknowledged commit survives kill -9;
// on start the table is rebuilt by reading every partition of the topic.
//
// Expiry (offsets.retention.minutes): an offset of a group that is Empty, or that the coordinator
// does not know, expires when retention has passed since its commit and since the periodic check
// last saw the group with members; it is deleted with a tombstone. Compaction: no cleaner runs over the log. Instead, when a partition holds far more
// records than live keys (on start, and on the periodic check), its live offsets are appended
// again and the log start offset is moved past everything older, so whole old segments are
// deleted as they roll (segment.bytes 100 MB as Kafka's offsets.topic.segment.bytes).
import type { LogManager, PartitionLog } from '../log';
import { iterateBatches, validateProducedRecords } from '../protocol/record-batch';
import { decodeBatchRecords, encodeRecordBatch, type RecordToEncode } from '../protocol/record-encoder';
import {
  OFFSETS_TOPIC,
  OFFSETS_TOPIC_CONFIGS,
  decodeCoordinatorKey,
  decodeOffsetValue,
  encodeOffsetKey,
  encodeOffsetValue,
  partitionForGroup,
  type StoredOffset,
} from './offsets-topic';

/** What the offsets need to know of one of the group coordinator's groups (groups/group.ts). */
export interface GroupView {
  readonly state: string;
  readonly protocolType?: string | null;
  readonly protocolName?: string | null;
  readonly members?: ReadonlyMap<string, { readonly protocols: readonly { name: string; metadata: Buffer }[] }>;
  /** 0 when a commit by this member at this generation may be written, else the error code. */
  validateCommit?(memberId: string, generationId: number, groupInstanceId: string | null): number;
}

/** What the offsets need of the group coordinator (broker.groups). */
export interface GroupLookup {
  get(groupId: string): GroupView | undefined;
  getOrCreate?(groupId: string): GroupView;
}

/** The coordinator of a broker, once it has one (broker.groups). */
export const groupsOf = (broker: object): GroupLookup | undefined => (broker as { groups?: GroupLookup }).groups;

export interface CommittedOffset extends StoredOffset {
  topic: string;
  partition: number;
}

export interface OffsetToCommit {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
}

export interface OffsetStoreOptions {
  /** offsets.topic.num.partitions: used when __consumer_offsets is created. */
  numPartitions: number;
  /** offsets.retention.minutes in ms. */
  retentionMs: number;
  log?: (line: string) => void;
  /** The coordinator's groups, read when expiring (absent: every group counts as Empty). */
  groups?: () => GroupLookup | undefined;
}

/** Kafka's offset.metadata.max.bytes default. */
export const OFFSET_METADATA_MAX_BYTES = 4096;
/** How often expiry and compaction are checked (Kafka's offsets.retention.check.interval.ms). */
export const OFFSETS_CHECK_INTERVAL_MS = 600_000;
/** A partition is compacted when it holds more than this many records beyond twice its live keys. */
const COMPACT_SLACK_RECORDS = 10_000;
const READ_CHUNK = 1 << 20;
/** Records per batch when the store writes many at once. */
const BATCH_RECORDS = 500;

export class OffsetStoreError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

const slot = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class OffsetStore {
  /** groupId -> (topic, partition) -> offset. */
  private readonly table = new Map<string, Map<string, CommittedOffset>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;
  /** Records read at load or appended since, per __consumer_offsets partition (for compaction). */
  private readonly recordCounts = new Map<number, number>();
  /** When expire() last saw a group with members (in memory: a restart starts from commit times). */
  private readonly lastActive = new Map<string, number>();

  constructor(
    private readonly logs: LogManager,
    private readonly opts: OffsetStoreOptions,
  ) {
    this.log = opts.log ?? (() => {});
  }

  /** Opens the store: loads every committed offset from __consumer_offsets, then compacts if due. */
  static open(logs: LogManager, opts: OffsetStoreOptions): OffsetStore {
    const store = new OffsetStore(logs, opts);
    store.load();
    store.compactIfDue(Date.now());
    return store;
  }

  // ---- reading ----

  /** The committed offset of one partition, if any. */
  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.table.get(groupId)?.get(slot(topic, partition));
  }

  /** Every committed offset of a group, sorted by topic then partition. */
  committed(groupId: string): CommittedOffset[] {
    const m = this.table.get(groupId);
    if (!m) return [];
    return [...m.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  hasOffsets(groupId: string): boolean {
    return (this.table.get(groupId)?.size ?? 0) > 0;
  }

  /** Groups that have committed offsets. */
  groupIds(): string[] {
    return [...this.table.keys()];
  }

  /** The __consumer_offsets partition of a group. */
  partitionFor(groupId: string): number {
    const t = this.logs.getTopic(OFFSETS_TOPIC);
    return partitionForGroup(groupId, t ? t.partitions : this.opts.numPartitions);
  }

  // ---- writing ----

  /**
   * Writes the offsets of one group (validated by the caller) as one batch, then applies them.
   * Throws OffsetStoreError when the append fails; then nothing was applied.
   */
  commit(groupId: string, offsets: readonly OffsetToCommit[], nowMs = Date.now()): void {
    if (offsets.length === 0) return;
    const ts = BigInt(nowMs);
    const entries: CommittedOffset[] = offsets.map((o) => ({
      topic: o.topic,
      partition: o.partition,
      offset: o.offset,
      leaderEpoch: o.leaderEpoch,
      metadata: o.metadata,
      commitTimestamp: ts,
    }));
    this.append(
      groupId,
      entries.map((e) => ({ key: encodeOffsetKey(groupId, e.topic, e.partition), value: encodeOffsetValue(e), timestamp: ts })),
      nowMs,
    );
    let m = this.table.get(groupId);
    if (!m) this.table.set(groupId, (m = new Map()));
    for (const e of entries) m.set(slot(e.topic, e.partition), e);
  }

  /** Deletes some offsets of a group with tombstones; returns how many existed. */
  delete(groupId: string, partitions: readonly { topic: string; partition: number }[], nowMs = Date.now()): number {
    const m = this.table.get(groupId);
    if (!m) return 0;
    const doomed = partitions.filter((p) => m.has(slot(p.topic, p.partition)));
    if (doomed.length === 0) return 0;
    const ts = BigInt(nowMs);
    this.append(
      groupId,
      doomed.map((p) => ({ key: encodeOffsetKey(groupId, p.topic, p.partition), value: null, timestamp: ts })),
      nowMs,
    );
    for (const p of doomed) m.delete(slot(p.topic, p.partition));
    if (m.size === 0) {
      this.table.delete(groupId);
      this.lastActive.delete(groupId);
    }
    return doomed.length;
  }

  /** Tombstones every offset of a group (DeleteGroups); returns how many there were. */
  deleteGroup(groupId: string, nowMs = Date.now()): number {
    return this.delete(groupId, this.committed(groupId), nowMs);
  }

  /** Tombstones every offset of a deleted topic, in every group. */
  deleteTopic(topic: string, nowMs = Date.now()): void {
    if (topic === OFFSETS_TOPIC) {
      // The records are gone with the topic; so is every offset.
      this.table.clear();
      this.recordCounts.clear();
      return;
    }
    for (const groupId of [...this.table.keys()]) {
      const doomed = this.committed(groupId).filter((o) => o.topic === topic);
      if (doomed.length === 0) continue;
      try {
        this.delete(groupId, doomed, nowMs);
      } catch (err) {
        this.log(`removing the offsets of deleted topic ${topic} from group ${groupId} failed: ${(err as Error).message}`);
      }
    }
  }

  /**
   * Deletes the offsets whose retention has passed: those of groups that are Empty or unknown to
   * the coordinator, committed at least retentionMs before now. Returns how many were deleted.
   */
  expire(nowMs = Date.now()): number {
    const retention = this.opts.retentionMs;
    if (retention < 0) return 0;
    const groups = this.opts.groups?.();
    let n = 0;
    for (const groupId of [...this.table.keys()]) {
      const state = groups?.get(groupId)?.state;
      if (state !== undefined && state !== 'Empty' && state !== 'Dead') {
        this.lastActive.set(groupId, nowMs);
        continue;
      }
      // Kafka counts retention from when the group became Empty: an old commit of a group that
      // was consuming until just now is kept for the whole retention again.
      const since = this.lastActive.get(groupId) ?? 0;
      const doomed = this.committed(groupId).filter((o) => nowMs - Math.max(Number(o.commitTimestamp), since) >= retention);
      if (doomed.length === 0) continue;
      try {
        n += this.delete(groupId, doomed, nowMs);
        this.log(`expired ${doomed.length} offset(s) of group ${groupId}`);
      } catch (err) {
        this.log(`expiring the offsets of group ${groupId} failed: ${(err as Error).message}`);
      }
    }
    return n;
  }

  /** Starts the periodic expiry and compaction check (unref'd). */
  start(intervalMs = OFFSETS_CHECK_INTERVAL_MS): void {
    this.stop();
    this.timer = setInterval(() => {
      const now = Date.now();
      this.expire(now);
      this.compactIfDue(now);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  // ---- the log ----

  private offsetsLog(groupId: string): PartitionLog {
    if (!this.logs.getTopic(OFFSETS_TOPIC)) {
      this.logs.createTopic(OFFSETS_TOPIC, this.opts.numPartitions, { ...OFFSETS_TOPIC_CONFIGS });
      this.log(`created ${OFFSETS_TOPIC} with ${this.opts.numPartitions} partitions`);
    }
    const p = this.partitionFor(groupId);
    const log = this.logs.partition(OFFSETS_TOPIC, p);
    if (!log) throw new OffsetStoreError(15, `${OFFSETS_TOPIC}-${p} is not available`); // COORDINATOR_NOT_AVAILABLE
    return log;
  }

  private append(groupId: string, records: RecordToEncode[], nowMs: number): void {
    const log = this.offsetsLog(groupId);
    this.appendTo(log, records, nowMs);
  }

  private appendTo(log: PartitionLog, records: RecordToEncode[], nowMs: number): void {
    for (let i = 0; i < records.length; i += BATCH_RECORDS) {
      const chunk = records.slice(i, i + BATCH_RECORDS);
      const validated = validateProducedRecords(encodeRecordBatch(chunk), { maxMessageBytes: Number.MAX_SAFE_INTEGER });
      if ('error' in validated) throw new OffsetStoreError(validated.code, `encoding offset records: ${validated.message}`);
      const res = log.append(validated.batches, nowMs);
      if ('error' in res) throw new OffsetStoreError(res.code, `writing ${log.topic}-${log.index}: ${res.message}`);
      this.recordCounts.set(log.index, (this.recordCounts.get(log.index) ?? 0) + chunk.length);
    }
  }

  /** Rebuilds the table from every partition of __consumer_offsets. */
  private load(): void {
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
              for (const rec of decodeBatchRecords(buf, pos, header)) {
                if (rec.offset < at) continue;
                n++;
                this.applyRecord(rec.key, rec.value, log);
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
    if (records > 0) {
      let live = 0;
      for (const m of this.table.values()) live += m.size;
      this.log(`loaded ${live} committed offset(s) of ${this.table.size} group(s) from ${records} record(s) of ${OFFSETS_TOPIC}`);
    }
  }

  private applyRecord(key: Buffer | null, value: Buffer | null, log: PartitionLog): void {
    if (key === null) return;
    try {
      const k = decodeCoordinatorKey(key);
      if (k.type !== 'offset') return; // group metadata belongs to the coordinator
      const s = slot(k.topic, k.partition);
      if (value === null) {
        const m = this.table.get(k.group);
        m?.delete(s);
        if (m?.size === 0) this.table.delete(k.group);
        return;
      }
      const v = decodeOffsetValue(value);
      let m = this.table.get(k.group);
      if (!m) this.table.set(k.group, (m = new Map()));
      m.set(s, { topic: k.topic, partition: k.partition, ...v });
    } catch (err) {
      this.log(`skipping an unreadable record in ${log.topic}-${log.index}: ${(err as Error).message}`);
    }
  }

  /** Live offsets per __consumer_offsets partition. */
  private liveByPartition(): Map<number, { groupId: string; o: CommittedOffset }[]> {
    const out = new Map<number, { groupId: string; o: CommittedOffset }[]>();
    for (const [groupId, m] of this.table) {
      const p = this.partitionFor(groupId);
      let list = out.get(p);
      if (!list) out.set(p, (list = []));
      for (const o of m.values()) list.push({ groupId, o });
    }
    return out;
  }

  /**
   * Compacts the partitions holding far more records than live offsets: appends the live set
   * again, then moves the log start offset to it. A crash in between leaves duplicates, never a loss.
   */
  compactIfDue(nowMs = Date.now()): number {
    let compacted = 0;
    const live = this.liveByPartition();
    for (const log of this.logs.partitions(OFFSETS_TOPIC)) {
      const entries = live.get(log.index) ?? [];
      const count = this.recordCounts.get(log.index) ?? 0;
      if (count <= 2 * entries.length + COMPACT_SLACK_RECORDS) continue;
      try {
        const from = log.logEndOffset;
        this.recordCounts.set(log.index, 0);
        this.appendTo(
          log,
          entries.map(({ groupId, o }) => ({
            key: encodeOffsetKey(groupId, o.topic, o.partition),
            value: encodeOffsetValue(o),
            timestamp: o.commitTimestamp,
          })),
          nowMs,
        );
        const res = log.deleteRecordsBefore(from, nowMs);
        if ('error' in res) throw new Error(res.message);
        this.log(`compacted ${log.topic}-${log.index}: ${count} record(s) -> ${entries.length} live offset(s)`);
        compacted++;
      } catch (err) {
        this.log(`compacting ${log.topic}-${log.index} failed: ${(err as Error).message}`);
      }
    }
    return compacted;
  }
}
