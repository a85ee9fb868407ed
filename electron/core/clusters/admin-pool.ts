// One connected kafkajs admin client per saved cluster, shared by every screen and stream that reads
// it, so opening a view does not pay a connection and its SASL/TLS handshakes again. A profile that
// is saved again or removed drops its client; the next use connects with the new settings. Errors
// come out as the shared codes (refused, TLS, SASL, timeout ...) through failures.ts.
import type { Admin, Kafka } from 'kafkajs';
import { BrookError } from '../../../shared/errors';
import type { Logger } from '../logger';
import { connectionSpec, type ConnectionSpec } from './connection';
import { describeFailure } from './failures';
import { kafkaClient } from './kafka';
import type { ClusterStore } from './store';
import { Wire } from './wire';

/** How long a retired client stays open for the calls already made on it. */
const RETIRED_CLOSE_MS = 30_000;

interface Pooled {
  /** The profile the client was made from, to notice when it changes. */
  profile: string;
  kafka: Kafka;
  admin: Promise<Admin>;
  /** Made on first use: for the requests kafkajs's admin does not make. */
  wire?: Promise<Wire>;
}

export class AdminPool {
  private readonly pooled = new Map<string, Pooled>();
  /** The settings each cluster was last reached with, for wording failures (kept when a client is retired). */
  private readonly specs = new Map<string, ConnectionSpec>();

  constructor(
    private readonly store: ClusterStore,
    private readonly logger: Logger,
  ) {}

  /** The cluster's admin client, connected. */
  get(clusterId: string): Promise<Admin> {
    const existing = this.pooled.get(clusterId);
    if (existing) return existing.admin;
    const profile = this.store.get(clusterId);
    const spec = connectionSpec(profile, this.store.password(profile));
    const kafka = kafkaClient(spec, this.logger, { clientId: 'brook-explorer' });
    const client = kafka.admin();
    const admin = client.connect().then(
      () => client,
      (error: unknown) => {
        if (this.pooled.get(clusterId)?.admin === admin) this.pooled.delete(clusterId);
        throw this.failure(error, spec, 'connect');
      },
    );
    this.pooled.set(clusterId, { profile: JSON.stringify(profile), kafka, admin });
    this.specs.set(clusterId, spec);
    return admin;
  }

  /**
   * Runs fn on the cluster's client, its failure worded for the user. When the cluster says a topic
   * does not exist, the client is retired (see retire()) and fn tried once more on a new one, so a
   * client that kept asking about some other, missing topic cannot fail this call.
   */
  async call<T>(clusterId: string, stage: string, fn: (admin: Admin) => Promise<T>, topic?: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const admin = await this.get(clusterId);
      try {
        return await fn(admin);
      } catch (error) {
        const failure = this.failure(error, clusterId, stage, topic);
        if (failure.code !== 'UNKNOWN_TOPIC' && !/UNKNOWN_TOPIC_OR_PARTITION/.test(failure.message)) throw failure;
        this.retire(clusterId, admin);
        if (attempt > 0) throw failure;
      }
    }
  }

  /** Runs fn on the cluster's wire (see wire.ts), its failure worded for the user. */
  async onWire<T>(clusterId: string, stage: string, fn: (wire: Wire) => Promise<T>): Promise<T> {
    await this.get(clusterId);
    const pooled = this.pooled.get(clusterId);
    if (!pooled) throw new BrookError({ code: 'CONNECTION_FAILED', message: 'The cluster\'s connection was closed; try again' });
    if (!pooled.wire) {
      pooled.wire = Wire.connect(pooled.kafka);
      pooled.wire.catch(() => {
        if (this.pooled.get(clusterId) === pooled) pooled.wire = undefined;
      });
    }
    try {
      return await fn(await pooled.wire);
    } catch (error) {
      throw this.failure(error, clusterId, stage);
    }
  }

  /** The cluster's kafkajs client, for clients of its own (a producer); connects the admin first so failures are worded alike. */
  async kafka(clusterId: string): Promise<Kafka> {
    await this.get(clusterId);
    const pooled = this.pooled.get(clusterId);
    if (!pooled) throw new BrookError({ code: 'CONNECTION_FAILED', message: 'The cluster\'s connection was closed; try again' });
    return pooled.kafka;
  }

  /**
   * Runs fn on a wire of its own (its own connections, closed after), for long work whose requests
   * must not queue the screens' behind them: a tail's long-polling Fetch, a scan.
   */
  async onOwnWire<T>(clusterId: string, stage: string, fn: (wire: Wire) => Promise<T>): Promise<T> {
    const kafka = await this.kafka(clusterId);
    let wire: Wire | undefined;
    try {
      wire = await Wire.connect(kafka);
      return await fn(wire);
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw this.failure(error, clusterId, stage);
    } finally {
      void wire?.disconnect().catch(() => undefined);
    }
  }

  /** A kafkajs error from a call on clusterId's client, as a BrookError the user can act on. */
  failure(error: unknown, spec: ConnectionSpec | string, stage: string, topic?: string): BrookError {
    if (error instanceof BrookError) return error;
    const resolved = typeof spec === 'string' ? this.specs.get(spec) : spec;
    if (!resolved) return new BrookError({ code: 'KAFKA_ERROR', message: (error as Error).message });
    const f = describeFailure(error, { server: resolved.brokers.join(','), spec: resolved, stage, ...(topic !== undefined ? { topic } : {}) });
    return new BrookError({ code: f.code, message: f.message, hint: f.hint, detail: f.detail });
  }

  /** Drops the clients of profiles that were removed or saved with other settings. */
  refresh(): void {
    for (const [id, pooled] of this.pooled) {
      if (!this.store.has(id) || JSON.stringify(this.store.get(id)) !== pooled.profile) this.drop(id);
    }
  }

  /**
   * Replaces a client that met a topic that does not exist: kafkajs keeps a topic it was asked
   * about among those every later metadata refresh names, and when two calls race it can keep a
   * missing one, after which every call on that client fails. New calls get a new client; this
   * one is closed once calls already on it have had time to end.
   */
  retire(clusterId: string, admin: Admin): void {
    const pooled = this.pooled.get(clusterId);
    if (!pooled) return;
    void pooled.admin.then((current) => {
      if (current !== admin || this.pooled.get(clusterId) !== pooled) return;
      this.pooled.delete(clusterId);
      setTimeout(() => void disconnect(pooled), RETIRED_CLOSE_MS).unref();
    }, () => undefined);
  }

  /** Forgets a cluster's client (its profile changed or went) and disconnects it. */
  drop(clusterId: string): void {
    const pooled = this.pooled.get(clusterId);
    this.specs.delete(clusterId);
    if (!pooled) return;
    this.pooled.delete(clusterId);
    void disconnect(pooled);
  }

  async close(): Promise<void> {
    const all = [...this.pooled.values()];
    this.pooled.clear();
    this.specs.clear();
    await Promise.all(all.map(disconnect));
  }
}

async function disconnect(pooled: Pooled): Promise<void> {
  await Promise.all([pooled.admin, pooled.wire].map((c) => c?.then((client) => client.disconnect()).catch(() => undefined)));
}
