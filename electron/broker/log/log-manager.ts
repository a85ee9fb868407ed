// The data directory: every topic's partition logs, the topic registry, the cluster id and the log
// start offset checkpoint, behind one lock. The broker's handlers talk to this and to PartitionLog.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLogConfig, type LogConfig } from './config';
import { fsyncDir, partitionDirName } from './files';
import { DataDirLock } from './lock';
import {
  deleteSuffix,
  loadOrCreateMetaProperties,
  randomUuid,
  readLogStartCheckpoint,
  uuidFromString,
  uuidToString,
  writeLogStartCheckpoint,
  writePartitionMetadata,
} from './metadata';
import { PartitionLog } from './partition-log';
import { SegmentCache } from './segment-cache';
import { TopicRegistry } from './topic-registry';

/** Kafka's collision rule: names equal but for '.' against '_' would share metric names. */
const unify = (name: string) => name.replace(/\./g, '_');

export interface TopicInfo {
  name: string;
  topicId: Buffer;
  partitions: number;
  /** The topic's config overrides only (not the defaults). */
  configs: Record<string, string>;
}

export interface LogManagerOptions {
  defaults: LogConfig;
  onLog?: (msg: string) => void;
  /** How many segments may hold an open file (and an inactive one its loaded indexes) at once (default 1,000). */
  openFilesMax?: number;
}

interface TopicState {
  info: TopicInfo;
  /** By partition; undefined until first used (or recovered in the background): see partition(). */
  logs: (PartitionLog | undefined)[];
}

/** How long the background opening of partitions may hold the event loop before requests go next. */
const RECOVERY_SLICE_MS = 5;

export class LogManager {
  readonly clusterId: string;
  private readonly topics = new Map<string, TopicState>();
  /** Indexes kept beside `topics` so no lookup walks every topic (10,000 of them). */
  private readonly byId = new Map<string, TopicState>();
  private readonly byUnified = new Map<string, string>();
  private registry: TopicRegistry | undefined;
  /** Inside batch(): the data directory's fsync waits for its end. */
  private batching = 0;
  private dirDirty = false;
  private readonly cache: SegmentCache;
  private readonly onLog: (msg: string) => void;
  private defaults: LogConfig;
  private closed = false;
  private deferCheckpoint = false;
  private checkpointDirty = false;
  /** Log start offsets read at start, for partitions not opened yet. */
  private checkpoint = new Map<string, bigint>();
  private recovery: NodeJS.Immediate | undefined;
  /** Partitions to open in the background (a stack: the newest topics first). */
  private readonly unopened: { state: TopicState; p: number }[] = [];

  private constructor(
    readonly dataDir: string,
    private readonly lock: DataDirLock,
    opts: LogManagerOptions,
  ) {
    this.defaults = opts.defaults;
    this.onLog = opts.onLog ?? (() => {});
    this.cache = new SegmentCache(opts.openFilesMax ?? 1_000);
    this.clusterId = loadOrCreateMetaProperties(dataDir, 1, this.onLog);
  }

  /**
   * Locks dataDir (a live holder makes this throw "data directory X is locked by another broker
   * (pid N)"), loads the topics and recovers every partition.
   */
  static open(dataDir: string, opts: LogManagerOptions): LogManager {
    mkdirSync(dataDir, { recursive: true });
    const lock = DataDirLock.acquire(dataDir, opts.onLog);
    let mgr: LogManager | undefined;
    try {
      mgr = new LogManager(dataDir, lock, opts);
      mgr.load();
      return mgr;
    } catch (e) {
      if (mgr) mgr.closeLogs();
      lock.release();
      throw e;
    }
  }

  private load(): void {
    // Finish deletions a crash interrupted (Kafka's `*-delete` directories).
    for (const name of readdirSync(this.dataDir)) {
      if (name.endsWith('-delete')) rmSync(join(this.dataDir, name), { recursive: true, force: true });
    }
    // Partitions are opened (their tails recovered) on first use, and meanwhile in the background,
    // so a broker holding 30,000 of them answers its first request as soon as an empty one does.
    this.checkpoint = readLogStartCheckpoint(this.dataDir);
    const known = new Set<string>();
    this.registry = TopicRegistry.open(this.dataDir, this.onLog);
    for (const t of this.registry.list()) {
      const info: TopicInfo = { name: t.name, topicId: uuidFromString(t.topicId), partitions: t.partitions, configs: { ...t.configs } };
      const state = this.remember(info);
      state.logs.length = t.partitions;
      for (let p = 0; p < t.partitions; p++) known.add(partitionDirName(t.name, p));
      this.openInBackground(state);
    }
    for (const name of readdirSync(this.dataDir, { withFileTypes: true })) {
      if (name.isDirectory() && /-\d+$/.test(name.name) && !known.has(name.name)) {
        this.onLog(`ignoring ${join(this.dataDir, name.name)}: no such topic in the registry`);
      }
    }
    this.writeCheckpoint();
  }

  /**
   * Opens the partitions nobody asked for yet after a start, a few milliseconds' worth per turn of
   * the event loop, so requests are answered in between.
   */
  private openInBackground(state: TopicState): void {
    for (let p = 0; p < state.info.partitions; p++) this.unopened.push({ state, p });
    if (this.recovery || this.closed) return;
    const step = () => {
      this.recovery = undefined;
      const until = performance.now() + RECOVERY_SLICE_MS;
      this.deferDirSync(() => {
        while (this.unopened.length && !this.closed && performance.now() < until) {
          const { state: t, p } = this.unopened.pop()!;
          // A topic deleted meanwhile has left the map; its state lingers only in this queue.
          if (this.topics.get(t.info.name) !== t || t.logs[p]) continue;
          try {
            this.opened(t, p);
          } catch {
            // logged by opened(); a request for it will try again and answer with the error
          }
        }
      });
      if (this.unopened.length && !this.closed) this.recovery = setImmediate(step);
    };
    this.recovery = setImmediate(step);
  }

  /** The partition's log, opened now if it was not yet. */
  private opened(state: TopicState, p: number): PartitionLog {
    let log = state.logs[p];
    if (!log) {
      try {
        log = this.openPartition(state.info, p, this.checkpoint.get(`${state.info.name} ${p}`));
      } catch (e) {
        this.onLog(`could not open ${state.info.name}-${p}: ${(e as Error).message}`);
        throw e;
      }
      state.logs[p] = log;
      this.checkpoint.delete(`${state.info.name} ${p}`);
    }
    return log;
  }

  private loaded(): PartitionLog[] {
    const out: PartitionLog[] = [];
    for (const t of this.topics.values()) for (const log of t.logs) if (log) out.push(log);
    return out;
  }

  private openPartition(info: TopicInfo, p: number, logStartOffset?: bigint): PartitionLog {
    const dir = join(this.dataDir, partitionDirName(info.name, p));
    const isNew = !existsSync(dir);
    mkdirSync(dir, { recursive: true });
    writePartitionMetadata(dir, info.topicId);
    const log = PartitionLog.open({
      dir,
      topic: info.name,
      index: p,
      config: resolveLogConfig(this.defaults, info.configs),
      cache: this.cache,
      onLog: this.onLog,
      onLogStartOffsetChange: () => this.checkpointChanged(),
      ...(logStartOffset !== undefined ? { logStartOffset } : {}),
    });
    if (isNew) this.syncDataDir();
    return log;
  }

  private remember(info: TopicInfo): TopicState {
    const state: TopicState = { info, logs: [] };
    this.topics.set(info.name, state);
    this.byId.set(info.topicId.toString('hex'), state);
    this.byUnified.set(unify(info.name), info.name);
    return state;
  }

  private forget(state: TopicState): void {
    this.topics.delete(state.info.name);
    this.byId.delete(state.info.topicId.toString('hex'));
    if (this.byUnified.get(unify(state.info.name)) === state.info.name) this.byUnified.delete(unify(state.info.name));
  }

  private syncDataDir(): void {
    if (this.batching > 0) this.dirDirty = true;
    else fsyncDir(this.dataDir);
  }

  /**
   * Runs fn with its topic changes made durable together at its end: one fsync of the registry and
   * one of the data directory for a CreateTopics of 500 topics instead of one or more per topic.
   */
  batch<T>(fn: () => T): T {
    return this.registry!.batch(() => this.deferDirSync(fn));
  }

  /** Runs fn with the data directory's fsyncs it asks for made once, at its end. */
  private deferDirSync<T>(fn: () => T): T {
    this.batching++;
    try {
      return fn();
    } finally {
      if (--this.batching === 0 && this.dirDirty) {
        this.dirDirty = false;
        fsyncDir(this.dataDir);
      }
    }
  }

  /** An existing topic whose name differs from `name` only by '.' against '_', if any. */
  collidingTopic(name: string): string | undefined {
    const other = this.byUnified.get(unify(name));
    return other !== undefined && other !== name ? other : undefined;
  }

  listTopics(): TopicInfo[] {
    return [...this.topics.values()].map((t) => t.info);
  }

  getTopic(name: string): TopicInfo | undefined {
    return this.topics.get(name)?.info;
  }

  getTopicById(id: Buffer): TopicInfo | undefined {
    return this.byId.get(id.toString('hex'))?.info;
  }

  partition(topic: string, index: number): PartitionLog | undefined {
    const t = this.topics.get(topic);
    if (!t || !Number.isInteger(index) || index < 0 || index >= t.info.partitions) return undefined;
    return this.opened(t, index);
  }

  /** All partition logs of a topic, by index. */
  partitions(topic: string): readonly PartitionLog[] {
    const t = this.topics.get(topic);
    return t ? Array.from({ length: t.info.partitions }, (_, p) => this.opened(t, p)) : [];
  }

  /** The resolved LogConfig of a topic (defaults overridden by its configs). */
  topicLogConfig(name: string): LogConfig | undefined {
    const t = this.topics.get(name);
    return t ? resolveLogConfig(this.defaults, t.info.configs) : undefined;
  }

  /** Creates a topic; configs were validated by the caller. The registry is written before the
   *  directories, so a crash in between leaves a topic whose partitions are made on next start. */
  createTopic(name: string, partitions: number, configs: Record<string, string>): TopicInfo {
    this.assertOpen();
    if (this.topics.has(name)) throw new Error(`topic ${name} already exists`);
    if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`invalid partition count ${partitions}`);
    const info: TopicInfo = { name, topicId: randomUuid(), partitions, configs: { ...configs } };
    const state = this.remember(info);
    this.saveTopic(info);
    try {
      // Made now, not lazily: opening thousands at once later (a ListOffsets of every partition)
      // would hold the event loop, and every other request, for seconds.
      for (let p = 0; p < partitions; p++) state.logs.push(this.openPartition(info, p));
    } catch (e) {
      // Wholly there or absent: a topic whose partitions could not all be made is taken back.
      this.removeTopic(state);
      throw e;
    }
    return info;
  }

  /**
   * Deletes a topic as Kafka does: close its logs, rename each partition directory to
   * `<dir>.<random>-delete` (so a restart never sees half a partition), drop it from the registry,
   * then remove the renamed directories (a crash here is finished on the next start).
   */
  deleteTopic(name: string): void {
    this.assertOpen();
    const t = this.topics.get(name);
    if (!t) throw new Error(`unknown topic ${name}`);
    this.removeTopic(t);
  }

  private removeTopic(t: TopicState): void {
    for (const log of t.logs) log?.close();
    const doomed: string[] = [];
    for (let p = 0; p < t.info.partitions; p++) {
      const dir = join(this.dataDir, partitionDirName(t.info.name, p));
      this.checkpoint.delete(`${t.info.name} ${p}`);
      if (!existsSync(dir)) continue;
      const to = dir + deleteSuffix();
      renameSync(dir, to);
      doomed.push(to);
    }
    fsyncDir(this.dataDir);
    this.forget(t);
    this.registry!.delete(t.info.name);
    this.writeCheckpoint();
    for (const d of doomed) rmSync(d, { recursive: true, force: true });
  }

  createPartitions(name: string, newTotal: number): void {
    this.assertOpen();
    const t = this.topics.get(name);
    if (!t) throw new Error(`unknown topic ${name}`);
    if (!Number.isInteger(newTotal) || newTotal <= t.info.partitions) {
      throw new Error(`topic ${name} has ${t.info.partitions} partitions; the new total must be larger (got ${newTotal})`);
    }
    const from = t.info.partitions;
    t.info.partitions = newTotal;
    this.saveTopic(t.info);
    for (let p = from; p < newTotal; p++) t.logs.push(this.openPartition(t.info, p));
  }

  /** Replaces the topic's config overrides and reconfigures its logs. */
  alterTopicConfigs(name: string, configs: Record<string, string>): void {
    this.assertOpen();
    const t = this.topics.get(name);
    if (!t) throw new Error(`unknown topic ${name}`);
    t.info.configs = { ...configs };
    this.saveTopic(t.info);
    const cfg = resolveLogConfig(this.defaults, t.info.configs);
    for (const log of t.logs) log?.reconfigure(cfg);
  }

  /** Changes the broker defaults (dynamic broker configs) and reconfigures every log. */
  setDefaults(defaults: LogConfig): void {
    this.defaults = defaults;
    for (const t of this.topics.values()) {
      const cfg = resolveLogConfig(defaults, t.info.configs);
      for (const log of t.logs) log?.reconfigure(cfg);
    }
  }

  /** Applies retention to every partition; the checkpoint is written once if anything moved. */
  enforceRetention(nowMs: number): void {
    if (this.closed) return;
    this.deferCheckpoint = true;
    try {
      // Partitions not opened yet wait for the background recovery; the next check covers them.
      for (const log of this.loaded()) {
        try {
          const n = log.enforceRetention(nowMs);
          if (n > 0) this.onLog(`retention deleted ${n} segment(s) of ${log.topic}-${log.index}; log start offset ${log.logStartOffset}`);
        } catch (e) {
          this.onLog(`retention failed for ${log.topic}-${log.index}: ${(e as Error).message}`);
        }
      }
    } finally {
      this.deferCheckpoint = false;
      if (this.checkpointDirty) this.writeCheckpoint();
    }
  }

  /** Makes every active segment durable (fsync) and writes pending indexes (an unopened partition has none). */
  flush(): void {
    for (const log of this.loaded()) log.flush(true);
  }

  /** Flushes and closes every log, writes the checkpoint and releases the lock. */
  close(): void {
    if (this.closed) return;
    try {
      this.closeLogs();
      this.writeCheckpoint();
    } finally {
      this.closed = true;
      this.registry?.close();
      this.lock.release();
    }
  }

  private closeLogs(): void {
    if (this.recovery) clearImmediate(this.recovery);
    for (const log of this.loaded()) log.close();
  }

  private checkpointChanged(): void {
    if (this.deferCheckpoint) this.checkpointDirty = true;
    else this.writeCheckpoint();
  }

  private writeCheckpoint(): void {
    const entries: { topic: string; partition: number; offset: bigint }[] = [];
    for (const t of this.topics.values()) {
      for (let p = 0; p < t.info.partitions; p++) {
        const log = t.logs[p];
        // A partition not opened yet keeps what the checkpoint said; a new one starts at 0 (opening
        // raises a start below the first segment to it, as for any stale checkpoint).
        const offset = log ? log.logStartOffset : (this.checkpoint.get(`${t.info.name} ${p}`) ?? 0n);
        entries.push({ topic: t.info.name, partition: p, offset });
      }
    }
    writeLogStartCheckpoint(this.dataDir, entries);
    this.checkpointDirty = false;
  }

  private saveTopic(info: TopicInfo): void {
    this.registry!.put({ name: info.name, topicId: uuidToString(info.topicId), partitions: info.partitions, configs: info.configs });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the log manager is closed');
  }
}
