// Walks the batches of a segment file from a position, reading in large chunks so a scan costs a
// few big reads rather than one read per batch. Used by recovery (with CRC checks) and by index
// and producer-state rebuilds (headers only).

import { readSync } from 'node:fs';
import { BATCH_HEADER_SIZE, readBatchHeader, checkBatchCrc, type BatchHeader } from '../protocol/record-batch';

export interface ScanOptions {
  /** Check each batch's CRC-32C (reads every byte); otherwise only headers are trusted. */
  verifyCrc: boolean;
  /** Hand onBatch the whole batch in buf (implied by verifyCrc), e.g. to walk its records. */
  wholeBatches?: boolean;
  /** Offsets must not go below this (a batch whose baseOffset is lower is treated as corrupt). */
  minOffset?: bigint;
}

export interface ScanResult {
  /** Position just past the last valid batch. */
  validEnd: number;
  /** Why the scan stopped before `end`, when it did. */
  problem?: string;
}

/** Reads exactly len bytes at position into buf[0..len) (short reads are retried). Returns bytes read. */
export function readFully(fd: number, buf: Buffer, len: number, position: number): number {
  let off = 0;
  while (off < len) {
    const n = readSync(fd, buf, off, len - off, position + off);
    if (n === 0) break;
    off += n;
  }
  return off;
}

/**
 * Calls onBatch(header, position, buf, offsetInBuf) for every valid batch in file[start, end), in
 * order; buf holds at least the header (the whole batch with verifyCrc or wholeBatches). onBatch
 * may return false to stop early (problem 'stopped'). Otherwise stops at the first
 * batch that is incomplete, has a bad length or magic, a CRC mismatch or a decreasing offset.
 */
export function scanBatches(
  fd: number,
  start: number,
  end: number,
  opts: ScanOptions,
  onBatch: (header: BatchHeader, position: number, buf: Buffer, at: number) => void | boolean,
): ScanResult {
  const whole = opts.verifyCrc || opts.wholeBatches === true;
  const chunk = whole ? 1 << 20 : 64 << 10;
  let buf = Buffer.allocUnsafe(chunk);
  let bufStart = 0;
  let bufLen = 0;
  const ensure = (pos: number, n: number): boolean => {
    if (pos >= bufStart && pos + n <= bufStart + bufLen) return true;
    if (n > buf.length) buf = Buffer.allocUnsafe(Math.max(n, buf.length * 2));
    bufStart = pos;
    bufLen = readFully(fd, buf, Math.min(buf.length, end - pos), pos);
    return n <= bufLen;
  };
  let pos = start;
  let expected = opts.minOffset ?? -1n;
  while (pos < end) {
    if (end - pos < BATCH_HEADER_SIZE || !ensure(pos, BATCH_HEADER_SIZE)) {
      return { validEnd: pos, problem: `${end - pos} trailing bytes at ${pos} are not a whole batch header` };
    }
    const h = readBatchHeader(buf, pos - bufStart)!;
    if (h.magic !== 2) return { validEnd: pos, problem: `magic ${h.magic} at ${pos}` };
    if (h.size < BATCH_HEADER_SIZE || h.lastOffsetDelta < 0) {
      return { validEnd: pos, problem: `invalid batch length ${h.batchLength} at ${pos}` };
    }
    if (pos + h.size > end) {
      return { validEnd: pos, problem: `batch at ${pos} declares ${h.size} bytes, only ${end - pos} present` };
    }
    if (h.baseOffset < expected) {
      return { validEnd: pos, problem: `offset ${h.baseOffset} at ${pos} goes back (expected >= ${expected})` };
    }
    if (whole && !ensure(pos, h.size)) return { validEnd: pos, problem: `short read at ${pos}` };
    if (opts.verifyCrc && !checkBatchCrc(buf, pos - bufStart, h.size)) {
      return { validEnd: pos, problem: `CRC mismatch in batch at ${pos}` };
    }
    if (onBatch(h, pos, buf, pos - bufStart) === false) return { validEnd: pos + h.size, problem: 'stopped' };
    expected = h.baseOffset + BigInt(h.lastOffsetDelta) + 1n;
    pos += h.size;
  }
  return { validEnd: pos };
}
