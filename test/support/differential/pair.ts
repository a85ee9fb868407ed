// The sandbox and real Kafka side by side: one request sent to both (the same API version on both,
// the highest both serve), both responses decoded and normalised, every remaining difference
// recorded as a path-level line.
import { RawClient } from '../raw-client';
import { apiSpecs, type Requests, type Responses } from '../../../electron/broker/protocol/messages.generated';
import type { Encodable } from '../../../electron/broker/protocol/codec';
import { diff, show } from './diff';
import { normalise } from './normalise';
import { KNOWN_DIFFERENCES, type KnownDifference } from './known-differences';

type Key = keyof Requests & keyof Responses;
export type SideName = 'sandbox' | 'kafka';

export interface Side {
  name: SideName;
  client: RawClient;
  port: number;
  /** Topic ids seen in this side's Metadata and CreateTopics answers, by topic name. */
  topicIds: Map<string, Buffer>;
  /** API key -> [min, max] from this side's ApiVersions. */
  versions: Map<number, [number, number]>;
}

export interface ExchangeOptions<K extends Key> {
  /** A version other than the highest common one. */
  version?: number;
  /**
   * Resend (at most 50 times, 200 ms apart) until the answer satisfies this: for state real Kafka
   * reaches asynchronously (a new topic's leader, the offsets topic's coordinator).
   */
  until?: (response: Responses[K]) => boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Differential {
  /** Unexplained differences, one readable line each: these fail the test. */
  readonly differences: string[];
  /** Known differences that were hit, with their reasons. */
  readonly known: string[];
  readonly knownHit: Set<KnownDifference>;

  /** With `recordsInto`, differences are recorded in that one's lists. */
  constructor(readonly sandbox: Side, readonly kafka: Side, recordsInto?: Differential) {
    this.differences = recordsInto?.differences ?? [];
    this.known = recordsInto?.known ?? [];
    this.knownHit = recordsInto?.knownHit ?? new Set();
  }

  /** A second connection to each broker (another group member), recording into this one's lists. */
  async connectAgain(): Promise<Differential> {
    return new Differential(await openSide('sandbox', this.sandbox.port), await openSide('kafka', this.kafka.port), this);
  }

  close(): void {
    this.sandbox.client.close();
    this.kafka.client.close();
  }

  /** The highest version of `key` that both sides and the codec serve. */
  version(key: Key): number {
    const [, s] = this.sandbox.versions.get(key) ?? [-1, -1];
    const [, k] = this.kafka.versions.get(key) ?? [-1, -1];
    const v = Math.min(s, k, apiSpecs[key].request.valid?.[1] ?? -1);
    if (v < 0) throw new Error(`${apiSpecs[key].name} is not served by both sides`);
    return v;
  }

  /** Sends the request to both sides, compares the normalised answers, returns both raw answers. */
  async exchange<K extends Key>(
    step: string,
    key: K,
    body: Encodable<Requests[K]> | ((side: Side) => Encodable<Requests[K]>),
    options: ExchangeOptions<K> = {},
  ): Promise<{ sandbox: Responses[K]; kafka: Responses[K]; version: number }> {
    const version = options.version ?? this.version(key);
    const ask = async (side: Side): Promise<Responses[K]> => {
      const payload = typeof body === 'function' ? body(side) : body;
      for (let attempt = 1; ; attempt++) {
        const response = await side.client.request(key, version, payload);
        if (!options.until || options.until(response) || attempt >= 50) {
          rememberTopicIds(side, response);
          return response;
        }
        await sleep(200);
      }
    };
    const [sandbox, kafka] = await Promise.all([ask(this.sandbox), ask(this.kafka)]);
    const api = apiSpecs[key].name.replace(/Request$/, '');
    this.compare(api, `${api} v${version} ${step}`, sandbox, kafka);
    return { sandbox, kafka, version };
  }

  /**
   * Sends a request Kafka cannot parse to both sides on connections of their own and records a
   * difference unless both close the connection without an answer.
   */
  async closesBoth<K extends Key>(step: string, key: K, body: Encodable<Requests[K]>, version = this.version(key)): Promise<void> {
    const outcome = async (side: Side): Promise<string> => {
      const c = await RawClient.connect(side.port);
      try {
        await c.request(key, version, body);
        return 'answered';
      } catch (err) {
        if (/connection closed/.test((err as Error).message)) return 'closed the connection';
        throw err;
      } finally {
        c.close();
      }
    };
    const [sandbox, kafka] = await Promise.all([outcome(this.sandbox), outcome(this.kafka)]);
    if (sandbox !== 'closed the connection' || kafka !== sandbox) {
      this.record(`${apiSpecs[key].name.replace(/Request$/, '')} v${version} ${step}: sandbox ${sandbox}, kafka ${kafka}`);
    }
  }

  /** Records every difference between two answers of `api` (already decoded) after normalisation. */
  compare(api: string, label: string, sandbox: unknown, kafka: unknown): void {
    const found = diff(normalise(api, sandbox, this.sandbox), normalise(api, kafka, this.kafka));
    for (const d of found) {
      const line = `${label} ${d.path}: sandbox ${show(d.sandbox)}, kafka ${show(d.kafka)}`;
      const known = KNOWN_DIFFERENCES.find((k) => label.endsWith(` ${k.step}`) && k.path.test(d.path));
      if (known) {
        this.knownHit.add(known);
        this.known.push(`${line}\n    known difference: ${known.reason}`);
      } else this.differences.push(line);
    }
  }

  /** Records a difference found by a check other than the tree diff (ApiVersions ranges). */
  record(line: string): void {
    this.differences.push(line);
  }
}

function rememberTopicIds(side: Side, response: unknown): void {
  const topics = (response as { topics?: unknown }).topics;
  if (!Array.isArray(topics)) return;
  for (const t of topics as { name?: unknown; topicId?: unknown }[]) {
    if (typeof t.name === 'string' && Buffer.isBuffer(t.topicId) && t.topicId.some((b) => b !== 0)) side.topicIds.set(t.name, t.topicId);
  }
}

export async function openSide(name: SideName, port: number): Promise<Side> {
  const client = await RawClient.connect(port);
  const av = await client.request(18, 3, { clientSoftwareName: 'brook-differential', clientSoftwareVersion: '1' });
  if (av.errorCode !== 0) throw new Error(`${name}: ApiVersions error ${av.errorCode}`);
  return {
    name,
    client,
    port,
    topicIds: new Map(),
    versions: new Map(av.apiKeys.map((k) => [k.apiKey, [k.minVersion, k.maxVersion]])),
  };
}
