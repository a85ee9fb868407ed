// A small LRU of inactive segments that hold an open file descriptor and loaded index arrays.
// The active segment of every partition keeps its fd; older segments open on demand (a Fetch of old
// data, a ListOffsets by time) and are closed again when they fall out of this cache, so neither
// fds nor memory grow with the number of segments stored.

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
