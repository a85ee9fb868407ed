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
  readTopicsFile,
  uuidFromString,
  uuidToString,
  writeLogStartCheckpoint,
  writePartitionMetadata,
  writeTopicsFile,
} from './metadata';
import { PartitionLog } from './partition-log';
import { SegmentCache } from './segment-cache';

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
  /** How many inactive segments may hold an open fd and loaded indexes at once (default 64). */
  openSegmentCacheSize?: number;
}

interface TopicState {
  info: TopicInfo;
  logs: PartitionLog[];
}

export class LogManager {
  readonly clusterId: string;
  private readonly topics = new Map<string, TopicState>();
  private readonly cache: SegmentCache;
  private readonly onLog: (msg: string) => void;
  private defaults: LogConfig;
  private closed = false;
  private deferCheckpoint = false;
  private checkpointDirty = false;

  private constructor(
    readonly dataDir: string,
    private readonly lock: DataDirLock,
    opts: LogManagerOptions,
  ) {
    this.defaults = opts.defaults;
    this.onLog = opts.onLog ?? (() => {});
    this.cache = new SegmentCache(opts.openSegmentCacheSize ?? 64);
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
    const checkpoint = readLogStartCheckpoint(this.dataDir);
    const known = new Set<string>();
    for (const t of readTopicsFile(this.dataDir)) {
      const info: TopicInfo = { name: t.name, topicId: uuidFromString(t.topicId), partitions: t.partitions, configs: { ...t.configs } };
      const state: TopicState = { info, logs: [] };
      this.topics.set(t.name, state);
      for (let p = 0; p < t.partitions; p++) {
        known.add(partitionDirName(t.name, p));
        state.logs.push(this.openPartition(info, p, checkpoint.get(`${t.name} ${p}`)));
      }
    }
    for (const name of readdirSync(this.dataDir, { withFileTypes: true })) {
      if (name.isDirectory() && /-\d+$/.test(name.name) && !known.has(name.name)) {
        this.onLog(`ignoring ${join(this.dataDir, name.name)}: no such topic in the registry`);
      }
    }
    this.writeCheckpoint();
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
    if (isNew) fsyncDir(this.dataDir);
    return log;
  }

  listTopics(): TopicInfo[] {
    return [...this.topics.values()].map((t) => t.info);
  }

  getTopic(name: string): TopicInfo | undefined {
    return this.topics.get(name)?.info;
  }

  getTopicById(id: Buffer): TopicInfo | undefined {
    for (const t of this.topics.values()) if (t.info.topicId.equals(id)) return t.info;
    return undefined;
  }

  partition(topic: string, index: number): PartitionLog | undefined {
    return this.topics.get(topic)?.logs[index];
  }

  /** All partition logs of a topic, by index. */
  partitions(topic: string): readonly PartitionLog[] {
    return this.topics.get(topic)?.logs ?? [];
  }

  /** The resolved LogConfig of a topic (defaults overridden by its configs). */
  topicLogConfig(name: string): LogConfig | undefined {
    const t = this.topics.get(name);
    return t ? resolveLogConfig(this.defaults, t.info.configs) : undefined;
  }

  /** Creates a topic; configs were validated by the caller. The registry is written before the
   *  directories, so a crash in between leaves a topic whose partitions are created on next start. */
  createTopic(name: string, partitions: number, configs: Record<string, string>): TopicInfo {
    this.assertOpen();
    if (this.topics.has(name)) throw new Error(`topic ${name} already exists`);
    if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`invalid partition count ${partitions}`);
    const info: TopicInfo = { name, topicId: randomUuid(), partitions, configs: { ...configs } };
    const state: TopicState = { info, logs: [] };
    this.topics.set(name, state);
    this.saveTopics();
    for (let p = 0; p < partitions; p++) state.logs.push(this.openPartition(info, p));
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
    for (const log of t.logs) log.close();
    const doomed: string[] = [];
    for (let p = 0; p < t.info.partitions; p++) {
      const dir = join(this.dataDir, partitionDirName(name, p));
      if (!existsSync(dir)) continue;
      const to = dir + deleteSuffix();
      renameSync(dir, to);
      doomed.push(to);
    }
    fsyncDir(this.dataDir);
    this.topics.delete(name);
    this.saveTopics();
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
    this.saveTopics();
    for (let p = from; p < newTotal; p++) t.logs.push(this.openPartition(t.info, p));
  }

  /** Replaces the topic's config overrides and reconfigures its logs. */
  alterTopicConfigs(name: string, configs: Record<string, string>): void {
    this.assertOpen();
    const t = this.topics.get(name);
    if (!t) throw new Error(`unknown topic ${name}`);
    t.info.configs = { ...configs };
    this.saveTopics();
    const cfg = resolveLogConfig(this.defaults, t.info.configs);
    for (const log of t.logs) log.reconfigure(cfg);
  }

  /** Changes the broker defaults (dynamic broker configs) and reconfigures every log. */
  setDefaults(defaults: LogConfig): void {
    this.defaults = defaults;
    for (const t of this.topics.values()) {
      const cfg = resolveLogConfig(defaults, t.info.configs);
      for (const log of t.logs) log.reconfigure(cfg);
    }
  }

  /** Applies retention to every partition; the checkpoint is written once if anything moved. */
  enforceRetention(nowMs: number): void {
    if (this.closed) return;
    this.deferCheckpoint = true;
    try {
      for (const t of this.topics.values()) {
        for (const log of t.logs) {
          try {
            const n = log.enforceRetention(nowMs);
            if (n > 0) this.onLog(`retention deleted ${n} segment(s) of ${log.topic}-${log.index}; log start offset ${log.logStartOffset}`);
          } catch (e) {
            this.onLog(`retention failed for ${log.topic}-${log.index}: ${(e as Error).message}`);
          }
        }
      }
    } finally {
      this.deferCheckpoint = false;
      if (this.checkpointDirty) this.writeCheckpoint();
    }
  }

  /** Total bytes stored. */
  sizeBytes(): number {
    let n = 0;
    for (const t of this.topics.values()) for (const log of t.logs) n += log.sizeBytes();
    return n;
  }

  /** Makes every active segment durable (fsync) and writes pending indexes. */
  flush(): void {
    for (const t of this.topics.values()) for (const log of t.logs) log.flush(true);
  }

  /** Flushes and closes every log, writes the checkpoint and releases the lock. */
  close(): void {
    if (this.closed) return;
    try {
      this.closeLogs();
      this.writeCheckpoint();
    } finally {
      this.closed = true;
      this.lock.release();
    }
  }

  private closeLogs(): void {
    for (const t of this.topics.values()) for (const log of t.logs) log.close();
  }

  private checkpointChanged(): void {
    if (this.deferCheckpoint) this.checkpointDirty = true;
    else this.writeCheckpoint();
  }

  private writeCheckpoint(): void {
    const entries: { topic: string; partition: number; offset: bigint }[] = [];
    for (const t of this.topics.values()) {
      for (const log of t.logs) entries.push({ topic: log.topic, partition: log.index, offset: log.logStartOffset });
    }
    writeLogStartCheckpoint(this.dataDir, entries);
    this.checkpointDirty = false;
  }

  private saveTopics(): void {
    writeTopicsFile(
      this.dataDir,
      [...this.topics.values()].map((t) => ({
        name: t.info.name,
        topicId: uuidToString(t.info.topicId),
        partitions: t.info.partitions,
        configs: t.info.configs,
      })),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the log manager is closed');
  }
}
