// Records of several partitions in timestamp order (ties by partition, then offset), as they
// arrive per partition: a record leaves only once every partition still being read has one
// waiting or has ended, so nothing later can come before it. A binary heap of the partitions'
// first waiting records keeps it O(log partitions) per record.
/** What the merge orders by. */
export interface Ordered {
  partition: number;
  offset: number;
  timestamp: number;
}

interface Lane<T> {
  partition: number;
  records: T[];
  head: number;
  ended: boolean;
}

export const before = (a: Ordered, b: Ordered): boolean =>
  a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.partition !== b.partition ? a.partition < b.partition : a.offset < b.offset;

export class TimestampMerge<T extends Ordered> {
  private readonly lanes = new Map<number, Lane<T>>();
  private readonly heap: Lane<T>[] = [];
  /** Lanes neither ended nor holding a record: while any, nothing may leave. */
  private starved: number;

  constructor(partitions: readonly number[]) {
    for (const partition of partitions) this.lanes.set(partition, { partition, records: [], head: 0, ended: false });
    this.starved = partitions.length;
  }

  /** Records waiting in the partition (room for more fetches is judged on this). */
  waiting(partition: number): number {
    const lane = this.lanes.get(partition);
    return lane ? lane.records.length - lane.head : 0;
  }

  add(partition: number, records: readonly T[]): void {
    const lane = this.lanes.get(partition);
    if (!lane || lane.ended || records.length === 0) return;
    const wasEmpty = lane.head === lane.records.length;
    if (wasEmpty) {
      lane.records = [...records];
      lane.head = 0;
      this.starved--;
      this.push(lane);
    } else {
      lane.records.push(...records);
    }
  }

  /** The partition will send no more. */
  end(partition: number): void {
    const lane = this.lanes.get(partition);
    if (!lane || lane.ended) return;
    lane.ended = true;
    if (lane.head === lane.records.length) this.starved--;
  }

  /** The records that may leave now, in order, at most `max`. */
  take(max: number): T[] {
    const out: T[] = [];
    while (out.length < max && this.starved === 0 && this.heap.length) {
      const lane = this.heap[0]!;
      out.push(lane.records[lane.head++]!);
      if (lane.head === lane.records.length) {
        lane.records = [];
        lane.head = 0;
        if (!lane.ended) this.starved++;
        this.pop();
      } else {
        this.sink(0);
      }
    }
    return out;
  }

  private push(lane: Lane<T>): void {
    const h = this.heap;
    h.push(lane);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!.records[h[i]!.head]!, h[parent]!.records[h[parent]!.head]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length) {
      this.heap[0] = last;
      this.sink(0);
    }
  }

  private sink(i: number): void {
    const h = this.heap;
    const first = (l: Lane<T>) => l.records[l.head]!;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(first(h[l]!), first(h[m]!))) m = l;
      if (r < h.length && before(first(h[r]!), first(h[m]!))) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
