// The sparse offset index of one segment, in Kafka's `.index` format: 8-byte entries of
// (int32 offset relative to the segment's base offset, int32 position in the .log file),
// big-endian, both increasing. Kafka adds an entry whenever more than index.interval.bytes have
// been appended since the last one, keyed by the last offset of the batch that starts at the
// position. A lookup gives the position to start a short forward scan from.

export class OffsetIndex {
  private rel: Int32Array;
  private pos: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.rel = new Int32Array(capacity);
    this.pos = new Int32Array(capacity);
  }

  append(relativeOffset: number, position: number): void {
    if (this.length === this.rel.length) {
      const rel = new Int32Array(this.rel.length * 2);
      const pos = new Int32Array(this.pos.length * 2);
      rel.set(this.rel);
      pos.set(this.pos);
      this.rel = rel;
      this.pos = pos;
    }
    this.rel[this.length] = relativeOffset;
    this.pos[this.length] = position;
    this.length++;
  }

  /** Position of the last entry whose relative offset is <= target, or 0 (start of segment). */
  lookup(relativeTarget: number): number {
    let lo = 0;
    let hi = this.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rel[mid] <= relativeTarget) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : this.pos[found];
  }

  entry(i: number): { relativeOffset: number; position: number } {
    return { relativeOffset: this.rel[i], position: this.pos[i] };
  }

  /** Kafka's on-disk bytes. */
  toBuffer(): Buffer {
    const buf = Buffer.allocUnsafe(this.length * 8);
    for (let i = 0; i < this.length; i++) {
      buf.writeInt32BE(this.rel[i], i * 8);
      buf.writeInt32BE(this.pos[i], i * 8 + 4);
    }
    return buf;
  }

  /**
   * Parses a `.index` file. Returns null when it cannot be trusted (odd size, entries not strictly
   * increasing, a position past the log's end), so the caller rebuilds it from the log. Trailing
   * all-zero entries are dropped: Kafka preallocates index files and an unclean stop leaves zeros.
   */
  static fromBuffer(buf: Buffer, logSize: number): OffsetIndex | null {
    if (buf.length % 8 !== 0) return null;
    let n = buf.length / 8;
    while (n > 1 && buf.readInt32BE((n - 1) * 8) === 0 && buf.readInt32BE((n - 1) * 8 + 4) === 0) n--;
    const idx = new OffsetIndex(Math.max(16, n));
    for (let i = 0; i < n; i++) {
      const rel = buf.readInt32BE(i * 8);
      const pos = buf.readInt32BE(i * 8 + 4);
      if (pos < 0 || pos >= logSize || rel < 0) return null;
      if (i > 0 && (rel <= idx.rel[i - 1] || pos <= idx.pos[i - 1])) return null;
      idx.append(rel, pos);
    }
    return idx;
  }
}
