// The read behind messages:read and messages:export: from `start` to `stop` on the partitions
// asked, never joining or creating a consumer group, its buffers bounded: each record is tested as
// it is decoded and only a match is kept (as what `keep` makes of it, so nothing holds on to the
// fetched bytes), a partition is fetched again only while fewer than LANE_MAX of its records wait,
// and `deliver` is awaited (the caller's acknowledgement, a file's drain). Unfiltered bounded reads
// come merged in timestamp order; searches deliver matches as they are found; "newest N" keeps the
// newest N and delivers them at the end of the part read. After the end as the read began, a tail
// (stop: never) delivers what arrives.
import type { ReadProgress, ReadSummary } from '../../../shared/model';
import type { StreamInputParsed } from '../../../shared/streams';
import type { Admin } from 'kafkajs';
import type { Wire } from '../clusters/wire';
import type { FetchedRecord } from './fetched-records';
import { PartitionFetcher, type PartitionCursor } from './partition-fetcher';
import { planRead } from './read-plan';
import { ReadState } from './read-state';
import { compileFilter, Verdict, type RecordTest } from './record-filter';
import { before, TimestampMerge, type Ordered } from './timestamp-merge';

export type ReadInput = Omit<StreamInputParsed<'messages:read'>, 'clusterId'>;

export interface ReadSink<T> {
  signal: AbortSignal;
  keep(record: FetchedRecord): T;
  deliver(records: T[]): Promise<void>;
  progress(progress: ReadProgress): void;
}

const CHUNK = 500;
const LANE_MAX = 5_000;
const TAIL_WAIT_MS = 500;

/** Compiles the input's filter first, so a bad one is refused before anything is read. */
export function readTopic(input: ReadInput): <T extends Ordered>(wire: Wire, admin: () => Promise<Admin>, sink: ReadSink<T>) => Promise<ReadSummary> {
  const test: RecordTest | undefined = input.filter ? compileFilter(input.filter, { key: input.keyDecoder, value: input.valueDecoder }) : undefined;
  return async <T extends Ordered>(wire: Wire, admin: () => Promise<Admin>, sink: ReadSink<T>) => {
    const started = Date.now();
    const plans = await planRead(wire, admin, input);
    // A tail first reads to the end as it began, like any read, then goes on from there.
    const bounded = plans.map((p) => ({ ...p, to: p.endOffset }));
    const state = new ReadState(plans.map((p) => p.partition));
    const keep = (r: FetchedRecord): T | undefined => {
      const verdict = test ? test(r) : Verdict.Yes;
      if (verdict === Verdict.Undecodable) state.skipped++;
      state.count(r, verdict === Verdict.Yes);
      return verdict === Verdict.Yes ? sink.keep(r) : undefined;
    };
    const fetcher = new PartitionFetcher(wire, input.topic, bounded, input.isolation === 'read_committed' ? 1 : 0, sink.signal, keep);
    const limit = input.stop.at === 'count' ? input.stop.count : Infinity;
    const newest = input.start.from === 'newest' ? Math.min(input.start.count, limit) : undefined;
    const out = new Outbox<T>(sink, newest);
    const merge = !test && newest === undefined ? new TimestampMerge<T>(plans.map((p) => p.partition)) : undefined;

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
      if (merge && !tailing) {
        for (const c of answer.cursors) {
          merge.add(c.plan.partition, answer.records.filter((r) => r.partition === c.plan.partition));
          if (c.done) merge.end(c.plan.partition);
        }
        await out.send(merge.take(Infinity), limit);
      } else {
        await out.send(tailing ? answer.records.sort((a, b) => a.timestamp - b.timestamp) : answer.records, limit);
      }
      sink.progress(state.progress(fetcher.cursors, tailing));
    }
    await out.flush();
    const { rate: _rate, caughtUp: _caughtUp, ...figures } = state.progress(fetcher.cursors, tailing);
    return { ...figures, ms: Date.now() - started, stoppedBy: out.sentCount >= limit ? 'count' : 'end' };
  };
}

/** Batches of CHUNK records to the sink; for "newest N", the newest N seen, sent by flushNewest. */
class Outbox<T extends Ordered> {
  private pending: T[] = [];
  private sent = 0;
  private readonly newest: T[] = [];

  constructor(
    private readonly sink: ReadSink<T>,
    private keepNewest: number | undefined,
  ) {}

  get sentCount(): number {
    return this.sent;
  }

  async send(records: T[], limit: number): Promise<void> {
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
    this.newest.sort((a, b) => (before(a, b) ? -1 : 1));
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
    await this.sink.deliver(chunk);
  }
}
