// One partition's log: an ordered list of segments, the last one active. Appends go to the active
// segment with one positioned write of the client's bytes (base offset rewritten in place); reads
// return raw batch bytes straight from the files, located through the sparse offset index.
// Single broker, no replication: the high watermark is the log end offset.

import { statSync } from 'node:fs';
import {
  BATCH_HEADER_SIZE,
  kafkaError,
  walkRecords,
  batchRecords,
  isKafkaError,
  setBaseOffset,
  setLogAppendTime,
  type BatchHeader,
  type KafkaErrorResult,
  type ProducedBatch,
} from '../protocol/record-batch';
import { maxInflatedBytes } from '../protocol/compression';
import { scanBatches } from './batch-scan';
import type { LogConfig } from './config';
import { ProducerStateManager } from './producer-state';
import { loadPartitionDir } from './recovery';
import { Segment, type SegmentContext } from './segment';
import type { SegmentCache } from './segment-cache';
import type { Allocate } from '../slab-pool';
import { writeFileAtomic } from './files';

/** The leader epoch written into every appended batch (single broker, the leader never changes). */
export const LEADER_EPOCH = 0;

export interface AppendResult {
  baseOffset: bigint;
  /** The broker time stamped on the batches under LogAppendTime, else -1n. */
  logAppendTime: bigint;
  logStartOffset: bigint;
}

export interface ReadResult {
  /** Whole batches, in offset order, as stored (slices of file reads). */
  records: Buffer[];
  highWatermark: bigint;
  logStartOffset: bigint;
}

export interface PartitionLogOptions {
  dir: string;
  topic: string;
  index: number;
  config: LogConfig;
  cache: SegmentCache;
  /** Log start offset from the checkpoint file, if any. */
  logStartOffset?: bigint;
  onLog?: (msg: string) => void;
  /** Called when the log start offset moves, so the owner can rewrite its checkpoint. */
  onLogStartOffsetChange?: (log: PartitionLog) => void;
  nowMs?: number;
}

/** Bytes read past an index entry to find the batch holding the fetch offset. */
const SCAN_SLACK = 16 * 1024;

export class PartitionLog {
  readonly topic: string;
  readonly index: number;
  readonly dir: string;
  logStartOffset: bigint;
  logEndOffset: bigint;
  private config: LogConfig;
  private readonly segments: Segment[];
  private readonly producers = new ProducerStateManager();
  private readonly listeners = new Set<() => void>();
  private readonly ctx: SegmentContext;
  private readonly onLsoChange: (log: PartitionLog) => void;
  private closed = false;

  private constructor(opts: PartitionLogOptions) {
    this.topic = opts.topic;
    this.index = opts.index;
    this.dir = opts.dir;
    this.config = opts.config;
    this.onLsoChange = opts.onLogStartOffsetChange ?? (() => {});
    const onLog = opts.onLog ?? (() => {});
    this.ctx = { cache: opts.cache, indexIntervalBytes: () => this.config.indexIntervalBytes, onLog };
    const nowMs = opts.nowMs ?? Date.now();
    const initial = opts.logStartOffset ?? 0n;
    this.segments = loadPartitionDir(opts.dir, this.ctx, this.producers, initial, nowMs);
    this.logEndOffset = this.active.nextOffset;
    let lso = opts.logStartOffset ?? this.segments[0].baseOffset;
    if (lso < this.segments[0].baseOffset) lso = this.segments[0].baseOffset;
    if (lso > this.logEndOffset) {
      onLog(`${this.topic}-${this.index}: log start offset ${lso} is past the log end ${this.logEndOffset}; using the log end`);
      lso = this.logEndOffset;
    }
    this.logStartOffset = lso;
    // A crash between a checkpoint and the deletion it allowed leaves segments below the start.
    this.deleteSegmentsBelowStart(nowMs);
  }

  static open(opts: PartitionLogOptions): PartitionLog {
    return new PartitionLog(opts);
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1];
  }

  get logConfig(): Readonly<LogConfig> {
    return this.config;
  }

  reconfigure(config: LogConfig): void {
    this.config = config;
  }

  /** Number of segments (for tests and metrics). */
  get segmentCount(): number {
    return this.segments.length;
  }

  /** Base offsets of the segments, oldest first. */
  segmentBaseOffsets(): bigint[] {
    return this.segments.map((s) => s.baseOffset);
  }

  /**
   * Appends validated batches as one unit: producer checks first (a retry of a recent batch
   * returns its original offset and writes nothing), then offsets and, under LogAppendTime, the
   * broker's time are written into the batches' bytes, then one write to the active segment.
   */
  append(batches: ProducedBatch[], nowMs: number): AppendResult | KafkaErrorResult {
    if (this.closed) return kafkaError('KAFKA_STORAGE_ERROR', `${this.topic}-${this.index} is closed`);
    if (batches.length === 0) return { baseOffset: -1n, logAppendTime: -1n, logStartOffset: this.logStartOffset };
    const logAppendTime = this.config.messageTimestampType === 'LogAppendTime';
    const check = this.producers.check(batches, this.logEndOffset);
    if ('error' in check) return check;
    if ('duplicate' in check) {
      // Kafka answers a duplicate with the stored batch's max timestamp as its logAppendTime,
      // whatever the timestamp type (Kafka 4.3.1 does so under CreateTime too).
      return {
        baseOffset: check.duplicate.firstOffset,
        logAppendTime: check.duplicate.timestamp,
        logStartOffset: this.logStartOffset,
      };
    }
    const now = BigInt(nowMs);
    let next = this.logEndOffset;
    let total = 0;
    const bufs: Buffer[] = new Array(batches.length);
    for (let i = 0; i < batches.length; i++) {
      const b = batches[i];
      setBaseOffset(b.bytes, 0, next);
      b.bytes.writeInt32BE(LEADER_EPOCH, 12); // partitionLeaderEpoch, outside the CRC
      b.baseOffset = next;
      b.partitionLeaderEpoch = LEADER_EPOCH;
      if (logAppendTime) {
        setLogAppendTime(b.bytes, 0, b.size, now);
        b.maxTimestamp = now;
        b.timestampType = 1;
      }
      next += BigInt(b.lastOffsetDelta) + 1n;
      total += b.size;
      bufs[i] = b.bytes;
    }
    let seg = this.active;
    if (seg.wouldOverflow(total, next - 1n, this.config.segmentBytes) || (seg.size > 0 && nowMs - seg.createdMs > this.config.segmentMs)) {
      try {
        seg = this.roll(nowMs);
      } catch (e) {
        return kafkaError('KAFKA_STORAGE_ERROR', `rolling a segment of ${this.topic}-${this.index}: ${(e as Error).message}`);
      }
    }
    const before = seg.size;
    try {
      seg.append(bufs, batches);
    } catch (e) {
      seg.truncateAfterFailedWrite(before);
      return kafkaError('KAFKA_STORAGE_ERROR', `writing to ${seg.logPath}: ${(e as Error).message}`);
    }
    for (const b of batches) this.producers.apply(b, b.bytes, 0);
    const baseOffset = this.logEndOffset;
    this.logEndOffset = next;
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // a listener's failure is its own business
      }
    }
    return { baseOffset, logAppendTime: logAppendTime ? now : -1n, logStartOffset: this.logStartOffset };
  }

  /** Closes the active segment and starts a new one at the log end offset. */
  private roll(nowMs: number): Segment {
    const old = this.active;
    old.deactivate();
    const seg = Segment.create(this.dir, this.logEndOffset, nowMs, this.ctx);
    seg.activate();
    this.segments.push(seg);
    this.producers.writeSnapshot(this.dir, this.logEndOffset);
    this.writeTxnIndex(old, this.logEndOffset);
    return seg;
  }

  /** Writes a segment's .txnindex when it holds ABORT markers (Kafka creates the file on first use too). */
  private writeTxnIndex(seg: Segment, end: bigint): void {
    const bytes = this.producers.txns.txnIndexBytes(seg.baseOffset, end);
    if (bytes.length > 0) writeFileAtomic(seg.txnIndexPath, bytes, { fsync: false });
  }

  /**
   * Reads whole batches from the one holding fetchOffset, up to maxBytes, but always at least one
   * whole batch (KIP-74). Bytes come straight from the segment files into buffers from alloc; only
   * batch lengths are read. With upTo (read_committed: the last stable offset), no batch starting
   * at or past it is returned.
   */
  read(fetchOffset: bigint, maxBytes: number, alloc?: Allocate, upTo?: bigint): ReadResult | KafkaErrorResult<'OFFSET_OUT_OF_RANGE'> {
    if (fetchOffset < this.logStartOffset || fetchOffset > this.logEndOffset) {
      return kafkaError(
        'OFFSET_OUT_OF_RANGE',
        `offset ${fetchOffset} is outside ${this.topic}-${this.index}'s range [${this.logStartOffset}, ${this.logEndOffset}]`,
      );
    }
    const result: ReadResult = { records: [], highWatermark: this.logEndOffset, logStartOffset: this.logStartOffset };
    if (fetchOffset === this.logEndOffset || (upTo !== undefined && fetchOffset >= upTo)) return result;
    let budget = maxBytes;
    let i = this.segmentIndexFor(fetchOffset);
    let start: bigint | null = fetchOffset;
    for (; i < this.segments.length; i++) {
      const first = result.records.length === 0;
      if (!first && budget <= 0) break;
      const chunk = this.readSegment(this.segments[i], start, budget, first, alloc, upTo);
      start = null;
      if (!chunk) {
        if (first) continue;
        break;
      }
      result.records.push(chunk);
      budget -= chunk.length;
    }
    return result;
  }

  /**
   * Whole batches of one segment from the batch holding `from` (or from the segment's start when
   * null), fitting in budget unless `first`, in which case at least one batch is returned.
   */
  private readSegment(seg: Segment, from: bigint | null, budget: number, first: boolean, alloc?: Allocate, upTo?: bigint): Buffer | null {
    let base = from === null ? 0 : seg.offsetIndex().lookup(Number(from - seg.baseOffset));
    if (base >= seg.size) return null;
    const slack = from === null ? 0 : SCAN_SLACK;
    let chunk = seg.read(base, Math.min(seg.size - base, Math.max(budget, BATCH_HEADER_SIZE) + slack), alloc);
    let p = 0;
    if (from !== null) {
      // Short forward scan from the index entry to the batch whose last offset reaches `from`.
      for (;;) {
        if (p + 27 > chunk.length) {
          base += p;
          if (base >= seg.size) return null;
          chunk = seg.read(base, Math.min(seg.size - base, Math.max(budget, BATCH_HEADER_SIZE) + slack), alloc);
          p = 0;
          if (chunk.length < 27) return null;
        }
        const last = chunk.readBigInt64BE(p) + BigInt(chunk.readInt32BE(p + 23));
        if (last >= from) break;
        const size = chunk.readInt32BE(p + 8) + 12;
        if (size < BATCH_HEADER_SIZE) return null; // never written by us; do not spin on it
        p += size;
      }
    }
    let q = p;
    while (q + 12 <= chunk.length) {
      if (upTo !== undefined && chunk.readBigInt64BE(q) >= upTo) break;
      const size = chunk.readInt32BE(q + 8) + 12;
      if (q + size > chunk.length) break;
      if (q + size - p > budget && !(first && q === p)) break;
      q += size;
    }
    if (q === p) {
      if (!first || (upTo !== undefined && chunk.readBigInt64BE(p) >= upTo)) return null;
      // The first batch is larger than what was read: read exactly that batch (KIP-74).
      const size = chunk.readInt32BE(p + 8) + 12;
      return seg.read(base + p, size, alloc);
    }
    return chunk.subarray(p, q);
  }

  /** The last stable offset: below it, every transaction is decided (the high watermark when none is open). */
  get lastStableOffset(): bigint {
    return this.producers.txns.lastStableOffset(this.logEndOffset);
  }

  /** Whether any aborted transaction is still in the log (else a read_committed fetch skips nothing). */
  get hasAbortedTransactions(): boolean {
    this.producers.txns.trimBelow(this.logStartOffset);
    return this.producers.txns.abortedCount > 0;
  }

  /** Aborted transactions overlapping [from, upTo), for a read_committed fetch. */
  abortedTransactions(from: bigint, upTo: bigint): { producerId: bigint; firstOffset: bigint }[] {
    return this.producers.txns.abortedIn(from, upTo);
  }

  /** The producers that wrote here, with their open transaction if any (DescribeProducers). */
  activeProducers(): { producerId: bigint; epoch: number; lastSequence: number; lastTimestamp: bigint; wroteMarker: boolean; txnStartOffset: bigint }[] {
    return [...this.producers.describe()].map((p) => ({ ...p, txnStartOffset: this.producers.txns.ongoing.get(p.producerId)?.firstOffset ?? -1n }));
  }

  /** Index of the segment that holds `offset` (the last one whose base offset is <= offset). */
  private segmentIndexFor(offset: bigint): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid].baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * ListOffsets by timestamp: the first offset (>= log start) whose record timestamp is >= ts,
   * with that timestamp; null when every record is older. The segment comes from the segments'
   * max timestamps, the starting position from its time and offset indexes; then batch headers
   * are scanned, and the records of a CreateTime batch walked (inflated when compressed) for the
   * exact record, as Kafka does.
   */
  offsetForTimestamp(ts: bigint): { offset: bigint; timestamp: bigint } | null {
    const lso = this.logStartOffset;
    for (let i = this.segmentIndexFor(lso); i < this.segments.length; i++) {
      const seg = this.segments[i];
      if (seg.maxTimestamp < ts || seg.nextOffset <= lso) continue;
      const rel = seg.timeIndex().lookupBefore(ts);
      const pos = rel >= 0 ? seg.offsetIndex().lookup(rel) : 0;
      const found = this.findInSegment(seg, pos, (h) => h.maxTimestamp >= ts, (t) => t >= ts);
      if (found) return found;
    }
    return null;
  }

  /** ListOffsets MAX_TIMESTAMP (-3): the record with the largest timestamp; -1/-1 when empty. */
  maxTimestamp(): { offset: bigint; timestamp: bigint } {
    if (this.logStartOffset === this.logEndOffset) return { offset: -1n, timestamp: -1n };
    let best: Segment | null = null;
    for (const seg of this.segments) {
      if (seg.nextOffset <= this.logStartOffset || seg.maxTimestamp < 0n) continue;
      if (!best || seg.maxTimestamp > best.maxTimestamp) best = seg;
    }
    if (!best) return { offset: -1n, timestamp: -1n };
    const max = best.maxTimestamp;
    const batchLast = best.offsetOfMaxTimestamp;
    const pos = best.offsetIndex().lookup(Number(batchLast - best.baseOffset));
    const found = this.findInSegment(
      best,
      pos,
      (h) => h.baseOffset + BigInt(h.lastOffsetDelta) >= batchLast && h.maxTimestamp === max,
      (t) => t === max,
    );
    return found ?? { offset: batchLast, timestamp: max };
  }

  /**
   * Scans seg's batches from pos for the first batch (at or above the log start) matching
   * batchMatch; inside a CreateTime batch it can walk, picks the first record matching recordMatch.
   */
  private findInSegment(
    seg: Segment,
    pos: number,
    batchMatch: (h: BatchHeader) => boolean,
    recordMatch: (ts: bigint) => boolean,
  ): { offset: bigint; timestamp: bigint } | null {
    const lso = this.logStartOffset;
    let found: { offset: bigint; timestamp: bigint } | null = null;
    scanBatches(seg.readFd(), pos, seg.size, { verifyCrc: false, wholeBatches: true }, (h, _p, buf, at) => {
      if (h.baseOffset + BigInt(h.lastOffsetDelta) < lso || !batchMatch(h)) return true;
      const records = h.timestampType === 0 ? batchRecords(buf, at, h, maxInflatedBytes(this.config.maxMessageBytes)) : null;
      // A batch that does not inflate (it passed Produce validation, so only a damaged log) is
      // answered by its header, like a LogAppendTime batch.
      if (records && !isKafkaError(records)) {
        for (const r of walkRecords(records, h)) {
          if (r.offset >= lso && recordMatch(r.timestamp)) {
            found = { offset: r.offset, timestamp: r.timestamp };
            return false;
          }
        }
        return true;
      }
      const offset = h.baseOffset < lso ? lso : h.baseOffset;
      const timestamp = h.timestampType === 1 ? h.maxTimestamp : h.baseTimestamp >= 0n && recordMatch(h.baseTimestamp) ? h.baseTimestamp : h.maxTimestamp;
      found = { offset, timestamp };
      return false;
    });
    return found;
  }

  /**
   * DeleteRecords: moves the log start offset to `offset` (-1 = high watermark), persists it
   * through the owner's checkpoint, then deletes the segments entirely below it.
   */
  deleteRecordsBefore(offset: bigint, nowMs = Date.now()): { lowWatermark: bigint } | KafkaErrorResult {
    const target = offset === -1n ? this.logEndOffset : offset;
    if (target < 0n || target > this.logEndOffset) {
      return kafkaError('OFFSET_OUT_OF_RANGE', `offset ${offset} is past the high watermark ${this.logEndOffset}`);
    }
    if (target > this.logStartOffset) {
      this.logStartOffset = target;
      try {
        this.onLsoChange(this);
        this.deleteSegmentsBelowStart(nowMs);
      } catch (e) {
        return kafkaError('KAFKA_STORAGE_ERROR', `deleting records of ${this.topic}-${this.index}: ${(e as Error).message}`);
      }
    }
    return { lowWatermark: this.logStartOffset };
  }

  /** Deletes segments whose every offset is below the log start offset (rolling the active one if needed). */
  private deleteSegmentsBelowStart(nowMs: number): void {
    const lso = this.logStartOffset;
    if (this.active.size > 0 && this.active.nextOffset <= lso) this.roll(nowMs);
    while (this.segments.length > 1 && this.segments[1].baseOffset <= lso) {
      this.segments.shift()!.delete();
    }
  }

  /**
   * Retention (Kafka's deleteOldSegments): whole segments, oldest first, never the active one.
   * First those whose newest timestamp is older than retention.ms, then oldest ones while the log
   * stays at or above retention.bytes without them. Moves the log start offset to the next
   * segment's base offset. Returns the number of segments deleted.
   */
  enforceRetention(nowMs: number): number {
    const { retentionMs, retentionBytes } = this.config;
    let count = 0;
    const deletable = this.segments.length - 1;
    if (retentionMs >= 0) {
      while (count < deletable) {
        const seg = this.segments[count];
        const newest = seg.maxTimestamp >= 0n ? Number(seg.maxTimestamp) : mtimeMs(seg.logPath);
        if (nowMs - newest > retentionMs) count++;
        else break;
      }
    }
    if (retentionBytes >= 0) {
      let diff = this.sizeBytes() - retentionBytes;
      for (let i = 0; i < count; i++) diff -= this.segments[i].size;
      while (count < deletable && diff - this.segments[count].size >= 0) {
        diff -= this.segments[count].size;
        count++;
      }
    }
    if (count === 0) return 0;
    const newStart = this.segments[count].baseOffset;
    if (newStart > this.logStartOffset) {
      this.logStartOffset = newStart;
      this.onLsoChange(this);
    }
    for (let i = 0; i < count; i++) this.segments.shift()!.delete();
    return count;
  }

  sizeBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  /** Registers a listener called after every successful append; returns the unsubscribe. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Writes pending index data; with fsync, also makes the active segment durable. */
  flush(fsync = true): void {
    this.active.flush(fsync);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments) s.close();
    this.producers.writeSnapshot(this.dir, this.logEndOffset);
    this.writeTxnIndex(this.active, this.logEndOffset);
    this.listeners.clear();
  }
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}
