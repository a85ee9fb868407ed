// The broker: configuration, the partition logs, and the listeners that serve them. One node that
// is the whole cluster: it leads every partition and is its own controller and group coordinator.
import type { Server } from 'node:net';
import { defaultOpenFilesMax } from './log/descriptor-limit';
import { DEFAULT_LOG_CONFIG, LogManager, type LogConfig } from './log';
import { SlabPool } from './slab-pool';
import { parseBrokerConfig, type BrokerConfig } from './config';
import { parseListeners, type ListenerSpec } from './listeners';
import { Connection } from './server/connection';
import { createListenerServer, securityProtocolMap } from './server/secure-listeners';
import { OffsetStore, groupsOf } from './groups/offsets';
import { OffsetsLog } from './groups/offsets-log';
import { GroupCoordinator } from './groups/coordinator';
import { GroupMetadataStore } from './groups/group-store';
import { groupFromRecord } from './groups/group-records';
import { startGroupMetadataCleanup } from './groups/cleanup';
import { TransactionCoordinator } from './transactions/coordinator';
import { AclStore } from './acls/acl-store';

export interface BrokerOptions {
  dataDir: string;
  /** Overrides the host of the first listener (default 127.0.0.1). */
  host?: string;
  /** Overrides the port of the first listener; 0 picks a free port. */
  port?: number;
  /** server.properties keys. */
  config?: Record<string, string>;
  /** Where log lines go (default: stderr). */
  log?: (line: string) => void;
}

export interface BoundListener extends ListenerSpec {
  advertisedHost: string;
  advertisedPort: number;
  server: Server;
}

export class Broker {
  readonly connections = new Set<Connection>();
  readonly listeners: BoundListener[] = [];
  readonly startedAt = Date.now();
  /** Requests handled and connections accepted since start, for the line the CLI prints on stop. */
  requestsHandled = 0;
  connectionsAccepted = 0;
  private retentionTimer: NodeJS.Timeout | undefined;
  private groupCleanupTimer: NodeJS.Timeout | undefined;
  /** The group coordinator; its groups are kept in __consumer_offsets and restored from it here. */
  readonly groups: GroupCoordinator;
  /** Committed offsets, kept in __consumer_offsets and loaded from it here. */
  readonly offsets: OffsetStore;
  /** The transaction coordinator; its transactions are kept in __transaction_state and restored on start. */
  readonly transactions: TransactionCoordinator;
  /** The ACLs, kept in brook-acls.json in the data directory. */
  readonly acls: AclStore;
  /**
   * Reused buffers: Fetch reads segment bytes into them, Produce requests arrive in them. A slab
   * holds a default consumer's partition (max.partition.fetch.bytes 1 MiB) with the read's scan
   * slack, or a default producer's request (max.request.size 1 MiB); a few stay free.
   */
  readonly slabs = new SlabPool(1024 * 1024 + 64 * 1024, 6);

  private constructor(
    readonly config: BrokerConfig,
    readonly logs: LogManager,
    readonly log: (line: string) => void,
  ) {
    const offsetsLog = new OffsetsLog(logs, { numPartitions: config.offsetsTopicNumPartitions, log });
    this.offsets = new OffsetStore(offsetsLog, {
      retentionMs: config.offsetsRetentionMinutes * 60_000,
      log,
      groups: () => groupsOf(this),
    });
    const groupStore = new GroupMetadataStore(offsetsLog);
    this.groups = new GroupCoordinator(config, log, groupStore);
    offsetsLog.load();
    this.offsets.logLoaded();
    const restored = [...groupStore.stored()].map(([groupId, value]) => groupFromRecord(groupId, value));
    this.groups.restore(restored);
    if (restored.length > 0) log(`loaded ${restored.length} group(s) from __consumer_offsets`);
    offsetsLog.compactIfDue();
    // After the offsets: completing a transaction left in Prepare may decide transactional offsets.
    this.transactions = new TransactionCoordinator(this, {
      numPartitions: config.transactionStateLogNumPartitions,
      maxTimeoutMs: config.transactionMaxTimeoutMs,
      abortTimedOutIntervalMs: config.transactionAbortTimedOutTransactionCleanupIntervalMs,
      idExpirationMs: config.transactionalIdExpirationMs,
    });
    this.transactions.load();
    this.acls = new AclStore(logs.dataDir);
    if (this.acls.size > 0) log(`loaded ${this.acls.size} ACL(s)`);
  }

  get nodeId(): number {
    return this.config.nodeId;
  }
  get clusterId(): string {
    return this.logs.clusterId;
  }

  static async start(opts: BrokerOptions): Promise<Broker> {
    const log = opts.log ?? ((line: string) => process.stderr.write(`[brook-broker] ${line}\n`));
    const config = parseBrokerConfig(opts.config ?? {});
    const specs = parseListeners(config.listeners, securityProtocolMap(config));
    if (specs.length === 0) throw new Error('listeners names no listener');
    if (opts.host !== undefined) specs[0].host = opts.host;
    if (opts.port !== undefined) specs[0].port = opts.port;
    const logs = LogManager.open(opts.dataDir, { defaults: defaultLogConfig(config), onLog: log, openFilesMax: config.logOpenFilesMax ?? defaultOpenFilesMax() });
    const broker = new Broker(config, logs, log);
    try {
      for (const spec of specs) await broker.listen(spec);
    } catch (err) {
      await broker.stop();
      throw err;
    }
    broker.retentionTimer = setInterval(() => broker.enforceRetention(), config.logRetentionCheckIntervalMs);
    broker.retentionTimer.unref();
    broker.groupCleanupTimer = startGroupMetadataCleanup(broker.offsets, broker.groups, log);
    return broker;
  }

  private listen(spec: ListenerSpec): Promise<void> {
    const server: Server = createListenerServer(this, spec, (socket) => {
      const bound = this.listeners.find((l) => l.server === server)!;
      const connection = new Connection(socket, this, bound);
      this.connections.add(connection);
      this.connectionsAccepted++;
      return connection;
    });
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(`port ${spec.port} on ${spec.host} is already in use (listener ${spec.name})`)
            : err,
        );
      });
      server.listen(spec.port, spec.host, () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : spec.port;
        const advertised = this.advertisedFor(spec.name);
        this.listeners.push({
          ...spec,
          port,
          server,
          advertisedHost: advertised?.host ?? (spec.host === '0.0.0.0' || spec.host === '' ? 'localhost' : spec.host),
          advertisedPort: advertised && advertised.port !== 0 ? advertised.port : port,
        });
        resolve();
      });
    });
  }

  private advertisedFor(name: string): ListenerSpec | undefined {
    if (!this.config.advertisedListeners) return undefined;
    return parseListeners(this.config.advertisedListeners, securityProtocolMap(this.config)).find((l) => l.name === name);
  }

  /** The listeners as bound, in Kafka's `listeners` syntax (NAME://host:port, ports resolved). */
  get listenersInForce(): string {
    return this.listeners.map((l) => `${l.name}://${l.host.includes(':') ? `[${l.host}]` : l.host}:${l.port}`).join(',');
  }

  /** The address clients of a listener are told to use for this broker. */
  endpoint(listenerName: string): { host: string; port: number } {
    const l = this.listeners.find((x) => x.name === listenerName) ?? this.listeners[0];
    return { host: l.advertisedHost, port: l.advertisedPort };
  }

  enforceRetention(now = Date.now()): void {
    try {
      this.logs.enforceRetention(now);
    } catch (err) {
      this.log(`retention check failed: ${(err as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.retentionTimer);
    clearInterval(this.groupCleanupTimer);
    this.groups.stop();
    this.transactions.stop();
    const closed = this.listeners.map((l) => new Promise<void>((resolve) => l.server.close(() => resolve())));
    for (const c of [...this.connections]) c.close();
    await Promise.all(closed);
    this.logs.close();
  }
}

export const defaultLogConfig = (c: BrokerConfig): LogConfig => ({
  segmentBytes: c.logSegmentBytes,
  segmentMs: c.logRollMs,
  retentionMs: c.logRetentionMs,
  retentionBytes: c.logRetentionBytes,
  maxMessageBytes: c.messageMaxBytes,
  messageTimestampType: c.logMessageTimestampType,
  // log.message.timestamp.{after,before}.max.ms are not broker settings here: Kafka's defaults.
  messageTimestampAfterMaxMs: DEFAULT_LOG_CONFIG.messageTimestampAfterMaxMs,
  messageTimestampBeforeMaxMs: DEFAULT_LOG_CONFIG.messageTimestampBeforeMaxMs,
  indexIntervalBytes: c.logIndexIntervalBytes,
});
