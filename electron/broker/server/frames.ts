// Splits a TCP byte stream into Kafka request frames (int32 size, then the request). Chunks are
// kept as received and joined once per frame, so a 1 MB produce request is copied once, not once
// per TCP read.
export class FrameTooLargeError extends Error {
  override name = 'FrameTooLargeError';
}

export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes received and not yet returned as frames. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Adds bytes and returns every complete frame (without its size prefix). */
  push(data: Buffer): Buffer[] {
    this.chunks.push(data);
    this.buffered += data.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const size = this.peekSize();
      if (size < 0 || size > this.maxFrameBytes) {
        throw new FrameTooLargeError(
          size < 0 ? `invalid frame size ${size}` : `frame of ${size} bytes exceeds socket.request.max.bytes (${this.maxFrameBytes})`,
        );
      }
      if (this.buffered < 4 + size) break;
      frames.push(this.take(4 + size).subarray(4));
    }
    return frames;
  }

  private peekSize(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32BE(0);
    return Buffer.concat(this.chunks, 4).readInt32BE(0);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks, this.buffered);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
}
