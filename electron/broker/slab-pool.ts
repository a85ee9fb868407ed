// Reusable megabyte buffers ("slabs") for the broker's two streams of large, short-lived bytes.
// Fetch: Kafka sends segment bytes with sendfile; here they pass through memory, and a response
// takes its buffers through a lease and gives them back once the socket has sent them. Produce:
// a large request frame is assembled in a slab and given back once the (synchronous) handler has
// written its records to the log. A fresh buffer each time would leave a stream of dead megabyte
// buffers that V8 frees only when its external-memory limit forces a collection (tens of MB of
// garbage under a fast producer or consumer), and fresh memory costs page faults to fill. What the
// pool keeps free is capped; a buffer too large for a slab is allocated on its own, as before.

export type Allocate = (length: number) => Buffer;

export interface SlabStats {
  /** Slabs ever allocated by the pool. */
  allocated: number;
  /** Slabs taken (by leases or frames) and not given back yet. */
  leased: number;
  /** Slabs free for the next taker. */
  free: number;
}

export class SlabPool {
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

  /** A slab for the caller alone, until it gives it back. */
  take(): Buffer {
    this.leased++;
    const slab = this.freeSlabs.pop();
    if (slab) return slab;
    this.allocated++;
    return Buffer.allocUnsafeSlow(this.slabBytes);
  }

  /** Gives back a slab from take(); one that may still be in use (reuse false) is left to the GC. */
  give(slab: Buffer, reuse: boolean): void {
    this.leased--;
    if (reuse && this.freeSlabs.length < this.maxFree) this.freeSlabs.push(slab);
  }

  stats(): SlabStats {
    return { allocated: this.allocated, leased: this.leased, free: this.freeSlabs.length };
  }
}

/** Bump allocation within the pool's slabs: reads for many small partitions share one slab. */
export class ReadLease {
  private readonly slabs: Buffer[] = [];
  private used = 0;
  private released = false;

  constructor(private readonly pool: SlabPool) {}

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
