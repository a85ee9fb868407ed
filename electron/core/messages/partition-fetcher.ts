// Fetches a read's partitions from their leaders as a consumer does, without a group: one Fetch
// in flight per leader for the partitions it leads that have room, each partition from its own
// position. A leader that moved (NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH ...) or a broker that
// stopped answering sends it back to Metadata for the new leader; offsets deleted under the read
// (retention, DeleteRecords) are stepped over and counted; a topic deleted under it is
// UNKNOWN_TOPIC. A broker silent past GIVE_UP_MS ends the read with the error that kept it.
import { setTimeout as sleep } from 'node:timers/promises';
import { BrookError } from '../../../shared/errors';
import { ErrorCode } from '../../broker/protocol/errors';
import { FetchRequestSpec, FetchResponseSpec, type FetchRequest, type FetchResponse } from '../../broker/protocol/messages.generated';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';
import { unknownTopic } from '../topics/handlers';
import { fetchedRecords, type Keep } from './fetched-records';
import { topicLeaders, type PartitionPlan } from './read-plan';
import { EARLIEST, LATEST, listOffsetsAt } from '../topics/partitions';

const fetchApi = api<FetchRequest, FetchResponse>(FetchRequestSpec, FetchResponseSpec);
/** v12: flexible and still by topic name (v13+ name topics by id). */
const FETCH_VERSIONS: [number, number] = [4, 12];
const PARTITION_MAX_BYTES = 1024 * 1024;
const RESPONSE_MAX_BYTES = 8 * 1024 * 1024;
const RETRY_MS = 300;
const GIVE_UP_MS = 15_000;

/** Leader errors that a fresh Metadata answers. */
const moved = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.OFFSET_NOT_AVAILABLE,
  ErrorCode.NOT_COORDINATOR,
]);

export interface PartitionCursor {
  plan: PartitionPlan;
  leader: number;
  position: number;
  /** Where the read stops (exclusive); null for a tail. */
  to: number | null;
  /** The end the last answer told: the high watermark (or last stable offset under read_committed). */
  end: number;
  /** Offsets deleted before the read reached them. */
  removed: number;
  done: boolean;
}

export interface FetchedAnswer<T> {
  /** What the reader's `keep` made of the records it wanted. */
  records: T[];
  /** Partitions this answer moved (position, end, done). */
  cursors: PartitionCursor[];
}

export class PartitionFetcher<T> {
  readonly cursors: PartitionCursor[];
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Partitions in a fetch now. */
  private readonly fetching = new Set<number>();
  /** Answers that came while the caller was taking another. */
  private readonly ready: FetchedAnswer<T>[] = [];
  private error: unknown;
  private failingSince: number | undefined;
  private lastFailure: unknown;
  private stale = false;

  constructor(
    private readonly wire: Wire,
    private readonly topic: string,
    plans: PartitionPlan[],
    private readonly isolation: 0 | 1,
    private readonly signal: AbortSignal,
    private readonly keep: Keep<T>,
  ) {
    this.cursors = plans.map((plan) => ({ plan, leader: plan.leader, position: plan.from, to: plan.to, end: plan.endOffset, removed: 0, done: plan.to !== null && plan.from >= plan.to }));
  }

  get finished(): boolean {
    return this.cursors.every((c) => c.done);
  }

  /**
   * The next answer of any leader. Fetches start for partitions `hasRoom` lets in; a tail waits
   * up to `waitMs` at the leader for new records.
   */
  async next(hasRoom: (partition: number) => boolean, waitMs: number): Promise<FetchedAnswer<T>> {
    for (;;) {
      this.signal.throwIfAborted();
      if (this.error !== undefined) throw this.error;
      const ready = this.ready.shift();
      if (ready) return ready;
      if (this.stale) await this.refreshLeaders();
      const byLeader = new Map<number, PartitionCursor[]>();
      for (const c of this.cursors) {
        // One fetch per leader, and a partition in one fetch at a time (its leader may have moved meanwhile).
        if (c.done || c.leader < 0 || !hasRoom(c.plan.partition) || this.inFlight.has(c.leader) || this.fetching.has(c.plan.partition)) continue;
        byLeader.set(c.leader, [...(byLeader.get(c.leader) ?? []), c]);
      }
      for (const [leader, cursors] of byLeader) {
        // Never rejects: a failure is kept and thrown by the next call, so none goes unhandled.
        const fetching = this.fetch(leader, cursors, waitMs).then(
          (answer) => void ((answer.cursors.length || answer.records.length) && this.ready.push(answer)),
          (error: unknown) => void (this.error ??= error),
        ).finally(() => {
          this.inFlight.delete(leader);
          for (const c of cursors) this.fetching.delete(c.plan.partition);
        });
        this.inFlight.set(leader, fetching);
        for (const c of cursors) this.fetching.add(c.plan.partition);
      }
      if (this.inFlight.size === 0) return { records: [], cursors: [] };
      await Promise.race(this.inFlight.values());
      if (this.error !== undefined) throw this.error;
    }
  }

  private async fetch(leader: number, cursors: PartitionCursor[], waitMs: number): Promise<FetchedAnswer<T>> {
    try {
      const { response } = await this.wire.send(leader, fetchApi, {
        replicaId: -1,
        maxWaitMs: waitMs,
        minBytes: 1,
        maxBytes: RESPONSE_MAX_BYTES,
        isolationLevel: this.isolation,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topic: this.topic, partitions: cursors.map((c) => ({ partition: c.plan.partition, currentLeaderEpoch: -1, fetchOffset: BigInt(c.position), lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: PARTITION_MAX_BYTES })) }],
        forgottenTopicsData: [],
        rackId: '',
      }, FETCH_VERSIONS);
      this.failingSince = undefined;
      if (response.errorCode) throw new BrookError({ code: 'KAFKA_ERROR', message: `Broker ${leader} refused to fetch "${this.topic}" (${kafkaErrorName(response.errorCode)})` });
      return await this.take(leader, cursors, response);
    } catch (error) {
      if (error instanceof BrookError || this.signal.aborted) throw error;
      this.failed(error);
      await sleep(RETRY_MS, undefined, { signal: this.signal });
      return { records: [], cursors: [] };
    }
  }

  private async take(leader: number, cursors: PartitionCursor[], response: FetchResponse): Promise<FetchedAnswer<T>> {
    const records: T[] = [];
    const touched: PartitionCursor[] = [];
    for (const p of response.responses.find((t) => t.topic === this.topic)?.partitions ?? []) {
      const c = cursors.find((x) => x.plan.partition === p.partitionIndex);
      if (!c) continue;
      if (p.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || p.errorCode === ErrorCode.UNKNOWN_TOPIC_ID) throw unknownTopic(this.topic);
      if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        await this.stepOver(leader, c);
        touched.push(c);
        continue;
      }
      if (moved.has(p.errorCode)) {
        this.stale = true;
        continue;
      }
      if (p.errorCode) throw new BrookError({ code: 'KAFKA_ERROR', message: `Partition ${c.plan.partition} of "${this.topic}": ${kafkaErrorName(p.errorCode)}` });
      const data = p.records === null ? null : Buffer.isBuffer(p.records) ? p.records : Buffer.concat(p.records as Buffer[]);
      const got = fetchedRecords(data, { partition: c.plan.partition, from: c.position, until: c.to, aborted: this.isolation ? p.abortedTransactions : null }, this.keep);
      c.end = Number(this.isolation ? p.lastStableOffset : p.highWatermark);
      for (const r of got.kept) records.push(r);
      c.position = c.to === null ? got.next : Math.min(got.next, c.to);
      // Nothing more below the end it was read to (transaction markers may sit at the end: they count).
      if (c.to !== null && (c.position >= c.to || (got.seen === 0 && c.position >= c.end))) c.done = true;
      touched.push(c);
    }
    return { records, cursors: touched };
  }

  /**
   * The position is out of the partition's range: deleted under the read (go on from the log
   * start, counting what went) or past its end (a truncated log: a read ends, a tail goes on from the end).
   */
  private async stepOver(leader: number, c: PartitionCursor): Promise<void> {
    const led = new Map([[this.topic, [c.plan.partition]]]);
    const [[start], [end]] = await Promise.all([listOffsetsAt(this.wire, leader, led, EARLIEST), listOffsetsAt(this.wire, leader, led, LATEST, this.isolation)]);
    if (!start || !end || start.error || end.error) {
      this.stale = true;
      return;
    }
    c.end = end.offset;
    if (c.position < start.offset) {
      const next = c.to === null ? start.offset : Math.min(start.offset, c.to);
      c.removed += next - c.position;
      c.position = next;
    } else if (c.position > end.offset) {
      c.position = end.offset;
      if (c.to !== null) c.done = true;
    }
    if (c.to !== null && c.position >= c.to) c.done = true;
  }

  private failed(error: unknown): void {
    this.failingSince ??= Date.now();
    this.lastFailure = error;
    this.stale = true;
    if (Date.now() - this.failingSince > GIVE_UP_MS) {
      throw new BrookError({
        code: 'CONNECTION_FAILED',
        message: `The leaders of "${this.topic}" stopped answering for ${GIVE_UP_MS / 1000} s: the read stopped`,
        hint: 'What was scanned before is listed; check the cluster\'s brokers and run it again.',
        detail: (this.lastFailure as Error)?.message ?? String(this.lastFailure),
      });
    }
  }

  private async refreshLeaders(): Promise<void> {
    this.stale = false;
    try {
      await this.wire.brokers(true);
      const { partitions } = await topicLeaders(this.wire, this.topic);
      for (const c of this.cursors) c.leader = partitions.find((p) => p.partition === c.plan.partition)?.leader ?? -1;
    } catch (error) {
      if (error instanceof BrookError && error.code === 'UNKNOWN_TOPIC') throw error;
      this.failed(error);
    }
    if (this.cursors.some((c) => !c.done && c.leader < 0)) {
      this.failed(new Error('a partition has no leader'));
      this.stale = true;
      await sleep(RETRY_MS, undefined, { signal: this.signal });
    }
  }
}
