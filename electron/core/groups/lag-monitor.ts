// The lag monitor of one cluster and tick: every group any watch names, read together once per
// tick (per coordinator one DescribeGroups and one OffsetFetch for all its groups, then one
// Metadata and ListOffsets per leader for every topic they read: group-reading.ts), however many
// views watch them. Each watch is told only what changed for it. Coordinators are looked up once
// and again only for groups whose coordinator moved.
import type { GroupLag, GroupLagUpdate } from '../../../shared/model';
import { ErrorCode } from '../../broker/protocol/errors';
import { kafkaErrorName, type Wire } from '../clusters/wire';
import { readPartitions, type TopicStates } from '../topics/partitions';
import { findCoordinators, listGroups } from './coordinators';
import { commitsOf, isUnknown, lagOf, readGroups, topicsOf, type GroupReading } from './group-reading';

/** Groups per DescribeGroups and OffsetFetch. */
const BATCH = 500;
const MOVED = new Set([kafkaErrorName(ErrorCode.NOT_COORDINATOR), kafkaErrorName(ErrorCode.COORDINATOR_NOT_AVAILABLE)]);

export interface LagWatch {
  groups: Set<string>;
  stalledAfterMs: number;
  update(update: GroupLagUpdate): void;
}

type Tick = Omit<GroupLag, 'stalled' | 'commitsMovedAt'>;

interface Motion {
  partitions: Tick['partitions'];
  movedAt: number;
  lagAtMove: number;
}

/** Whether two ticks of a group committed the same offsets (compared in place: a tick reads 50,000 partitions). */
function sameCommits(a: Tick['partitions'], b: Tick['partitions']): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.committedOffset !== q.committedOffset || p.partition !== q.partition || p.topic !== q.topic) return false;
  }
  return true;
}

/** Whether a view was told this of the group already. */
function sameLag(a: GroupLag, b: GroupLag): boolean {
  if (a.state !== b.state || a.members !== b.members || a.stalled !== b.stalled || a.error !== b.error || !sameCommits(a.partitions, b.partitions)) return false;
  return a.partitions.every((p, i) => p.logEndOffset === b.partitions[i]!.logEndOffset);
}

export class LagMonitor {
  /** Per watch, what it was last told of each group (or the failure it was told). */
  private readonly watches = new Map<LagWatch, Map<string, GroupLag | string>>();
  private readonly coordinators = new Map<string, number>();
  private readonly motion = new Map<string, Motion>();
  private readonly gone = new Set<string>();
  private readonly stopped = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly onWire: <T>(fn: (wire: Wire) => Promise<T>) => Promise<T>,
    private readonly intervalMs: number,
    private readonly onIdle: () => void,
    /** Keeps each tick's lags (the history). */
    private readonly record: (at: number, lags: GroupLag[]) => void = () => undefined,
  ) {}

  /** Starts telling `watch` its groups' lag; the returned function ends it. */
  add(watch: LagWatch): () => void {
    this.watches.set(watch, new Map());
    this.running ??= this.loop();
    return () => {
      this.watches.delete(watch);
      if (this.watches.size === 0) {
        this.stopped.abort();
        this.onIdle();
      }
    };
  }

  private async loop(): Promise<void> {
    const { signal } = this.stopped;
    while (!signal.aborted) {
      const started = Date.now();
      await this.tick().catch((error: unknown) => this.failed(error));
      const wait = Math.max(0, this.intervalMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }

  private async tick(): Promise<void> {
    const ids = [...new Set([...this.watches.keys()].flatMap((w) => [...w.groups]))].filter((g) => !this.gone.has(g));
    if (ids.length === 0) return;
    const ticks = await this.onWire((wire) => this.read(wire, ids));
    const now = Date.now();
    const gone: string[] = [];
    const lags = new Map<string, GroupLag>();
    for (const [groupId, t] of ticks) {
      if (t === 'gone') {
        this.gone.add(groupId);
        gone.push(groupId);
        continue;
      }
      const m = this.motion.get(groupId);
      if (!m || !sameCommits(m.partitions, t.partitions)) this.motion.set(groupId, { partitions: t.partitions, movedAt: now, lagAtMove: t.lag });
      lags.set(groupId, { ...t, commitsMovedAt: this.motion.get(groupId)!.movedAt, stalled: false });
    }
    this.record(now, [...lags.values()].filter((l) => !l.error));
    for (const [watch, sent] of this.watches) {
      const changed: GroupLag[] = [];
      for (const groupId of watch.groups) {
        const lag = lags.get(groupId);
        if (!lag) continue;
        const m = this.motion.get(groupId)!;
        const stalled = lag.lag > 0 && lag.lag > m.lagAtMove && now - m.movedAt >= watch.stalledAfterMs;
        const told = { ...lag, stalled };
        const before = sent.get(groupId);
        if (typeof before === 'object' && sameLag(before, told)) continue;
        sent.set(groupId, told);
        changed.push(told);
      }
      const mine = gone.filter((g) => watch.groups.has(g));
      if (changed.length || mine.length) watch.update({ at: now, changed, gone: mine });
    }
  }

  /** Each group's lag this tick, or 'gone' for a group Kafka no longer has. */
  private async read(wire: Wire, ids: string[]): Promise<Map<string, Tick | 'gone'>> {
    const unplaced = ids.filter((g) => !this.coordinators.has(g));
    if (unplaced.length) {
      const found = await findCoordinators(wire, unplaced);
      const placed = found ? found.byGroup : new Map((await listGroups(wire)).groups.map((g) => [g.groupId, g.coordinator]));
      for (const g of unplaced) if (placed.has(g)) this.coordinators.set(g, placed.get(g)!);
    }
    const batches: [number, string[]][] = [];
    const byCoordinator = new Map<number, string[]>();
    for (const g of ids) {
      const c = this.coordinators.get(g);
      if (c !== undefined) byCoordinator.set(c, [...(byCoordinator.get(c) ?? []), g]);
    }
    for (const [c, gs] of byCoordinator) for (let i = 0; i < gs.length; i += BATCH) batches.push([c, gs.slice(i, i + BATCH)]);
    const readings = (await Promise.all(batches.map(([c, gs]) => readGroups(wire, c, gs)))).flat();
    const topics = [...new Set(readings.flatMap(topicsOf))];
    const states: TopicStates = topics.length ? await readPartitions(wire, topics, undefined, { logStart: false }) : { topics: new Map(), brokers: [] };
    const out = new Map<string, Tick | 'gone'>();
    for (const r of readings) {
      if (typeof r.described === 'string' && MOVED.has(r.described)) this.coordinators.delete(r.groupId);
      out.set(r.groupId, isUnknown(r) ? 'gone' : tickOf(r, states));
    }
    return out;
  }

  /** A tick that could not be read at all (the cluster went away): every watched group says so, and polling goes on. */
  private failed(error: unknown): void {
    const message = `Lag could not be read: ${(error as Error).message}`;
    for (const [watch, sent] of this.watches) {
      const changed = [...watch.groups].filter((g) => !this.gone.has(g) && sent.get(g) !== message).map((groupId): GroupLag => {
        sent.set(groupId, message);
        const m = this.motion.get(groupId);
        return { groupId, state: 'Unknown', members: null, lag: 0, maxLag: 0, partitions: [], commitsMovedAt: m?.movedAt ?? Date.now(), stalled: false, error: message };
      });
      if (changed.length) watch.update({ at: Date.now(), changed, gone: [] });
    }
  }
}

function tickOf(r: GroupReading, states: TopicStates): Tick {
  const partitions: Tick['partitions'] = [];
  for (const [topic, byPartition] of commitsOf(r)) {
    for (const [partition, commit] of byPartition) {
      const end = states.topics.get(topic)?.partitions[partition]?.highWatermark ?? -1;
      partitions.push({ topic, partition, committedOffset: commit.offset, logEndOffset: end, lag: lagOf(commit.offset, end) ?? 0 });
    }
  }
  // Topic names are ASCII (Kafka's rules): code-unit order, without a collator's cost over 50,000 partitions.
  partitions.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const d = typeof r.described === 'object' ? r.described : undefined;
  const error = [typeof r.described === 'string' ? `its members could not be read (${r.described})` : '', 'error' in r.commits ? `its offsets could not be read (${r.commits.error})` : ''].filter(Boolean).join('; ');
  return {
    groupId: r.groupId,
    state: d?.state ?? 'Unknown',
    members: d ? d.members.length : null,
    lag: partitions.reduce((s, p) => s + p.lag, 0),
    maxLag: partitions.reduce((s, p) => Math.max(s, p.lag), 0),
    partitions,
    ...(error ? { error } : {}),
  };
}
