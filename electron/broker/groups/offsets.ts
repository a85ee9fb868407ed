// Committed offsets, kept the way Kafka keeps them: every commit and deletion is a record appended
// to the group's partition of __consumer_offsets (offsets-log.ts, offsets-topic.ts), and the
// in-memory table is what those records say, last value per key winning and a null value
// (tombstone) deleting. The append returns after the write reached the file, so an acknowledged
// commit survives kill -9; on start the table is rebuilt by reading every partition of the topic.
//
// Expiry (offsets.retention.minutes): an offset of a group that is Empty, or that the coordinator
// does not know, expires when retention has passed since its commit, since a group with a protocol
// type became Empty (its current state timestamp, kept in its group metadata record) and since the periodic check
// last saw the group with members; it is deleted with a tombstone. The periodic check is
// cleanup.ts.
import type { LogManager } from '../log';
import type { RecordToEncode } from '../protocol/record-encoder';
import { OffsetsLog, type CoordinatorRecordOwner } from './offsets-log';
import { PendingTxnOffsets } from './txn-offsets';
import { OFFSETS_TOPIC, decodeOffsetValue, encodeOffsetKey, encodeOffsetValue, type CoordinatorKey, type StoredOffset } from './offsets-topic';

export { OffsetStoreError } from './offsets-log';

/** What the offsets need to know of one of the group coordinator's groups (groups/group.ts). */
export interface GroupView {
  readonly state: string;
  readonly protocolType?: string | null;
  readonly protocolName?: string | null;
  /** When the group entered its state (ms), if known. */
  readonly currentStateTimestamp?: number | null;
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
  /** offsets.retention.minutes in ms. */
  retentionMs: number;
  log?: (line: string) => void;
  /** The coordinator's groups, read when expiring (absent: every group counts as Empty). */
  groups?: () => GroupLookup | undefined;
}

/** Kafka's offset.metadata.max.bytes default. */
export const OFFSET_METADATA_MAX_BYTES = 4096;

const slot = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class OffsetStore implements CoordinatorRecordOwner {
  /** groupId -> (topic, partition) -> offset. */
  private readonly table = new Map<string, Map<string, CommittedOffset>>();
  private readonly log: (line: string) => void;
  /** When expire() last saw a group with members (in memory: a restart starts from the group's state timestamp). */
  private readonly lastActive = new Map<string, number>();
  /** Offsets of transactions not decided yet (txn-offsets.ts). */
  private readonly pending = new PendingTxnOffsets();

  /** Registers with the log; the table fills when the log is loaded. */
  constructor(
    readonly offsetsLog: OffsetsLog,
    private readonly opts: OffsetStoreOptions,
  ) {
    this.log = opts.log ?? (() => {});
    offsetsLog.register(this);
  }

  /** A store alone on its own log (no group metadata): loads every committed offset, then compacts if due. */
  static open(logs: LogManager, opts: OffsetStoreOptions & { numPartitions: number }): OffsetStore {
    const offsetsLog = new OffsetsLog(logs, { numPartitions: opts.numPartitions, log: opts.log });
    const store = new OffsetStore(offsetsLog, opts);
    offsetsLog.load();
    store.logLoaded();
    offsetsLog.compactIfDue();
    return store;
  }

  /** Logs what the load found. */
  logLoaded(): void {
    if (this.table.size === 0) return;
    let live = 0;
    for (const m of this.table.values()) live += m.size;
    this.log(`loaded ${live} committed offset(s) of ${this.table.size} group(s) from ${OFFSETS_TOPIC}`);
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
    return this.offsetsLog.partitionFor(groupId);
  }

  // ---- writing ----

  /**
   * Writes the offsets of one group (validated by the caller) as one batch, then applies them.
   * Throws OffsetStoreError when the append fails; then nothing was applied.
   */
  commit(groupId: string, offsets: readonly OffsetToCommit[], nowMs = Date.now()): void {
    if (offsets.length === 0) return;
    const entries = this.write(groupId, offsets, nowMs);
    this.apply(groupId, entries);
  }

  /**
   * TxnOffsetCommit: writes the offsets in a transactional batch of the producer (the log checks
   * its epoch); they take effect when the transaction commits. Throws OffsetStoreError.
   */
  commitTransactional(groupId: string, producerId: bigint, producerEpoch: number, offsets: readonly OffsetToCommit[], nowMs = Date.now()): void {
    if (offsets.length === 0) return;
    this.pending.add(producerId, groupId, this.write(groupId, offsets, nowMs, { producerId, producerEpoch }));
  }

  /** A marker of the producer reached __consumer_offsets partition `partition`. */
  completeTransaction(producerId: bigint, partition: number, commit: boolean): void {
    for (const [groupId, entries] of this.pending.take(producerId, (g) => this.partitionFor(g) === partition)) {
      if (commit) this.apply(groupId, entries);
    }
  }

  /** Whether an undecided transaction holds an offset of this partition for the group. */
  hasPendingOffset(groupId: string, topic: string, partition: number): boolean {
    return this.pending.isPending(groupId, topic, partition);
  }

  private write(groupId: string, offsets: readonly OffsetToCommit[], nowMs: number, producer?: { producerId: bigint; producerEpoch: number }): CommittedOffset[] {
    const ts = BigInt(nowMs);
    const entries: CommittedOffset[] = offsets.map((o) => ({
      topic: o.topic,
      partition: o.partition,
      offset: o.offset,
      leaderEpoch: o.leaderEpoch,
      metadata: o.metadata,
      commitTimestamp: ts,
    }));
    this.offsetsLog.append(
      groupId,
      entries.map((e) => ({ key: encodeOffsetKey(groupId, e.topic, e.partition), value: encodeOffsetValue(e), timestamp: ts })),
      nowMs,
      producer,
    );
    return entries;
  }

  private apply(groupId: string, entries: readonly CommittedOffset[]): void {
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
    this.offsetsLog.append(
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
      this.offsetsLog.dropped();
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
      const group = groups?.get(groupId);
      const state = group?.state;
      if (state !== undefined && state !== 'Empty' && state !== 'Dead') {
        this.lastActive.set(groupId, nowMs);
        continue;
      }
      // Kafka counts retention from when a group with a protocol type became Empty: an old commit
      // of a group that was consuming until just now is kept for the whole retention again.
      const emptySince = group?.protocolType ? (group.currentStateTimestamp ?? 0) : 0;
      const since = Math.max(this.lastActive.get(groupId) ?? 0, emptySince);
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

  // ---- the log (CoordinatorRecordOwner) ----

  replay(k: CoordinatorKey, value: Buffer | null, _timestamp: bigint, producerId?: bigint): void {
    if (k.type !== 'offset') return;
    if (producerId !== undefined) {
      if (value !== null) this.pending.add(producerId, k.group, [{ topic: k.topic, partition: k.partition, ...decodeOffsetValue(value) }]);
      return;
    }
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
  }

  *liveRecords(): Iterable<{ groupId: string; record: RecordToEncode }> {
    for (const [groupId, m] of this.table) {
      for (const o of m.values()) {
        yield { groupId, record: { key: encodeOffsetKey(groupId, o.topic, o.partition), value: encodeOffsetValue(o), timestamp: o.commitTimestamp } };
      }
    }
  }

  replayMarker(producerId: bigint, partition: number, commit: boolean): void {
    this.completeTransaction(producerId, partition, commit);
  }

  forget(): void {
    this.pending.clear();
    this.table.clear();
    this.lastActive.clear();
  }
}
