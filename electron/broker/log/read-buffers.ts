// Reusable buffers for Fetch reads. Kafka sends segment bytes with sendfile; here they pass through
// memory, and a fresh buffer per response would leave a stream of dead megabyte buffers that V8
// frees only when its external-memory limit forces a collection (tens of MB of garbage under a
// fast consumer). A response takes its buffers from this pool through a lease and gives them back
// once the socket has sent them; what the pool keeps free is capped, and a read too large for a
// slab gets a buffer of its own, as before.

export type Allocate = (length: number) => Buffer;

export interface ReadBufferStats {
  /** Slabs ever allocated by the pool. */
  allocated: number;
  /** Slabs held by leases not yet released. */
  leased: number;
  /** Slabs free for the next lease. */
  free: number;
}

export class ReadBufferPool {
  private readonly freeSlabs: Buffer[] = [];
  private allocated = 0;
  private leased = 0;

  constructor(
    readonly slabBytes: number,
    private readonly maxFree: number,
  ) {}

  /** Buffers for one response; release() them all once nothing refers to them any more. */
  lease(): ReadLease {
    return new ReadLease(this);
  }

  /** @internal for ReadLease */
  take(): Buffer {
    this.leased++;
    const slab = this.freeSlabs.pop();
    if (slab) return slab;
    this.allocated++;
    return Buffer.allocUnsafeSlow(this.slabBytes);
  }

  /** @internal for ReadLease; a slab that may still be in use (reuse false) is left to the GC. */
  give(slab: Buffer, reuse: boolean): void {
    this.leased--;
    if (reuse && this.freeSlabs.length < this.maxFree) this.freeSlabs.push(slab);
  }

  stats(): ReadBufferStats {
    return { allocated: this.allocated, leased: this.leased, free: this.freeSlabs.length };
  }
}

/** Bump allocation within the pool's slabs: reads for many small partitions share one slab. */
export class ReadLease {
  private readonly slabs: Buffer[] = [];
  private used = 0;
  private released = false;

  constructor(private readonly pool: ReadBufferPool) {}

  readonly alloc: Allocate = (length) => {
    if (length > this.pool.slabBytes) return Buffer.allocUnsafe(length);
    let slab = this.slabs.at(-1);
    if (!slab || this.used + length > slab.length) {
      slab = this.pool.take();
      this.slabs.push(slab);
      this.used = 0;
    }
    const buf = slab.subarray(this.used, this.used + length);
    this.used += length;
    return buf;
  };

  /**
   * Gives the slabs back. With reuse (the default) the buffers handed out must no longer be in use;
   * without it (a send that failed) the pool only stops counting them.
   */
  release(reuse = true): void {
    if (this.released) return;
    this.released = true;
    for (const slab of this.slabs) this.pool.give(slab, reuse);
    this.slabs.length = 0;
  }
}
