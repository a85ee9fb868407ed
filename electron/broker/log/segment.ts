// One segment of a partition log: `<base>.log` holding batches end to end, with its `.index` and
// `.timeindex`. The active (last) segment keeps its indexes in memory, written out when it rolls or
// the log closes (recovery rebuilds them for the last segment anyway, so they need not hit the disk
// on every append). Older segments are immutable: their indexes load on demand and are dropped by
// the SegmentCache. No segment holds a file descriptor for long: every one opens its .log on use
// (read-write when active) and the SegmentCache closes the least recently used beyond its ceiling,
// so open files do not grow with partitions (30,000 of them would pass most systems' limits).

import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, unlinkSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { BatchHeader } from '../protocol/record-batch';
import { readFully, scanBatches, type ScanResult } from './batch-scan';
import { segmentFileName, syncInBackground, writeFully, writeFileAtomic } from './files';
import { OffsetIndex } from './offset-index';
import { TimeIndex } from './time-index';
import type { Evictable, SegmentCache } from './segment-cache';
import type { Allocate } from '../slab-pool';

export interface SegmentContext {
  cache: SegmentCache;
  indexIntervalBytes(): number;
  onLog(msg: string): void;
}

const INT32_MAX = 0x7fffffff;

export class Segment implements Evictable {
  /** Bytes in the .log file. */
  size: number;
  /** One past the last offset stored here (baseOffset while empty). */
  nextOffset: bigint;
  /** Largest batch maxTimestamp in the segment, and the last offset of that batch; -1 when none. */
  maxTimestamp = -1n;
  offsetOfMaxTimestamp = -1n;
  /** When the segment was started, for segment.ms. */
  createdMs: number;
  private bytesSinceIndexEntry = 0;
  private fd: number | null = null;
  private writable = false;
  private idx: OffsetIndex | null = null;
  private tidx: TimeIndex | null = null;
  private dirty = false;
  /** Appended since the last fsync of the .log. */
  private unsynced = false;

  constructor(
    readonly dir: string,
    readonly baseOffset: bigint,
    size: number,
    createdMs: number,
    private readonly ctx: SegmentContext,
  ) {
    this.size = size;
    this.nextOffset = baseOffset;
    this.createdMs = createdMs;
  }

  get logPath(): string {
    return join(this.dir, segmentFileName(this.baseOffset, '.log'));
  }
  get indexPath(): string {
    return join(this.dir, segmentFileName(this.baseOffset, '.index'));
  }
  get timeIndexPath(): string {
    return join(this.dir, segmentFileName(this.baseOffset, '.timeindex'));
  }

  /** Kafka's transaction index of the segment: the aborted transactions whose ABORT marker it holds. */
  get txnIndexPath(): string {
    return join(this.dir, segmentFileName(this.baseOffset, '.txnindex'));
  }

  /** Creates an empty segment (empty .log, .index and .timeindex, as Kafka leaves them). */
  static create(dir: string, baseOffset: bigint, nowMs: number, ctx: SegmentContext): Segment {
    const seg = new Segment(dir, baseOffset, 0, nowMs, ctx);
    for (const p of [seg.logPath, seg.indexPath, seg.timeIndexPath]) {
      closeSync(openSync(p, constants.O_CREAT | constants.O_WRONLY));
    }
    seg.idx = new OffsetIndex();
    seg.tidx = new TimeIndex();
    return seg;
  }

  /** Turns this into the active segment: read-write, indexes in memory. */
  activate(loadIndexes = true): void {
    if (this.fd !== null && !this.writable) {
      closeSync(this.fd);
      this.fd = null;
      this.ctx.cache.remove(this);
    }
    this.writable = true;
    if (loadIndexes) this.loadIndexes();
  }

  get isActive(): boolean {
    return this.writable;
  }

  /**
   * The .log's fd (read-write when active), opened if the cache closed it. Use it at once: a later
   * touch of other segments may close it.
   */
  readFd(): number {
    if (this.fd === null) this.fd = openSync(this.logPath, this.writable ? constants.O_RDWR | constants.O_CREAT : 'r');
    this.ctx.cache.touch(this);
    return this.fd;
  }

  /** Reads len bytes at pos of the .log file into a buffer from alloc (shorter if the file is shorter). */
  read(pos: number, len: number, alloc: Allocate = Buffer.allocUnsafe): Buffer {
    const buf = alloc(len);
    const n = readFully(this.readFd(), buf, len, pos);
    return n === len ? buf : buf.subarray(0, n);
  }

  /** The offset index, loaded (or rebuilt from the log) on first use. */
  offsetIndex(): OffsetIndex {
    if (!this.idx) this.loadIndexes();
    if (!this.writable) this.ctx.cache.touch(this);
    return this.idx!;
  }

  timeIndex(): TimeIndex {
    if (!this.tidx) this.loadIndexes();
    if (!this.writable) this.ctx.cache.touch(this);
    return this.tidx!;
  }

  /** True when an append of `bytes` ending at lastOffset cannot go into this segment. */
  wouldOverflow(bytes: number, lastOffset: bigint, segmentBytes: number): boolean {
    if (lastOffset - this.baseOffset > BigInt(INT32_MAX)) return true; // relative offsets are int32
    return this.size > 0 && this.size + bytes > segmentBytes;
  }

  /**
   * Appends batches (already carrying their final offsets) in one positioned write, then updates
   * the in-memory indexes the way Kafka's LogSegment.append does.
   */
  append(bufs: Buffer[], headers: BatchHeader[]): void {
    if (!this.writable) throw new Error(`segment ${this.logPath} is not active`);
    let position = this.size;
    const total = bufs.length === 1 ? bufs[0].length : bufs.reduce((n, b) => n + b.length, 0);
    const fd = this.readFd();
    if (bufs.length === 1) writeFully(fd, bufs[0], position);
    else writeFully(fd, Buffer.concat(bufs, total), position);
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i];
      this.track(h.baseOffset + BigInt(h.lastOffsetDelta), h.maxTimestamp, h.size, position);
      position += h.size;
    }
    this.size = position;
    this.dirty = true;
    this.unsynced = true;
  }

  /** fsync of the .log if anything was appended since the last; a new fd flushes what a closed one wrote. */
  private syncLog(): void {
    if (!this.unsynced) return;
    fsyncSync(this.readFd());
    this.unsynced = false;
  }

  /**
   * Drops bytes past `size` after a failed append (a partial write must not linger: a later, shorter
   * append would leave its tail behind for recovery to trip over). Indexes are untouched because a
   * failed append never reached them.
   */
  truncateAfterFailedWrite(size: number): void {
    this.size = size;
    try {
      ftruncateSync(this.readFd(), size);
      this.unsynced = true;
    } catch {
      // the disk is failing already; recovery will cut the tail on the next start
    }
  }

  /** Index bookkeeping for one batch at `position` (Kafka's LogSegment.append loop). */
  private track(lastOffset: bigint, maxTimestamp: bigint, size: number, position: number): void {
    if (maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = maxTimestamp;
      this.offsetOfMaxTimestamp = lastOffset;
    }
    if (this.bytesSinceIndexEntry > this.ctx.indexIntervalBytes()) {
      this.idx!.append(Number(lastOffset - this.baseOffset), position);
      this.tidx!.maybeAppend(this.maxTimestamp, Number(this.offsetOfMaxTimestamp - this.baseOffset));
      this.bytesSinceIndexEntry = 0;
    }
    this.bytesSinceIndexEntry += size;
    this.nextOffset = lastOffset + 1n;
  }

  /**
   * Rebuilds indexes, max timestamp and next offset by walking the log. With verifyCrc (recovery of
   * the last segment) a torn or corrupt tail is cut off: the file is truncated at the last valid
   * batch. onBatch sees every valid batch (producer state is rebuilt from it).
   */
  rebuild(verifyCrc: boolean, onBatch?: (h: BatchHeader, buf: Buffer, at: number) => void): ScanResult & { truncatedBytes: number } {
    const fd = this.writable ? this.readFd() : openSync(this.logPath, verifyCrc ? 'r+' : 'r');
    try {
      const fileSize = fstatSync(fd).size;
      this.idx = new OffsetIndex();
      this.tidx = new TimeIndex();
      this.maxTimestamp = -1n;
      this.offsetOfMaxTimestamp = -1n;
      this.bytesSinceIndexEntry = 0;
      this.nextOffset = this.baseOffset;
      const res = scanBatches(fd, 0, fileSize, { verifyCrc, minOffset: this.baseOffset }, (h, pos, buf, at) => {
        this.track(h.baseOffset + BigInt(h.lastOffsetDelta), h.maxTimestamp, h.size, pos);
        onBatch?.(h, buf, at);
      });
      let truncatedBytes = 0;
      if (verifyCrc && res.validEnd < fileSize) {
        truncatedBytes = fileSize - res.validEnd;
        ftruncateSync(fd, res.validEnd);
        this.unsynced = true;
      }
      this.size = verifyCrc ? res.validEnd : fileSize;
      this.dirty = true;
      return { ...res, truncatedBytes };
    } finally {
      if (!this.writable) closeSync(fd);
    }
  }

  /**
   * Loads .index/.timeindex from disk for an immutable segment, rebuilding them from the log when
   * missing or inconsistent (and writing the rebuilt files back).
   */
  private loadIndexes(): void {
    if (this.idx && this.tidx) return;
    const idx = readIndexFile(this.indexPath, (b) => OffsetIndex.fromBuffer(b, Math.max(1, this.size)));
    const tidx = readIndexFile(this.timeIndexPath, (b) => TimeIndex.fromBuffer(b));
    if (idx && tidx && (this.size === 0 || tidx.length > 0)) {
      this.idx = idx;
      this.tidx = tidx;
      return;
    }
    this.ctx.onLog(`rebuilding the index files of ${this.logPath}`);
    this.rebuild(false);
    if (!this.writable) this.writeIndexes(false);
  }

  /** Reads the segment's max timestamp from the last entry of its time index (cheap, no log scan). */
  loadMaxTimestamp(): boolean {
    const tidx = readIndexFile(this.timeIndexPath, (b) => TimeIndex.fromBuffer(b));
    if (!tidx || (this.size > 0 && tidx.length === 0)) return false;
    if (tidx.length) {
      const last = tidx.entry(tidx.length - 1);
      this.maxTimestamp = last.timestamp;
      this.offsetOfMaxTimestamp = this.baseOffset + BigInt(last.relativeOffset);
    }
    return true;
  }

  /** Writes the in-memory indexes to disk (atomically: a reader never sees half an index). */
  writeIndexes(fsync: boolean): void {
    if (!this.idx || !this.tidx) return;
    writeFileAtomic(this.indexPath, this.idx.toBuffer(), { fsync });
    writeFileAtomic(this.timeIndexPath, this.tidx.toBuffer(), { fsync });
    this.dirty = false;
  }

  /**
   * The segment stops being active (a roll): add the final time index entry as Kafka does, write
   * the indexes and release the read-write fd. Nothing waits for the disk here, as in Kafka, which
   * flushes a rolled segment in the background: the .log is left to the kernel's writeback, and the
   * indexes are fsynced on libuv's threadpool (done synchronously, the fsyncs of a 1 GiB
   * segment's 5 MB of indexes stalled produce for up to ~0.2 s here). Written data is in the page
   * cache, durable against a crash of the process; after a power cut, recovery rebuilds an index
   * that did not make it.
   */
  deactivate(): void {
    if (!this.writable) return;
    this.tidx?.maybeAppend(this.maxTimestamp, Number(this.offsetOfMaxTimestamp - this.baseOffset));
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.ctx.cache.remove(this);
    this.writable = false;
    this.writeIndexes(false);
    for (const p of [this.indexPath, this.timeIndexPath]) syncInBackground(p, (msg) => this.ctx.onLog(msg));
  }

  /** Flushes what is pending (the active segment's indexes; optionally the log to disk). */
  flush(fsyncLog: boolean): void {
    if (fsyncLog && this.writable) this.syncLog();
    if (this.dirty) this.writeIndexes(fsyncLog);
  }

  /**
   * SegmentCache eviction: close the fd; an inactive segment also drops its index arrays (they are
   * on disk), the active one keeps them (they are written when it rolls or closes).
   */
  evict(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (!this.writable && !this.dirty) {
      this.idx = null;
      this.tidx = null;
    }
  }

  close(): void {
    // Like Kafka's LogSegment.close, end the time index with the segment's max timestamp.
    if (this.writable && this.tidx && this.maxTimestamp > this.tidx.lastTimestamp) {
      this.tidx.maybeAppend(this.maxTimestamp, Number(this.offsetOfMaxTimestamp - this.baseOffset));
      this.dirty = true;
    }
    if (this.dirty) this.writeIndexes(true);
    if (this.writable) this.syncLog();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.writable = false;
    this.ctx.cache.remove(this);
  }

  /** Closes and removes the segment's files (.log first, so a crash leaves only stray indexes). */
  delete(): void {
    this.dirty = false;
    this.writable = false; // nothing to make durable: the files are going
    this.close();
    for (const p of [this.logPath, this.indexPath, this.timeIndexPath, this.txnIndexPath]) {
      try {
        unlinkSync(p);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
}

function readIndexFile<T>(path: string, parse: (b: Buffer) => T | null): T | null {
  if (!existsSync(path)) return null;
  try {
    return parse(readFileSync(path));
  } catch {
    return null;
  }
}
