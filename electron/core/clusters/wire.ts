// Requests kafkajs's admin does not make (DescribeLogDirs, IncrementalAlterConfigs, ListOffsets for
// many topics at once, ListGroups with states ...), encoded and decoded by Brook's own codec, which
// is generated from Kafka's JSON specs and differential-tested against Kafka, and sent over
// kafkajs's own broker connections, so TLS, SASL, ApiVersions and reconnects stay kafkajs's.
//
// kafkajs (2.2.4, its last release) keeps its cluster and broker objects private; the two handles
// used here, Kafka's cluster factory and a broker's connection pool, are pinned by that version and
// checked when the wire is made, so a change fails loudly here rather than sending garbage.
import type { Kafka } from 'kafkajs';
import { BrookError } from '../../../shared/errors';
import { decode, encode, isFlexible, type Encodable } from '../../broker/protocol/codec';
import { ErrorCode } from '../../broker/protocol/errors';
import { Reader } from '../../broker/protocol/reader';
import type { MessageSpec } from '../../broker/protocol/schema';
import { ANSWER_WITHIN_MS, within } from './every-broker';

/** A request and its response, as the generated specs pair them. */
export interface Api<Req, Res> {
  request: MessageSpec;
  response: MessageSpec;
  /** Only for typing: the decoded shapes. */
  readonly types?: [Req, Res];
}

export const api = <Req, Res>(request: MessageSpec, response: MessageSpec): Api<Req, Res> => ({ request, response });

interface KafkajsBroker {
  nodeId: number;
  versions: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: { send(request: unknown): Promise<unknown> };
}

interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(who: { nodeId: string | number }): Promise<KafkajsBroker>;
  brokerPool: { metadata: { brokers: { nodeId: number; host: string; port: number; rack: string | null }[]; controllerId: number; clusterId: string } | null };
}

const CREATE_CLUSTER = 'private:Kafka:createCluster';

/** kafkajs's name for a Kafka error code, for messages in Kafka's words. */
export function kafkaErrorName(code: number): string {
  return Object.entries(ErrorCode).find(([, c]) => c === code)?.[0] ?? `error code ${code}`;
}

/** How long a broker that failed to answer is asked last by sendAny. */
const UNWELL_MS = 60_000;

export class Wire {
  /** When each broker last failed to answer (refused, timed out, dropped the connection). */
  private readonly failedAt = new Map<number, number>();

  private constructor(private readonly cluster: KafkajsCluster) {}

  /** A wire over a new kafkajs cluster of `kafka` (its own connections, no target topics). */
  static async connect(kafka: Kafka): Promise<Wire> {
    const make = Object.getOwnPropertySymbols(kafka).find((s) => s.description === CREATE_CLUSTER);
    const factory = make && (kafka as unknown as Record<symbol, unknown>)[make];
    if (typeof factory !== 'function') throw new BrookError({ code: 'INTERNAL', message: 'kafkajs changed: its cluster factory is gone (Brook expects kafkajs 2.2.4)' });
    const cluster = factory({ allowAutoTopicCreation: false }) as KafkajsCluster;
    await cluster.connect();
    return new Wire(cluster);
  }

  /** The brokers of the last metadata, refreshed first when `fresh`. */
  async brokers(fresh = false): Promise<{ nodeId: number; host: string; port: number; rack: string | null }[]> {
    if (fresh || !this.cluster.brokerPool.metadata) await this.cluster.refreshMetadata();
    return this.cluster.brokerPool.metadata?.brokers ?? [];
  }

  /** The request versions broker nodeId told kafkajs in its ApiVersions answer (connecting to it first), by API key. */
  async versions(nodeId: number): Promise<Record<number, { minVersion: number; maxVersion: number }>> {
    return (await this.broker(nodeId)).versions ?? {};
  }

  /** kafkajs's broker nodeId; one kafkajs's metadata does not know yet (a new wire, a new broker) after refreshing it, as kafkajs's own callers retry. */
  private async broker(nodeId: number): Promise<KafkajsBroker> {
    try {
      return await this.cluster.findBroker({ nodeId: String(nodeId) });
    } catch (error) {
      if ((error as Error).name !== 'KafkaJSBrokerNotFound') throw error;
      return this.cluster.findBroker({ nodeId: String(nodeId) });
    }
  }

  /**
   * Sends one request to broker nodeId at the highest version both sides speak within `versions`,
   * and returns its decoded response. A broker that speaks none of them is an error that says so.
   */
  async send<Req, Res>(nodeId: number, call: Api<Req, Res>, body: Encodable<Req>, versions: [number, number] = [0, 32767]): Promise<{ version: number; response: Res }> {
    const broker = await this.broker(nodeId).catch((error: unknown) => this.failed(nodeId, error));
    const { request, response } = call;
    const name = request.name.replace(/Request$/, '');
    const version = speaks(broker, request, versions);
    if (version === undefined) {
      throw new BrookError({
        code: 'KAFKA_ERROR',
        message: `Broker ${nodeId} does not support ${name} ${versions[0] > 0 ? `v${versions[0]} or later` : ''}`.trim(),
        hint: 'This needs a newer Kafka (or a cluster that implements this request).',
      });
    }
    const flexible = isFlexible(request, version);
    // Request header v2 is v1 and a tagged-field section: with none, one zero byte before the body.
    const bytes = Buffer.concat([...(flexible ? [Buffer.of(0)] : []), encode(request, version, body).toBuffer()]);
    const decoded = (await broker.connectionPool.send({
      request: { apiKey: request.apiKey as number, apiVersion: version, apiName: name, encode: async () => ({ buf: bytes, buffer: bytes }) },
      response: {
        decode: async (payload: Buffer) => {
          const r = new Reader(payload);
          if (isFlexible(response, version)) skipTaggedFields(r);
          const out = decode<Res & { throttleTimeMs?: number }>(response, version, r);
          return Object.assign(out as object, { clientSideThrottleTime: 0 });
        },
        parse: async (out: unknown) => out,
      },
    }).catch((error: unknown) => this.failed(nodeId, error))) as Res;
    this.failedAt.delete(nodeId);
    return { version, response: decoded };
  }

  /** The version send() would use with broker nodeId, or undefined when the broker speaks none of `versions` (an older Kafka). */
  async speaks(nodeId: number, call: Api<unknown, unknown>, versions: [number, number]): Promise<number | undefined> {
    return speaks(await this.broker(nodeId), call.request, versions);
  }

  private failed(nodeId: number, error: unknown): never {
    this.failedAt.set(nodeId, Date.now());
    throw error;
  }

  /**
   * send() to the first broker of the metadata that answers, for requests any broker can serve;
   * brokers that failed lately are asked last, and one that says nothing in time is passed over.
   */
  async sendAny<Req, Res>(call: Api<Req, Res>, body: Encodable<Req>, versions?: [number, number]): Promise<{ version: number; response: Res }> {
    let last: unknown;
    const unwell = (nodeId: number) => Date.now() - (this.failedAt.get(nodeId) ?? -Infinity) < UNWELL_MS;
    for (const fresh of [false, true]) {
      const brokers = [...(await this.brokers(fresh))].sort((a, b) => Number(unwell(a.nodeId)) - Number(unwell(b.nodeId)));
      for (const { nodeId } of brokers) {
        try {
          return await within(ANSWER_WITHIN_MS, this.send(nodeId, call, body, versions));
        } catch (error) {
          if (error instanceof BrookError) throw error;
          this.failedAt.set(nodeId, Date.now());
          last = error;
        }
      }
    }
    throw last ?? new BrookError({ code: 'CONNECTION_FAILED', message: 'No broker of this cluster answered' });
  }

  async disconnect(): Promise<void> {
    await this.cluster.disconnect();
  }
}

/** The highest version of `request` both sides speak within `versions`. */
function speaks(broker: KafkajsBroker, request: MessageSpec, versions: [number, number]): number | undefined {
  const theirs = request.apiKey === undefined ? undefined : broker.versions?.[request.apiKey];
  const ours = request.valid ?? [0, 0];
  const high = Math.min(ours[1], versions[1], theirs?.maxVersion ?? -1);
  const low = Math.max(ours[0], versions[0], theirs?.minVersion ?? 0);
  return theirs && high >= low ? high : undefined;
}

/** Skips a response header's tagged fields (kafkajs hands over what follows the correlation id). */
function skipTaggedFields(r: Reader): void {
  for (let n = r.uvarint(); n > 0; n--) {
    r.uvarint();
    r.raw(r.uvarint());
  }
}
