// Splits a TCP byte stream into Kafka request frames (int32 size, then the request). A frame that
// lies whole within one read is a view of that read, with no copy. One that spans reads is copied
// into a buffer of its size as its bytes arrive, so each read is let go at once, and the buffer can
// be one the caller reuses (the connection assembles large Produce requests in the broker's slabs).
export class FrameTooLargeError extends Error {
  override name = 'FrameTooLargeError';
}

/**
 * A buffer of at least `size` bytes to assemble a frame of API `apiKey` in (-1 when its first two
 * bytes have not arrived yet), or null for a fresh one.
 */
export type FrameBufferSource = (size: number, apiKey: number) => Buffer | null;

export class FrameDecoder {
  private readonly sizeBytes = Buffer.alloc(4);
  /** Bytes of the size prefix read so far, when it spans reads. */
  private sizeFilled = 0;
  /** The frame being assembled across reads, and how much of it has arrived. */
  private partial: Buffer | null = null;
  private filled = 0;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly bufferFor: FrameBufferSource = () => null,
  ) {}

  /** Bytes received and not yet returned as frames. */
  get bufferedBytes(): number {
    return this.sizeFilled + this.filled;
  }

  /** Adds bytes and returns every complete frame (without its size prefix). */
  push(data: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    let pos = 0;
    while (pos < data.length) {
      if (this.partial) {
        const n = Math.min(this.partial.length - this.filled, data.length - pos);
        data.copy(this.partial, this.filled, pos, pos + n);
        this.filled += n;
        pos += n;
        if (this.filled === this.partial.length) {
          frames.push(this.partial);
          this.partial = null;
          this.filled = 0;
        }
        continue;
      }
      let size: number;
      if (this.sizeFilled === 0 && data.length - pos >= 4) {
        size = data.readInt32BE(pos);
        pos += 4;
      } else {
        const n = Math.min(4 - this.sizeFilled, data.length - pos);
        data.copy(this.sizeBytes, this.sizeFilled, pos, pos + n);
        this.sizeFilled += n;
        pos += n;
        if (this.sizeFilled < 4) break;
        this.sizeFilled = 0;
        size = this.sizeBytes.readInt32BE(0);
      }
      if (size < 0 || size > this.maxFrameBytes) {
        throw new FrameTooLargeError(
          size < 0 ? `invalid frame size ${size}` : `frame of ${size} bytes exceeds socket.request.max.bytes (${this.maxFrameBytes})`,
        );
      }
      if (data.length - pos >= size) {
        frames.push(data.subarray(pos, pos + size));
        pos += size;
        continue;
      }
      const apiKey = data.length - pos >= 2 ? data.readInt16BE(pos) : -1;
      this.partial = (this.bufferFor(size, apiKey) ?? Buffer.allocUnsafe(size)).subarray(0, size);
    }
    return frames;
  }
}
