// Bounds-checked reads of Kafka's primitive types from one buffer. Every read past the end throws
// ProtocolError, so a malformed or truncated request can never read another request's bytes; the
// server turns that into INVALID_REQUEST or a closed connection.

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const EMPTY = Buffer.alloc(0);

export class Reader {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
    readonly end = buf.length,
  ) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.end) {
      throw new ProtocolError(`need ${n} bytes at ${at}, only ${this.end - at} left`);
    }
    this.pos = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }
  bool(): boolean {
    return this.buf[this.need(1)] !== 0;
  }
  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.need(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }
  int64(): bigint {
    return this.buf.readBigInt64BE(this.need(8));
  }
  float64(): number {
    return this.buf.readDoubleBE(this.need(8));
  }
  uuid(): Buffer {
    const at = this.need(16);
    return Buffer.from(this.buf.subarray(at, at + 16));
  }

  /** Unsigned LEB128, at most 5 bytes (32 bits). */
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.buf[this.need(1)];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) {
        if (value > 0xffffffff) throw new ProtocolError('unsigned varint overflows 32 bits');
        return value;
      }
    }
    throw new ProtocolError('unsigned varint longer than 5 bytes');
  }
  /** Zig-zag signed varint (32 bits). */
  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
  /** Zig-zag signed varlong (64 bits). */
  varlong(): bigint {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.buf[this.need(1)];
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        if (value >> 64n) throw new ProtocolError('varlong overflows 64 bits');
        return (value >> 1n) ^ -(value & 1n);
      }
    }
    throw new ProtocolError('varlong longer than 10 bytes');
  }

  raw(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  /** A length read from the wire: -1 means null where nullable; anything else negative is invalid. */
  private length(n: number, nullable: boolean): number | null {
    if (n === -1 && nullable) return null;
    if (n < 0) throw new ProtocolError(`invalid length ${n}`);
    if (n > this.remaining) throw new ProtocolError(`length ${n} exceeds the ${this.remaining} bytes left`);
    return n;
  }

  string(): string;
  string(nullable: true): string | null;
  string(nullable = false): string | null {
    const n = this.length(this.int16(), nullable);
    return n === null ? null : this.utf8(n);
  }
  compactString(): string;
  compactString(nullable: true): string | null;
  compactString(nullable = false): string | null {
    const n = this.length(this.uvarint() - 1, nullable);
    return n === null ? null : this.utf8(n);
  }
  private utf8(n: number): string {
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }

  /** Bytes are returned as views into the request buffer: no copy on the produce path. */
  bytes(nullable = false): Buffer | null {
    const n = this.length(this.int32(), nullable);
    return n === null ? null : n === 0 ? EMPTY : this.raw(n);
  }
  compactBytes(nullable = false): Buffer | null {
    const n = this.length(this.uvarint() - 1, nullable);
    return n === null ? null : n === 0 ? EMPTY : this.raw(n);
  }

  /** Array length prefix; null for a null array. Each element takes at least one byte, so a length
   * beyond the bytes left is rejected before anything is allocated. */
  arrayLength(nullable = false): number | null {
    return this.length(this.int32(), nullable);
  }
  compactArrayLength(nullable = false): number | null {
    return this.length(this.uvarint() - 1, nullable);
  }
}
