// messages:read, the stream behind browsing, the live tail and search. It reads on a wire of its
// own (its own connections: a tail's long-polling Fetch never queues the screens' requests behind
// it), never joins or creates a consumer group, and keeps its buffers bounded: each record is
// tested as it is decoded and only a match is kept (as the contract's record, so nothing holds on
// to the fetched bytes), a partition is fetched again only while fewer than LANE_MAX of its
// records wait, and chunks wait for the caller's acknowledgements. Unfiltered bounded reads come merged in timestamp order; searches
// send matches as they are found; "newest N" keeps the newest N and sends them at the end of the
// part read. After the end as the read began, a tail (stop: never) sends what arrives.
import type { ReadProgress, ReadSummary, TopicRecord, PartitionScan } from '../../../shared/model';
import type { StreamInputParsed } from '../../../shared/streams';
import type { AdminPool } from '../clusters/admin-pool';
import type { StreamContext } from '../live/handlers';
import type { FetchedRecord } from './fetched-records';
import { PartitionFetcher, type PartitionCursor } from './partition-fetcher';
import { planRead } from './read-plan';
import { compileFilter, Verdict, type RecordTest } from './record-filter';
import { TimestampMerge } from './timestamp-merge';
import { topicRecord } from './topic-record';

type Input = StreamInputParsed<'messages:read'>;
type Ctx = StreamContext<'messages:read'>;

const CHUNK = 500;
const LANE_MAX = 5_000;
const TAIL_WAIT_MS = 500;
const RATE_WINDOW_MS = 1_000;

class ReadState {
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

export function readStream(pool: AdminPool) {
  return async (input: Input, ctx: Ctx): Promise<ReadSummary> => {
    const started = Date.now();
    const test: RecordTest | undefined = input.filter ? compileFilter(input.filter, { key: input.keyDecoder, value: input.valueDecoder }) : undefined;
    return pool.onOwnWire(input.clusterId, `reading "${input.topic}"`, async (wire) => {
      const plans = await planRead(wire, () => pool.get(input.clusterId), input);
      // A tail first reads to the end as it began, like any read, then goes on from there.
      const bounded = plans.map((p) => ({ ...p, to: p.endOffset }));
      const state = new ReadState(plans.map((p) => p.partition));
      const keep = (r: FetchedRecord): TopicRecord | undefined => {
        const verdict = test ? test(r) : Verdict.Yes;
        if (verdict === Verdict.Undecodable) state.skipped++;
        state.count(r, verdict === Verdict.Yes);
        return verdict === Verdict.Yes ? topicRecord(r) : undefined;
      };
      const fetcher = new PartitionFetcher(wire, input.topic, bounded, input.isolation === 'read_committed' ? 1 : 0, ctx.signal, keep);
      const limit = input.stop.at === 'count' ? input.stop.count : Infinity;
      const newest = input.start.from === 'newest' ? Math.min(input.start.count, limit) : undefined;
      const out = new Outbox(ctx, newest);
      const merge = !test && newest === undefined ? new TimestampMerge<TopicRecord>(plans.map((p) => p.partition)) : undefined;

      let tailing = false;
      for (;;) {
        if (out.sentCount >= limit) break;
        if (fetcher.finished) {
          for (const c of fetcher.cursors) merge?.end(c.plan.partition);
          if (merge) await out.send(merge.take(Infinity), limit);
          await out.flushNewest();
          if (input.stop.at !== 'never' || tailing) break;
          tailing = true;
          for (const c of fetcher.cursors) Object.assign(c, { to: null, done: false } satisfies Partial<PartitionCursor>);
        }
        const answer = await fetcher.next((p) => (merge ? merge.waiting(p) < LANE_MAX : true), tailing ? TAIL_WAIT_MS : 0);
        const matches = answer.records;
        if (merge) {
          for (const c of answer.cursors) {
            merge.add(c.plan.partition, matches.filter((r) => r.partition === c.plan.partition));
            if (c.done) merge.end(c.plan.partition);
          }
          await out.send(merge.take(Infinity), limit);
        } else {
          await out.send(tailing ? matches.sort((a, b) => a.timestamp - b.timestamp) : matches, limit);
        }
        ctx.progress(state.progress(fetcher.cursors, tailing));
      }
      await out.flush();
      const { rate: _rate, caughtUp: _caughtUp, ...figures } = state.progress(fetcher.cursors, tailing);
      return { ...figures, ms: Date.now() - started, stoppedBy: out.sentCount >= limit ? 'count' : 'end' };
    });
  };
}

/** Chunks of CHUNK records to the caller; for "newest N", the newest N seen, sent by flushNewest. */
class Outbox {
  private pending: TopicRecord[] = [];
  private sent = 0;
  private readonly newest: TopicRecord[] = [];

  constructor(
    private readonly ctx: Ctx,
    private keepNewest: number | undefined,
  ) {}

  get sentCount(): number {
    return this.sent;
  }

  async send(records: TopicRecord[], limit: number): Promise<void> {
    if (this.keepNewest !== undefined) {
      this.newest.push(...records);
      if (this.newest.length > 2 * this.keepNewest) this.trimNewest();
      return;
    }
    for (const r of records) {
      if (this.sent >= limit) break;
      this.pending.push(r);
      this.sent++;
      if (this.pending.length >= CHUNK) await this.flush();
    }
    await this.flush();
  }

  private trimNewest(): void {
    this.newest.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset);
    this.newest.splice(0, this.newest.length - this.keepNewest!);
  }

  async flushNewest(): Promise<void> {
    if (this.keepNewest === undefined || this.newest.length === 0) return;
    this.trimNewest();
    const records = this.newest.splice(0);
    // Sent once: what a tail reads after them goes straight out.
    this.keepNewest = undefined;
    await this.send(records, Infinity);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    await this.ctx.chunk(chunk);
  }
}
