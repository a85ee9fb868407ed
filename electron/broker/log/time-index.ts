// The sparse time index of one segment, in Kafka's `.timeindex` format: 12-byte entries of
// (int64 timestamp, int32 offset relative to the segment's base offset), big-endian. An entry
// records "every record up to this offset has a timestamp <= this one": it is written beside an
// offset index entry, and only when the segment's max timestamp has grown since the last entry.

export class TimeIndex {
  private ts: BigInt64Array;
  private rel: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.ts = new BigInt64Array(capacity);
    this.rel = new Int32Array(capacity);
  }

  get lastTimestamp(): bigint {
    return this.length ? this.ts[this.length - 1] : -1n;
  }

  /** Appends when the timestamp grows past the last entry's (Kafka's maybeAppend). */
  maybeAppend(timestamp: bigint, relativeOffset: number): void {
    if (timestamp < 0n) return;
    if (this.length && (timestamp <= this.ts[this.length - 1] || relativeOffset < this.rel[this.length - 1])) return;
    if (this.length === this.ts.length) {
      const ts = new BigInt64Array(this.ts.length * 2);
      const rel = new Int32Array(this.rel.length * 2);
      ts.set(this.ts);
      rel.set(this.rel);
      this.ts = ts;
      this.rel = rel;
    }
    this.ts[this.length] = timestamp;
    this.rel[this.length] = relativeOffset;
    this.length++;
  }

  /**
   * Relative offset of the last entry whose timestamp is strictly below `target`: every record up
   * to it is older than target, so a search may start after it. -1 when there is none.
   */
  lookupBefore(target: bigint): number {
    let lo = 0;
    let hi = this.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] < target) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? -1 : this.rel[found];
  }

  entry(i: number): { timestamp: bigint; relativeOffset: number } {
    return { timestamp: this.ts[i], relativeOffset: this.rel[i] };
  }

  toBuffer(): Buffer {
    const buf = Buffer.allocUnsafe(this.length * 12);
    for (let i = 0; i < this.length; i++) {
      buf.writeBigInt64BE(this.ts[i], i * 12);
      buf.writeInt32BE(this.rel[i], i * 12 + 8);
    }
    return buf;
  }

  /** Parses a `.timeindex` file; null when it cannot be trusted. Trailing zero entries are dropped. */
  static fromBuffer(buf: Buffer): TimeIndex | null {
    if (buf.length % 12 !== 0) return null;
    let n = buf.length / 12;
    while (n > 0 && buf.readBigInt64BE((n - 1) * 12) === 0n && buf.readInt32BE((n - 1) * 12 + 8) === 0) n--;
    const idx = new TimeIndex(Math.max(16, n));
    for (let i = 0; i < n; i++) {
      const ts = buf.readBigInt64BE(i * 12);
      const rel = buf.readInt32BE(i * 12 + 8);
      if (rel < 0 || (i > 0 && (ts <= idx.ts[i - 1] || rel < idx.rel[i - 1]))) return null;
      idx.ts[i] = ts;
      idx.rel[i] = rel;
      idx.length++;
    }
    return idx;
  }
}
