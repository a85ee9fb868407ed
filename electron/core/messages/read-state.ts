// What a read has done so far, per partition and in all: scanned, matched, undecodable, the rate
// over the last second, and whether a tail has caught up: a read's progress and its summary.
import type { PartitionScan, ReadProgress } from '../../../shared/model';
import type { PartitionCursor } from './partition-fetcher';

const RATE_WINDOW_MS = 1_000;

export class ReadState {
  scanned = 0;
  matched = 0;
  skipped = 0;
  readonly perPartition = new Map<number, { scanned: number; matched: number }>();
  private readonly window: { at: number; scanned: number }[] = [];

  constructor(partitions: readonly number[]) {
    for (const p of partitions) this.perPartition.set(p, { scanned: 0, matched: 0 });
  }

  count(record: { partition: number }, matched: boolean): void {
    const p = this.perPartition.get(record.partition)!;
    p.scanned++;
    this.scanned++;
    if (matched) {
      p.matched++;
      this.matched++;
    }
  }

  scans(cursors: readonly PartitionCursor[]): PartitionScan[] {
    return cursors.map((c) => ({ partition: c.plan.partition, from: c.plan.from, to: c.to, position: c.position, removed: c.removed, ...this.perPartition.get(c.plan.partition)! }));
  }

  progress(cursors: readonly PartitionCursor[], tailing: boolean): ReadProgress {
    const now = Date.now();
    this.window.push({ at: now, scanned: this.scanned });
    while (this.window.length > 2 && now - this.window[1]!.at > RATE_WINDOW_MS) this.window.shift();
    const first = this.window[0]!;
    const rate = now > first.at ? ((this.scanned - first.scanned) * 1000) / (now - first.at) : 0;
    const caughtUp = tailing && cursors.every((c) => c.position >= c.end);
    return { partitions: this.scans(cursors), scanned: this.scanned, matched: this.matched, skipped: this.skipped, rate: Math.round(rate), caughtUp };
  }
}
