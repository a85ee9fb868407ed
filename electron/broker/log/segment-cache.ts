// An LRU of the segments holding an open file descriptor or loaded index arrays, with a ceiling
// (brook.log.open.files.max). Segments open their file on use (an append, a Fetch, a ListOffsets
// by time) and close it when they fall out of this cache, so neither descriptors nor memory grow
// with the number of partitions or segments stored; only the active segments' in-memory indexes
// stay, and they are small.

export interface Evictable {
  evict(): void;
}

export class SegmentCache {
  private readonly lru = new Map<Evictable, true>();

  constructor(readonly capacity = 64) {}

  touch(item: Evictable): void {
    this.lru.delete(item);
    this.lru.set(item, true);
    if (this.lru.size > this.capacity) {
      const oldest = this.lru.keys().next().value as Evictable;
      this.lru.delete(oldest);
      oldest.evict();
    }
  }

  remove(item: Evictable): void {
    this.lru.delete(item);
  }

  get size(): number {
    return this.lru.size;
  }
}
