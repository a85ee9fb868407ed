// Differential conformance: the same raw requests, at the same API versions (the highest both
// serve), go to the sandbox broker and to real Apache Kafka 4.3.1; both answers are decoded,
// normalised (test/support/differential/normalise.ts says what may differ and why) and compared.
// Any other difference fails, printed path by path, e.g.
//   Metadata v12 with a topic .topics[0].partitions[1].leaderEpoch: sandbox 0, kafka 3
// Sandbox defects not fixed yet are listed in known-differences.ts and printed when hit.
// The steps build on each other (topics, then records, then a group), so they run in order.
// Without java >= 17 every test skips with the reason.
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { realKafkaAvailable, startRealKafka, type RealKafka } from '../support/kafka-target';
import { startTestBroker, type TestBroker } from '../support/broker';
import { Differential, openSide, type Side } from '../support/differential/pair';
import { KNOWN_DIFFERENCES } from '../support/differential/known-differences';
import { runArea } from '../support/differential/area';
import { buildBatch, type TestRecord } from '../unit/batch-builder';
import { produceWithTimestamps, storedBatches } from '../support/client-batches';
import { crc32c } from '../../electron/broker/protocol/crc32c';
import lz4js from 'lz4js';
import { COMPRESSION_CODECS } from '../../electron/broker/protocol/record-batch';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { ApiKey, type Requests, type Responses } from '../../electron/broker/protocol/messages.generated';
import type { Encodable } from '../../electron/broker/protocol/codec';

type Key = keyof Requests & keyof Responses;

const START_TIMEOUT = 180_000;
/** Both brokers run with these, so the comparison is of behaviour, not of settings. */
const SHARED_CONFIG = {
  'auto.create.topics.enable': 'false',
  'group.initial.rebalance.delay.ms': '0',
  'num.partitions': '1',
  // A static broker setting, so DescribeConfigs shows how an inherited value is reported.
  'log.retention.hours': '24',
};

const TOPIC = 'diff-orders';
const SMALL = 'diff-small';
/** Idempotent batches carry each side's own producer id (in the CRC'd bytes), so they get a topic of their own. */
const IDEM = 'diff-idempotent';
const COMPACT = 'diff-compacted';
/** Transactional batches, with each side's own producer id, and markers. */
const TXN = 'diff-transactions';
/** Batches compressed by librdkafka (snappy, lz4, zstd), records with timestamps out of order. */
const CLIENT = 'diff-client-codecs';
const GROUP = 'diff-group';
const T0 = 1_700_000_000_000n;
const ZERO_UUID = Buffer.alloc(16);

/** `batch` with its records replaced by `payload` under `codec`, length and CRC made valid. */
function withPayload(batch: Buffer, codec: 'gzip' | 'snappy' | 'lz4' | 'zstd', payload: Buffer): Buffer {
  const out = Buffer.concat([batch.subarray(0, 61), payload]);
  out.writeInt32BE(out.length - 12, 8);
  out.writeInt16BE((out.readInt16BE(21) & ~0x07) | { gzip: 1, snappy: 2, lz4: 3, zstd: 4 }[codec], 21);
  out.writeUInt32BE(crc32c(out, 21), 17);
  return out;
}

/** Three records per batch, with keys, values, a null value and headers, timestamps base + 0..2. */
function records(tag: string): TestRecord[] {
  return [
    { key: `${tag}-k0`, value: `${tag} value zero`, headers: [{ key: 'h', value: 'x' }], timestampDelta: 0 },
    { key: null, value: `${tag} value one`.repeat(20), timestampDelta: 1 },
    { key: `${tag}-k2`, value: null, headers: [{ key: 'n', value: null }], timestampDelta: 2 },
  ];
}

/** A ConsumerProtocolSubscription v0: version, topics [TOPIC], null user data. */
const consumerMetadata = (() => {
  const head = Buffer.alloc(8);
  head.writeInt16BE(0, 0);
  head.writeInt32BE(1, 2);
  head.writeInt16BE(TOPIC.length, 6);
  return Buffer.concat([head, Buffer.from(TOPIC), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
})();

/** FindCoordinator for a group, asked again until Kafka's offsets topic has its coordinator. */
const findCoordinator = (d: Differential, group: string, step: string) =>
  d.exchange(step, 10, { key: group, keyType: 0, coordinatorKeys: [group] }, {
    until: (r) => r.errorCode === 0 && r.coordinators.every((c) => c.errorCode === 0),
  });

describe('differential: sandbox vs Apache Kafka 4.3.1, raw requests', () => {
  let kafka: RealKafka | undefined;
  let sandbox: TestBroker | undefined;
  let d: Differential | undefined;

  before(async () => {
    if (!realKafkaAvailable().ok) return;
    [kafka, sandbox] = await Promise.all([startRealKafka({ brokers: 1, config: SHARED_CONFIG }), startTestBroker(SHARED_CONFIG)]);
    d = new Differential(await openSide('sandbox', sandbox.port), await openSide('kafka', Number(kafka.bootstrap[0].split(':')[1])));
  }, { timeout: START_TIMEOUT });

  after(async () => {
    d?.close();
    await Promise.all([kafka?.stop(), sandbox?.stop()]);
    if (d) {
      const stale = KNOWN_DIFFERENCES.filter((k) => !d!.knownHit.has(k));
      for (const k of stale) console.log(`known difference no longer hit (remove it from the table): ${k.step} ${k.path}`);
    }
  });

  /** Runs one area of the sequence and fails with every unexplained difference it produced. */
  const area = (t: TestContext, steps: (d: Differential) => Promise<void>) => runArea(t, d, steps);

  test('ApiVersions: every range the sandbox advertises lies within Kafka\'s', (t) =>
    area(t, async (d) => {
      for (const [key, [min, max]] of d.sandbox.versions) {
        const k = d.kafka.versions.get(key);
        if (!k) d.record(`ApiVersions .apiKeys[${key}]: sandbox ${min}-${max}, kafka not served`);
        else if (min < k[0] || max > k[1]) d.record(`ApiVersions .apiKeys[${key}]: sandbox ${min}-${max}, kafka ${k[0]}-${k[1]}`);
      }
    }));

  test('CreateTopics: created, already exists, invalid name, invalid partitions, validateOnly', (t) =>
    area(t, async (d) => {
      const create = (name: string, numPartitions: number, configs: { name: string; value: string }[] = []) => ({
        name, numPartitions, replicationFactor: 1, assignments: [], configs,
      });
      await d.exchange('created', 19, { topics: [create(TOPIC, 2)], timeoutMs: 30_000 });
      await d.exchange('for idempotent batches', 19, { topics: [create(IDEM, 1)], timeoutMs: 30_000 });
      await d.exchange('for client batches', 19, { topics: [create(CLIENT, 1)], timeoutMs: 30_000 });
      await d.exchange('compacted', 19, { topics: [create(COMPACT, 1, [{ name: 'cleanup.policy', value: 'compact' }])], timeoutMs: 30_000 });
      await d.exchange('with a config', 19, { topics: [create(SMALL, 1, [{ name: 'max.message.bytes', value: '400' }])], timeoutMs: 30_000 });
      await d.exchange('already exists', 19, { topics: [create(TOPIC, 2)], timeoutMs: 30_000 });
      await d.exchange('invalid name', 19, { topics: [create('bad name!', 1)], timeoutMs: 30_000 });
      await d.exchange('invalid partitions', 19, { topics: [create('diff-zero', 0)], timeoutMs: 30_000 });
      await d.exchange('validateOnly', 19, { topics: [create('diff-validate', 3)], timeoutMs: 30_000, validateOnly: true });
      await d.exchange('replication factor above the brokers', 19, { topics: [{ ...create('diff-rf', 1), replicationFactor: 3 }], timeoutMs: 30_000 });
      await d.exchange('invalid config value', 19, { topics: [create('diff-badcfg', 1, [{ name: 'retention.ms', value: 'soon' }])], timeoutMs: 30_000 });
      await d.exchange('unknown config', 19, { topics: [create('diff-nocfg', 1, [{ name: 'no.such.config', value: '1' }])], timeoutMs: 30_000 });
      await d.exchange('a name twice', 19, { topics: [create('diff-twice', 1), create('diff-twice', 1)], timeoutMs: 30_000 });
      await d.exchange('defaults (-1)', 19, { topics: [{ ...create('diff-defaults', -1), replicationFactor: -1 }], timeoutMs: 30_000, validateOnly: true });
    }));

  test('Metadata: one topic, all topics, no topics, unknown topic without auto-creation', (t) =>
    area(t, async (d) => {
      const leaders = (r: { topics: { errorCode: number; partitions: { leaderId: number }[] }[] }) =>
        r.topics.every((tp) => tp.errorCode === 0 && tp.partitions.every((p) => p.leaderId >= 0));
      // Kafka creates topics asynchronously: wait until it serves both before comparing more.
      const created = [TOPIC, SMALL, IDEM, COMPACT, CLIENT].map((name) => ({ topicId: ZERO_UUID, name }));
      await d.exchange('created topics', 3, { topics: created, allowAutoTopicCreation: false }, { until: leaders });
      await d.exchange('all topics', 3, { topics: null, allowAutoTopicCreation: false });
      await d.exchange('no topics', 3, { topics: [], allowAutoTopicCreation: false });
      await d.exchange('unknown topic', 3, { topics: [{ topicId: ZERO_UUID, name: 'diff-nope' }], allowAutoTopicCreation: false });
      await d.exchange('by topic id', 3, (s) => ({ topics: [{ topicId: s.topicIds.get(TOPIC) ?? ZERO_UUID, name: null }], allowAutoTopicCreation: false }));
      await d.exchange('validateOnly created nothing', 3, { topics: [{ topicId: ZERO_UUID, name: 'diff-validate' }], allowAutoTopicCreation: false });
    }));

  const produce = (topic: string, partition: number, batch: Buffer, acks = -1) => ({
    acks,
    timeoutMs: 30_000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records: batch }] }],
  });

  test('Produce: one batch with each codec (none, gzip, snappy, lz4, zstd)', (t) =>
    area(t, async (d) => {
      for (const [i, compression] of COMPRESSION_CODECS.entries()) {
        const batch = buildBatch({ records: records(compression), compression, baseTimestamp: T0 + BigInt(i) * 1000n });
        await d.exchange(compression, 0, produce(TOPIC, 0, batch));
      }
      await d.exchange('second partition', 0, produce(TOPIC, 1, buildBatch({ records: records('p1'), baseTimestamp: T0 })));
      await d.exchange('second partition, gzip', 0, produce(TOPIC, 1, buildBatch({ records: records('p1'), compression: 'gzip', baseTimestamp: T0 + 10_000n })));
    }));

  /** Per codec, the first record's timestamp of its librdkafka batch; the others follow at CLIENT_DELTAS. */
  const CLIENT_CODECS = { snappy: T0 + 20_000n, lz4: T0 + 21_000n, zstd: T0 + 22_000n };
  const CLIENT_DELTAS = [0n, 10n, 30n, 10n, 20n];

  test('Produce: batches compressed by librdkafka (snappy, lz4, zstd) as a client sends them', (t) =>
    area(t, async (d) => {
      // Each batch is made by confluent-kafka against a throwaway sandbox and read back from its log.
      const scratch = await startTestBroker({ 'num.partitions': '1' });
      try {
        for (const [codec, first] of Object.entries(CLIENT_CODECS)) {
          await produceWithTimestamps(scratch.bootstrap, codec, 0, codec, CLIENT_DELTAS.map((delta) => Number(first + delta)));
          const [batch] = storedBatches(scratch.dataDir, codec, 0);
          assert.equal(batch.readInt16BE(21) & 0x07, { snappy: 2, lz4: 3, zstd: 4 }[codec]);
          // As the client sent it: base offset 0 and no leader epoch (both outside the CRC).
          batch.writeBigInt64BE(0n, 0);
          batch.writeInt32BE(-1, 12);
          await d.exchange(`librdkafka ${codec}`, 0, produce(CLIENT, 0, batch));
        }
      } finally {
        await scratch.stop();
      }
    }));

  const fetch = (side: Side, offset: bigint, isolationLevel = 0, partition = 0, topicId = side.topicIds.get(TOPIC) ?? ZERO_UUID) => ({
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 1,
    maxBytes: 50 * 1024 * 1024,
    isolationLevel,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{
      topic: TOPIC,
      topicId,
      partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 10 * 1024 * 1024 }],
    }],
    forgottenTopicsData: [],
    rackId: '',
  });

  test('Fetch: the batches byte for byte, high watermark, last stable offset, log start offset', (t) =>
    area(t, async (d) => {
      await d.exchange('from 0', 1, (s) => fetch(s, 0n));
      await d.exchange('from inside a batch', 1, (s) => fetch(s, 7n));
      await d.exchange('read_committed', 1, (s) => fetch(s, 3n, 1));
      await d.exchange('at the high watermark', 1, (s) => fetch(s, 15n));
      await d.exchange('second partition', 1, (s) => fetch(s, 0n, 0, 1));
      // KIP-74: the first batch comes whole even when it is larger than the limits.
      await d.exchange('maxBytes below one batch', 1, (s) => ({ ...fetch(s, 0n), maxBytes: 10 }));
      const withEpoch = (s: Side, currentLeaderEpoch: number) => {
        const f = fetch(s, 0n);
        return { ...f, topics: [{ ...f.topics[0], partitions: [{ ...f.topics[0].partitions[0], currentLeaderEpoch }] }] };
      };
      await d.exchange('current leader epoch', 1, (s) => withEpoch(s, 0));
      await d.exchange('a leader epoch from the future', 1, (s) => withEpoch(s, 5));
    }));

  const listOffsets = (timestamp: bigint, partition = 0) => ({
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: TOPIC, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp }] }],
    timeoutMs: 30_000,
  });

  test('ListOffsets: earliest, latest, by timestamp, max timestamp', (t) =>
    area(t, async (d) => {
      await d.exchange('earliest', 2, listOffsets(-2n));
      await d.exchange('latest', 2, listOffsets(-1n));
      await d.exchange('by timestamp, exact', 2, listOffsets(T0 + 2000n));
      await d.exchange('by timestamp, between batches', 2, listOffsets(T0 + 2500n));
      await d.exchange('by timestamp, inside a gzip batch', 2, listOffsets(T0 + 1001n));
      await d.exchange('by timestamp, inside a zstd batch', 2, listOffsets(T0 + 4001n));
      await d.exchange('by timestamp, after the last', 2, listOffsets(T0 + 99_000n));
      await d.exchange('max timestamp', 2, listOffsets(-3n));
      await d.exchange('max timestamp, in a gzip batch', 2, listOffsets(-3n, 1));
      await d.exchange('by timestamp, inside a snappy batch', 2, listOffsets(T0 + 2001n));
      await d.exchange('by timestamp, inside an lz4 batch', 2, listOffsets(T0 + 3002n));
      const client = (timestamp: bigint) => ({ ...listOffsets(timestamp), topics: [{ name: CLIENT, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp }] }] });
      for (const [codec, first] of Object.entries(CLIENT_CODECS)) {
        for (const delta of [0n, 5n, 10n, 20n, 21n, 30n]) await d.exchange(`by timestamp, librdkafka ${codec} batch +${delta}`, 2, client(first + delta));
      }
      await d.exchange('max timestamp, librdkafka batches', 2, client(-3n));
      await d.exchange('latest, read_committed', 2, { ...listOffsets(-1n), isolationLevel: 1 });
      const epoch = (currentLeaderEpoch: number) => ({ ...listOffsets(-1n), topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, currentLeaderEpoch, timestamp: -1n }] }] });
      await d.exchange('current leader epoch', 2, epoch(0));
      await d.exchange('a leader epoch from the future', 2, epoch(5));
    }));

  test('DescribeConfigs: a topic\'s configs, names, values, sources, flags', (t) =>
    area(t, async (d) => {
      for (const topic of [TOPIC, SMALL]) {
        await d.exchange(topic, 32, { resources: [{ resourceType: 2, resourceName: topic, configurationKeys: null }], includeSynonyms: false });
      }
      await d.exchange('with synonyms', 32, { resources: [{ resourceType: 2, resourceName: SMALL, configurationKeys: ['max.message.bytes', 'retention.ms', 'min.insync.replicas', 'segment.bytes'] }], includeSynonyms: true });
      await d.exchange('unknown topic', 32, { resources: [{ resourceType: 2, resourceName: 'diff-nope', configurationKeys: null }] });
    }));

  test('group protocol: FindCoordinator, JoinGroup twice, SyncGroup, Heartbeat, offsets, DescribeGroups, ListGroups, LeaveGroup', (t) =>
    area(t, async (d) => {
      await findCoordinator(d, GROUP, 'group');
      const join = (memberId: string) => ({
        groupId: GROUP, sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId, groupInstanceId: null,
        protocolType: 'consumer', protocols: [{ name: 'range', metadata: consumerMetadata }], reason: null,
      });
      const first = await d.exchange('member id required', 11, join(''), {
        until: (r) => r.errorCode === ErrorCode.MEMBER_ID_REQUIRED,
      });
      const member = { sandbox: first.sandbox.memberId, kafka: first.kafka.memberId };
      const second = await d.exchange('with the member id', 11, (s) => join(member[s.name]));
      const generationId = second.kafka.generationId;
      await d.exchange('leader', 14, (s) => ({
        groupId: GROUP, generationId, memberId: member[s.name], groupInstanceId: null, protocolType: 'consumer', protocolName: 'range',
        assignments: [{ memberId: member[s.name], assignment: Buffer.from('assignment') }],
      }));
      await d.exchange('unknown member', 11, join('nobody'));
      await d.exchange('another protocol type', 11, { ...join(''), protocolType: 'connect' });
      await d.exchange('illegal generation', 14, (s) => ({
        groupId: GROUP, generationId: generationId + 5, memberId: member[s.name], groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [],
      }));
      await d.exchange('member', 12, (s) => ({ groupId: GROUP, generationId, memberId: member[s.name], groupInstanceId: null }));
      await d.exchange('unknown member', 12, { groupId: GROUP, generationId, memberId: 'nobody', groupInstanceId: null });
      await d.exchange('illegal generation', 12, (s) => ({ groupId: GROUP, generationId: generationId + 5, memberId: member[s.name], groupInstanceId: null }));
      const commit = (s: Side, generation: number) => ({
        groupId: GROUP, generationIdOrMemberEpoch: generation, memberId: member[s.name], groupInstanceId: null,
        topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, committedOffset: 5n, committedLeaderEpoch: -1, committedMetadata: 'meta' }, { partitionIndex: 1, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }] }],
      });
      await d.exchange('member', 8, (s) => commit(s, generationId));
      await d.exchange('illegal generation', 8, (s) => commit(s, generationId + 5));
      await d.exchange('unknown topic and partition', 8, (s) => ({
        ...commit(s, generationId),
        topics: [{ name: 'diff-nope', partitions: [{ partitionIndex: 0, committedOffset: 1n }] }, { name: TOPIC, partitions: [{ partitionIndex: 7, committedOffset: 1n }] }],
      }));
      // A commit outside any generation, as admin tools and assign() consumers send it.
      await d.exchange('simple commit', 8, {
        groupId: 'diff-simple', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
        topics: [{ name: TOPIC, partitions: [{ partitionIndex: 1, committedOffset: 2n, committedLeaderEpoch: -1, committedMetadata: '' }] }],
      });
      await d.exchange('simple group', 9, { groupId: 'diff-simple', topics: null, groups: [{ groupId: 'diff-simple', memberId: null, memberEpoch: -1, topics: null }] });
      const offsetFetch = (topics: { name: string; partitionIndexes: number[] }[] | null) => ({
        groupId: GROUP, topics, groups: [{ groupId: GROUP, memberId: null, memberEpoch: -1, topics }], requireStable: false,
      });
      await d.exchange('two partitions', 9, offsetFetch([{ name: TOPIC, partitionIndexes: [0, 1] }]));
      await d.exchange('all topics', 9, offsetFetch(null));
      await d.exchange('requireStable', 9, { ...offsetFetch([{ name: TOPIC, partitionIndexes: [0] }]), requireStable: true });
      await d.exchange('uncommitted and unknown', 9, offsetFetch([{ name: SMALL, partitionIndexes: [0] }, { name: 'diff-nope', partitionIndexes: [0] }]));
      await d.exchange('stable group', 15, { groups: [GROUP, 'diff-no-group'] });
      await d.exchange('all', 16, {});
      await d.exchange('stable only', 16, { statesFilter: ['Stable'] });
      await d.exchange('member', 13, (s) => ({ groupId: GROUP, memberId: member[s.name], members: [{ memberId: member[s.name], groupInstanceId: null, reason: null }] }));
      await d.exchange('unknown member', 13, { groupId: GROUP, members: [{ memberId: 'nobody', groupInstanceId: null, reason: null }] });
      await d.exchange('empty group', 15, { groups: [GROUP] });
      await d.exchange('after the member left', 9, offsetFetch([{ name: TOPIC, partitionIndexes: [0, 1] }]));
    }));

  test('many groups at once, as admin tools ask (KIP-699, KIP-709), and the empty group id, which Kafka 4 keeps as a group', (t) =>
    area(t, async (d) => {
      const ids = [GROUP, 'diff-simple', '', 'diff-no-group'];
      await d.exchange('empty group id', 8, {
        groupId: '', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null,
        topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, committedOffset: 3n, committedLeaderEpoch: -1, committedMetadata: '' }] }],
      });
      await d.exchange('many keys', 10, { keyType: 0, coordinatorKeys: ids }, { version: 4 });
      const groups = ids.map((groupId) => ({ groupId, memberId: null, memberEpoch: -1, topics: [{ name: TOPIC, partitionIndexes: [0, 1] }] }));
      await d.exchange('many groups', 9, { groups, requireStable: false }, { version: 8 });
      await d.exchange('many groups, every offset', 9, { groups: groups.map((g) => ({ ...g, topics: null })), requireStable: false }, { version: 8 });
      await d.exchange('many groups', 15, { groups: ids });
    }));

  /**
   * Sends `body` at every version both brokers advertise of `key`, from `from` on; returns the (API,
   * version) pairs compared.
   */
  async function everyVersion<K extends Key>(d: Differential, key: K, body: (s: Side, version: number) => Encodable<Requests[K]>, from = 0): Promise<string[]> {
    const [sMin, sMax] = d.sandbox.versions.get(key)!;
    const [kMin, kMax] = d.kafka.versions.get(key)!;
    const compared: string[] = [];
    for (let version = Math.max(sMin, kMin, from); version <= Math.min(sMax, kMax); version++) {
      await d.exchange(`v${version}`, key, (s) => body(s, version), { version });
      compared.push(`${key}v${version}`);
    }
    return compared;
  }

  test('older versions, as older clients send them: every version both serve of the requests that only read', (t) =>
    area(t, async (d) => {
      const compared = [
        ...(await everyVersion(d, ApiKey.Metadata, () => ({ topics: [{ topicId: ZERO_UUID, name: TOPIC }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false }))),
        ...(await everyVersion(d, ApiKey.Fetch, (s) => fetch(s, 0n))),
        ...(await everyVersion(d, ApiKey.ListOffsets, () => listOffsets(T0 + 1n))),
        ...(await everyVersion(d, ApiKey.FindCoordinator, () => ({ key: GROUP, keyType: 0, coordinatorKeys: [GROUP] }))),
        ...(await everyVersion(d, ApiKey.OffsetFetch, () => ({ groupId: GROUP, topics: [{ name: TOPIC, partitionIndexes: [0, 1] }], groups: [{ groupId: GROUP, memberId: null, memberEpoch: -1, topics: [{ name: TOPIC, partitionIndexes: [0, 1] }] }], requireStable: false }))),
        ...(await everyVersion(d, ApiKey.DescribeGroups, () => ({ groups: [GROUP], includeAuthorizedOperations: false }))),
        ...(await everyVersion(d, ApiKey.ListGroups, () => ({ statesFilter: [], typesFilter: [] }))),
        ...(await everyVersion(d, ApiKey.DescribeConfigs, () => ({ resources: [{ resourceType: 2, resourceName: SMALL, configurationKeys: ['max.message.bytes', 'retention.ms'] }], includeSynonyms: true, includeDocumentation: false }))),
        ...(await everyVersion(d, ApiKey.DescribeCluster, () => ({ includeClusterAuthorizedOperations: false, endpointType: 1 }))),
      ];
      t.diagnostic(`compared ${compared.length} API versions: ${compared.join(' ')}`);
      assert.ok(compared.length > 30, 'several versions of each');
    }));

  test('older versions of the requests that write: appends, commits, joins and what is refused, at every version both serve', (t) =>
    area(t, async (d) => {
      const unknownGroup = { groupId: 'diff-no-such-group', generationId: 1, memberId: 'diff-nobody', groupInstanceId: null };
      const compared = [
        // From v3: both advertise Produce v0 for librdkafka's sake, but below v3 Kafka 4.3.1 closes
        // the connection where the sandbox answers UNSUPPORTED_VERSION, an error a client can report
        // (test/broker/data-path).
        ...(await everyVersion(d, ApiKey.Produce, (_, v) => produce(TOPIC, 1, buildBatch({ records: records(`v${v}`), baseTimestamp: T0 + BigInt(v) })), 3)),
        ...(await everyVersion(d, ApiKey.OffsetCommit, (_, v) => ({
          groupId: 'diff-simple-versions', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1n,
          topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, committedOffset: BigInt(v), committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: `v${v}` }] }],
        }))),
        ...(await everyVersion(d, ApiKey.JoinGroup, (_, v) => ({
          groupId: `diff-join-v${v}`, sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId: '', groupInstanceId: null,
          protocolType: 'consumer', protocols: [{ name: 'range', metadata: consumerMetadata }], reason: null,
        }))),
        ...(await everyVersion(d, ApiKey.SyncGroup, () => ({ ...unknownGroup, protocolType: 'consumer', protocolName: 'range', assignments: [] }))),
        ...(await everyVersion(d, ApiKey.Heartbeat, () => unknownGroup)),
        ...(await everyVersion(d, ApiKey.LeaveGroup, () => ({ groupId: unknownGroup.groupId, memberId: unknownGroup.memberId, members: [{ memberId: unknownGroup.memberId, groupInstanceId: null, reason: null }] }))),
        ...(await everyVersion(d, ApiKey.DeleteGroups, () => ({ groupsNames: [unknownGroup.groupId] }))),
        ...(await everyVersion(d, ApiKey.CreateTopics, (_, v) => ({
          topics: [{ name: `diff-validate-v${v}`, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [{ name: 'retention.ms', value: '60000' }] }], timeoutMs: 30_000, validateOnly: true,
        }))),
        ...(await everyVersion(d, ApiKey.CreatePartitions, () => ({ topics: [{ name: 'diff-nope', count: 2, assignments: null }], timeoutMs: 30_000, validateOnly: false }))),
        ...(await everyVersion(d, ApiKey.DeleteTopics, () => ({ topics: [{ name: 'diff-nope', topicId: ZERO_UUID }], topicNames: ['diff-nope'], timeoutMs: 30_000 }))),
        ...(await everyVersion(d, ApiKey.DeleteRecords, () => ({ topics: [{ name: TOPIC, partitions: [{ partitionIndex: 1, offset: 0n }] }], timeoutMs: 30_000 }))),
        ...(await everyVersion(d, ApiKey.AlterConfigs, () => ({ resources: [{ resourceType: 2, resourceName: SMALL, configs: [{ name: 'retention.ms', value: '60000' }] }], validateOnly: true }))),
        ...(await everyVersion(d, ApiKey.IncrementalAlterConfigs, () => ({ resources: [{ resourceType: 2, resourceName: SMALL, configs: [{ name: 'retention.ms', configOperation: 0, value: '60000' }] }], validateOnly: true }))),
      ];
      t.diagnostic(`compared ${compared.length} API versions: ${compared.join(' ')}`);
      assert.ok(compared.length > 30, 'several versions of each');
    }));

  test('a second member: the rebalance it starts, heartbeats meanwhile, the leader\'s assignment for both, leaving', (t) =>
    area(t, async (d) => {
      const group = 'diff-rebalance';
      const other = await d.connectAgain();
      try {
        await findCoordinator(d, group, 'rebalance group');
        const join = (memberId: string) => ({
          groupId: group, sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId, groupInstanceId: null,
          protocolType: 'consumer', protocols: [{ name: 'range', metadata: consumerMetadata }], reason: null,
        });
        const sync = (memberId: string, generationId: number, assignments: { memberId: string; assignment: Buffer }[] = []) => ({
          groupId: group, generationId, memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments,
        });
        const heartbeat = (memberId: string, generationId: number) => ({ groupId: group, generationId, memberId, groupInstanceId: null });
        const newMember = async (on: Differential, who: string) => {
          const r = await on.exchange(`${who}: member id required`, 11, join(''), { until: (r) => r.errorCode === ErrorCode.MEMBER_ID_REQUIRED });
          return { sandbox: r.sandbox.memberId, kafka: r.kafka.memberId };
        };
        const a = await newMember(d, 'the first member');
        const alone = await d.exchange('the first member, alone', 11, (s) => join(a[s.name]));
        const first = alone.kafka.generationId;
        await d.exchange('the first member assigns to itself', 14, (s) => sync(a[s.name], first, [{ memberId: a[s.name], assignment: Buffer.from('all') }]));
        const b = await newMember(other, 'the second member');
        const bJoined = other.exchange('the second member waits for the rebalance', 11, (s) => join(b[s.name]));
        await d.exchange('the first member hears of the rebalance', 12, (s) => heartbeat(a[s.name], first), {
          until: (r) => r.errorCode === ErrorCode.REBALANCE_IN_PROGRESS,
        });
        const rejoined = await d.exchange('the first member rejoins and leads both', 11, (s) => join(a[s.name]));
        await bJoined;
        const second = rejoined.kafka.generationId;
        await d.exchange('completing the rebalance', 15, { groups: [group] });
        await d.exchange('the old generation', 12, (s) => heartbeat(a[s.name], first));
        const bSynced = other.exchange('the follower waits for its assignment', 14, (s) => sync(b[s.name], second));
        await d.exchange('the leader assigns to both', 14, (s) => sync(a[s.name], second, [
          { memberId: a[s.name], assignment: Buffer.from('first') },
          { memberId: b[s.name], assignment: Buffer.from('second') },
        ]));
        await bSynced;
        await d.exchange('two members, Stable', 15, { groups: [group] });
        await other.exchange('the second member leaves', 13, (s) => ({ groupId: group, memberId: '', members: [{ memberId: b[s.name], groupInstanceId: null, reason: null }] }));
        await d.exchange('the first member hears of it', 12, (s) => heartbeat(a[s.name], second), {
          until: (r) => r.errorCode === ErrorCode.REBALANCE_IN_PROGRESS,
        });
        await d.exchange('the first member leaves', 13, (s) => ({ groupId: group, memberId: '', members: [{ memberId: a[s.name], groupInstanceId: null, reason: null }] }));
        await d.exchange('empty', 15, { groups: [group] });
      } finally {
        other.close();
      }
    }));

  test('static membership: a static member that rejoins a Stable group under a new member id is not rebalanced', (t) =>
    area(t, async (d) => {
      const group = 'diff-static';
      const instance = 'diff-static-1';
      await findCoordinator(d, group, 'static group');
      const join = (protocols = [{ name: 'range', metadata: consumerMetadata }]) => ({
        groupId: group, sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId: '', groupInstanceId: instance,
        protocolType: 'consumer', protocols, reason: null,
      });
      const sync = (memberId: string, generationId: number, assignments: { memberId: string; assignment: Buffer }[] = []) => ({
        groupId: group, generationId, memberId, groupInstanceId: instance, protocolType: 'consumer', protocolName: 'range', assignments,
      });
      const first = await d.exchange('a static member joins (no MEMBER_ID_REQUIRED round)', 11, join());
      const old = { sandbox: first.sandbox.memberId, kafka: first.kafka.memberId };
      const generationId = first.kafka.generationId;
      await d.exchange('the leader assigns', 14, (s) => sync(old[s.name], generationId, [{ memberId: old[s.name], assignment: Buffer.from('mine') }]));
      const again = await d.exchange('the same instance rejoins with no member id', 11, join());
      const renewed = { sandbox: again.sandbox.memberId, kafka: again.kafka.memberId };
      for (const side of ['sandbox', 'kafka'] as const) {
        // Member ids are normalised in the comparison, so which one is named leader is checked here.
        assert.notEqual(renewed[side], old[side], `${side}: a new member id`);
        assert.equal(again[side].leader, renewed[side], `${side}: the rejoined leader leads under its new id`);
        assert.equal(again[side].generationId, generationId, `${side}: no new generation`);
      }
      await d.exchange('the new member id gets the kept assignment', 14, (s) => sync(renewed[s.name], generationId));
      await d.exchange('the new member id', 12, (s) => ({ groupId: group, generationId, memberId: renewed[s.name], groupInstanceId: instance }));
      await d.exchange('the old member id is fenced', 12, (s) => ({ groupId: group, generationId, memberId: old[s.name], groupInstanceId: instance }));
      await d.exchange('one member, Stable', 15, { groups: [group] });
      await d.exchange('the same instance rejoins offering another protocol only', 11, join([{ name: 'roundrobin', metadata: consumerMetadata }]));
      await d.exchange('leave by instance id', 13, { groupId: group, members: [{ memberId: '', groupInstanceId: instance, reason: null }] });
    }));

  test('group errors: session timeouts, group ids, protocols, unknown groups, fenced static members', (t) =>
    area(t, async (d) => {
      const group = 'diff-group-errors';
      const instance = 'diff-err-static';
      await findCoordinator(d, group, 'errors group');
      const join = (o: { groupId?: string; sessionTimeoutMs?: number; memberId?: string; groupInstanceId?: string | null; protocolType?: string; protocols?: { name: string; metadata: Buffer }[] } = {}) => ({
        groupId: group, sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId: '', groupInstanceId: null,
        protocolType: 'consumer', protocols: [{ name: 'range', metadata: consumerMetadata }], reason: null, ...o,
      });
      await d.exchange('session timeout too short', 11, join({ sessionTimeoutMs: 1 }));
      await d.exchange('session timeout too long', 11, join({ sessionTimeoutMs: 10_000_000 }));
      await d.exchange('empty group id', 11, join({ groupId: '' }));
      await d.exchange('no protocols', 11, join({ protocols: [] }));
      await d.exchange('empty protocol type', 11, join({ protocolType: '' }));
      const nobody = { groupId: 'diff-no-such-group', generationId: 1, memberId: 'diff-nobody', groupInstanceId: null };
      await d.exchange('unknown group', 12, nobody);
      await d.exchange('unknown group', 14, { ...nobody, protocolType: 'consumer', protocolName: 'range', assignments: [] });
      await d.exchange('unknown group', 13, { groupId: nobody.groupId, memberId: '', members: [{ memberId: nobody.memberId, groupInstanceId: null, reason: null }] });
      const joined = await d.exchange('a static member', 11, join({ groupInstanceId: instance }));
      const member = { sandbox: joined.sandbox.memberId, kafka: joined.kafka.memberId };
      const generationId = joined.kafka.generationId;
      await d.exchange('the static leader assigns', 14, (s) => ({
        groupId: group, generationId, memberId: member[s.name], groupInstanceId: instance, protocolType: 'consumer', protocolName: 'range', assignments: [],
      }));
      const impostor = { groupId: group, generationId, memberId: 'diff-not-it', groupInstanceId: instance };
      await d.exchange('its instance id with another member id', 11, join({ groupInstanceId: instance, memberId: impostor.memberId }));
      await d.exchange('its instance id with another member id', 12, impostor);
      await d.exchange('its instance id with another member id', 14, { ...impostor, protocolType: 'consumer', protocolName: 'range', assignments: [] });
      await d.exchange('its instance id with another member id', 8, {
        groupId: group, generationIdOrMemberEpoch: generationId, memberId: impostor.memberId, groupInstanceId: instance,
        topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }] }],
      });
      await d.exchange('its instance id with another member id', 13, { groupId: group, memberId: '', members: [{ memberId: impostor.memberId, groupInstanceId: instance, reason: null }] });
      await d.exchange('an unknown instance id', 13, { groupId: group, memberId: '', members: [{ memberId: '', groupInstanceId: 'diff-no-instance', reason: null }] });
      await d.exchange('by its instance id', 13, { groupId: group, memberId: '', members: [{ memberId: '', groupInstanceId: instance, reason: null }] });
    }));

  test('topic errors: names, partition counts and replication factors CreateTopics refuses', (t) =>
    area(t, async (d) => {
      const create = (name: string, numPartitions = 1, replicationFactor = 1) => ({
        topics: [{ name, numPartitions, replicationFactor, assignments: [], configs: [] }], timeoutMs: 30_000, validateOnly: true,
      });
      await d.exchange('a space in the name', 19, create('diff bad name'));
      await d.exchange('a name of 250 characters', 19, create('d'.repeat(250)));
      await d.exchange('the name ".."', 19, create('..'));
      await d.exchange('zero partitions', 19, create('diff-zero', 0));
      await d.exchange('the broker defaults (-1, -1)', 19, create('diff-defaults', -1, -1));
      await d.exchange('replication factor 0', 19, create('diff-rf0', 1, 0));
      await d.exchange('replication factor 2 on one broker', 19, create('diff-rf2', 1, 2));
      await d.exchange('the offsets topic', 19, create('__consumer_offsets'));
      await d.exchange('an invalid name, auto-created', 3, { topics: [{ topicId: ZERO_UUID, name: 'diff bad name' }], allowAutoTopicCreation: true });
    }));

  test('DeleteRecords, then the log start offset everywhere', (t) =>
    area(t, async (d) => {
      const del = (offset: bigint, partition = 0, topic = TOPIC) => ({ topics: [{ name: topic, partitions: [{ partitionIndex: partition, offset }] }], timeoutMs: 30_000 });
      await d.exchange('inside a batch', 21, del(4n));
      await d.exchange('beyond the high watermark', 21, del(100n));
      await d.exchange('unknown partition', 21, del(0n, 9));
      await d.exchange('unknown topic', 21, del(0n, 0, 'diff-nope'));
      await d.exchange('a compacted topic', 21, del(0n, 0, COMPACT));
      await d.exchange('earliest after delete', 2, listOffsets(-2n));
      await d.exchange('below the log start offset', 1, (s) => fetch(s, 0n));
      await d.exchange('at the log start offset', 1, (s) => fetch(s, 4n));
    }));

  test('idempotent Produce: InitProducerId, sequences, duplicates, an epoch bump', (t) =>
    area(t, async (d) => {
      // Kafka answers COORDINATOR_LOAD_IN_PROGRESS until its transaction state topic is ready.
      const init = await d.exchange('idempotent', 22, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 }, {
        until: (r) => r.errorCode === ErrorCode.NONE,
      });
      const pid = { sandbox: init.sandbox.producerId, kafka: init.kafka.producerId };
      const send = (step: string, producerEpoch: number, baseSequence: number) =>
        d.exchange(step, 0, (s) => produce(IDEM, 0, buildBatch({ records: records(step), baseTimestamp: T0, producerId: pid[s.name], producerEpoch, baseSequence })));
      await send('sequence 0', 0, 0);
      await send('sequence 3', 0, 3);
      await send('a duplicate of sequence 0', 0, 0);
      await send('a gap in the sequence', 0, 9);
      await send('a new epoch from sequence 0', 1, 0);
      await send('a new epoch from sequence 5', 2, 5);
      await send('an old epoch', 0, 6);
      await d.exchange('after idempotent batches', 2, { ...listOffsets(-1n), topics: [{ name: IDEM, partitions: [{ partitionIndex: 0, timestamp: -1n }] }] });
    }));

  test('malformed Produce: empty records, wrong record count, wrong magic, a timestamp too far ahead, compressed payloads that do not decode', (t) =>
    area(t, async (d) => {
      const ok = () => buildBatch({ records: records('bad'), baseTimestamp: T0 });
      await d.exchange('no records', 0, produce(TOPIC, 1, Buffer.alloc(0)));
      await d.exchange('a record count that lies', 0, produce(TOPIC, 1, buildBatch({ records: records('bad'), baseTimestamp: T0, recordCount: 5 })));
      await d.exchange('a last offset delta that lies', 0, produce(TOPIC, 1, buildBatch({ records: records('bad'), baseTimestamp: T0, lastOffsetDelta: 7 })));
      await d.exchange('magic 1', 0, produce(TOPIC, 1, buildBatch({ records: records('bad'), baseTimestamp: T0, magic: 1 })));
      await d.exchange('keyless records to a compacted topic', 0, produce(COMPACT, 0, buildBatch({ records: records('compact'), baseTimestamp: T0 })));
      await d.exchange('keyed records to a compacted topic', 0, produce(COMPACT, 0, buildBatch({ records: [{ key: 'k', value: 'v' }, { key: 'k', value: null }], baseTimestamp: T0 })));
      await d.exchange('a control batch', 0, produce(TOPIC, 1, buildBatch({ records: records('bad'), baseTimestamp: T0, isControl: true })));
      await d.exchange('two batches', 0, produce(TOPIC, 1, Buffer.concat([ok(), ok()])));
      await d.exchange('a truncated batch', 0, produce(TOPIC, 1, ok().subarray(0, 70)));
      const future = BigInt(Date.now()) + 2n * 3_600_000n;
      await d.exchange('a timestamp two hours ahead', 0, produce(TOPIC, 1, buildBatch({ records: records('bad'), baseTimestamp: future })));
      const now = BigInt(Date.now());
      for (const compression of ['snappy', 'lz4', 'zstd'] as const) {
        await d.exchange(`keyless records to a compacted topic, ${compression}`, 0, produce(COMPACT, 0, buildBatch({ records: records('compact'), baseTimestamp: T0, compression })));
        const lateThird = records('late').map((r, i) => ({ ...r, timestampDelta: i === 2 ? 7_200_000 : i }));
        await d.exchange(`the third record two hours ahead, ${compression}`, 0, produce(TOPIC, 1, buildBatch({ records: lateThird, baseTimestamp: now, compression })));
      }
      for (const compression of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
        await d.exchange(`a ${compression} payload that does not decode`, 0, produce(TOPIC, 1, withPayload(ok(), compression, Buffer.from('these bytes are no compressed stream at all'))));
      }
      // Kafka reads only LZ4 frames of independent blocks; lz4js writes the flag clear.
      await d.exchange('an lz4 frame of dependent blocks', 0, produce(TOPIC, 1, withPayload(ok(), 'lz4', Buffer.from(lz4js.compress(Buffer.from('dependent blocks'))))));
      await d.exchange('after the malformed batches', 2, listOffsets(-1n, 1));
    }));

  test('admin APIs: DescribeCluster, CreatePartitions, IncrementalAlterConfigs, OffsetDelete, DeleteGroups, DeleteTopics', (t) =>
    area(t, async (d) => {
      await d.exchange('brokers', 60, { includeClusterAuthorizedOperations: false });
      const grow = (name: string, count: number, validateOnly = false) => ({ topics: [{ name, count, assignments: null }], timeoutMs: 30_000, validateOnly });
      await d.exchange('validateOnly', 37, grow(IDEM, 3, true));
      await d.exchange('grow', 37, grow(IDEM, 2));
      await d.exchange('shrink', 37, grow(IDEM, 1));
      await d.exchange('same count', 37, grow(IDEM, 2));
      await d.exchange('unknown topic', 37, grow('diff-nope', 2));
      await d.exchange('grown topic', 3, { topics: [{ topicId: ZERO_UUID, name: IDEM }], allowAutoTopicCreation: false }, {
        until: (r) => r.topics[0].partitions.length === 2 && r.topics[0].partitions.every((p) => p.leaderId >= 0),
      });
      const SET = 0;
      const DELETE = 1;
      const alter = (configs: { name: string; configOperation: number; value: string | null }[], name = IDEM) => ({
        resources: [{ resourceType: 2, resourceName: name, configs }],
      });
      await d.exchange('set', 44, alter([{ name: 'retention.ms', configOperation: SET, value: '3600000' }, { name: 'cleanup.policy', configOperation: SET, value: 'compact' }]));
      await d.exchange('delete an override', 44, alter([{ name: 'retention.ms', configOperation: DELETE, value: null }]));
      await d.exchange('unknown key', 44, alter([{ name: 'no.such.config', configOperation: SET, value: '1' }]));
      await d.exchange('invalid value', 44, alter([{ name: 'retention.ms', configOperation: SET, value: 'soon' }]));
      await d.exchange('unknown topic', 44, alter([{ name: 'retention.ms', configOperation: SET, value: '1' }], 'diff-nope'));
      await d.exchange('after IncrementalAlterConfigs', 32, {
        resources: [{ resourceType: 2, resourceName: IDEM, configurationKeys: ['retention.ms', 'cleanup.policy', 'max.message.bytes'] }], includeSynonyms: true,
      });
      await d.exchange('a committed partition', 47, { groupId: 'diff-simple', topics: [{ name: TOPIC, partitions: [{ partitionIndex: 1 }] }] });
      await d.exchange('unknown group', 47, { groupId: 'diff-no-group', topics: [{ name: TOPIC, partitions: [{ partitionIndex: 1 }] }] });
      await d.exchange('empty, unknown and emptied groups', 42, { groupsNames: [GROUP, 'diff-no-group', 'diff-simple'] });
      await d.exchange('by name and unknown', 20, { topics: [{ name: IDEM, topicId: ZERO_UUID }, { name: 'diff-nope', topicId: ZERO_UUID }], topicNames: [IDEM, 'diff-nope'], timeoutMs: 30_000 });
    }));

  test('transactions: InitProducerId, AddPartitionsToTxn, transactional Produce, EndTxn commit and abort, read_committed, fencing, refusals', (t) =>
    area(t, async (d) => {
      const TXN_ID = 'diff-tx';
      await d.exchange('for transactions', 19, { topics: [{ name: TXN, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 30_000 });
      await d.exchange('the transactions topic', 3, { topics: [{ topicId: ZERO_UUID, name: TXN }], allowAutoTopicCreation: false }, {
        until: (r) => r.topics.every((tp) => tp.errorCode === 0 && tp.partitions.every((p) => p.leaderId >= 0)),
      });
      // Kafka creates __transaction_state on the first lookup and answers COORDINATOR_NOT_AVAILABLE meanwhile.
      await d.exchange('a transactional id', 10, { key: TXN_ID, keyType: 1, coordinatorKeys: [TXN_ID] }, {
        until: (r) => r.errorCode === 0 && r.coordinators.every((c) => c.errorCode === 0),
      });
      // Kafka writes markers after answering EndTxn: until they are written it answers
      // CONCURRENT_TRANSACTIONS (a produce, NOT_ENOUGH_REPLICAS), which clients retry; so is this test.
      const settled = (code: number) =>
        ![ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.CONCURRENT_TRANSACTIONS, ErrorCode.NOT_ENOUGH_REPLICAS].includes(code as 14);
      const init = (step: string) =>
        d.exchange(step, 22, { transactionalId: TXN_ID, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 }, { until: (r) => settled(r.errorCode) });
      const first = await init('transactional');
      const pid = { sandbox: first.sandbox.producerId, kafka: first.kafka.producerId };
      const txnProduce = (step: string, producerEpoch: number, baseSequence: number) =>
        d.exchange(step, 0, (s) => ({
          ...produce(TXN, 0, buildBatch({ records: records(step), baseTimestamp: T0, producerId: pid[s.name], producerEpoch, baseSequence, isTransactional: true })),
          transactionalId: TXN_ID,
        }), { until: (r) => settled(r.responses[0].partitionResponses[0].errorCode) });
      const addPartitions = (step: string, producerEpoch: number, version = 3) =>
        d.exchange(step, 24, (s) => ({
          transactions: [],
          v3AndBelowTransactionalId: TXN_ID,
          v3AndBelowProducerId: pid[s.name],
          v3AndBelowProducerEpoch: producerEpoch,
          v3AndBelowTopics: [{ name: TXN, partitions: [0] }],
        }), { version, until: (r) => settled(r.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode) });
      const endTxn = (step: string, producerEpoch: number, committed: boolean, version?: number) =>
        d.exchange(step, 26, (s) => ({ transactionalId: TXN_ID, producerId: pid[s.name], producerEpoch, committed }), { version, until: (r) => settled(r.errorCode) });
      // After an EndTxn, Kafka's markers land a moment later: read once the log holds `end` offsets.
      // One batch per answer (limits of 1 byte, KIP-74): how many more Kafka adds past the first
      // is up to the file position it keeps for its high watermark, not to the protocol.
      const txnFetch = (step: string, isolationLevel: number, end?: bigint, offset = 0n) =>
        d.exchange(step, 1, (s) => {
          const f = fetch(s, offset, isolationLevel, 0, s.topicIds.get(TXN) ?? ZERO_UUID);
          return { ...f, maxBytes: 1, topics: [{ ...f.topics[0], partitions: [{ ...f.topics[0].partitions[0], partitionMaxBytes: 1 }] }] };
        }, {
          until: (r) => end === undefined || r.responses[0].partitions[0].highWatermark === end,
        });
      const latest = (step: string, isolationLevel: number) =>
        d.exchange(step, 2, { ...listOffsets(-1n), isolationLevel, topics: [{ name: TXN, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }] });

      await endTxn('a transaction never begun', 0, true);
      await txnProduce('a partition not in the transaction', 0, 0);
      await addPartitions('one partition', 0);
      await txnProduce('in the transaction', 0, 0);
      await txnFetch('an open transaction, read_uncommitted', 0);
      await txnFetch('an open transaction, read_committed', 1);
      await latest('an open transaction, read_committed', 1);
      await endTxn('abort', 0, false);
      await txnFetch('after the abort, read_committed', 1, 4n);
      await endTxn('abort again', 0, false);
      await endTxn('commit after the abort', 0, true);
      await addPartitions('the next transaction', 0);
      await txnProduce('the next transaction', 0, 3);
      await endTxn('commit', 0, true);
      // 3 records, ABORT, 3 records, COMMIT.
      await txnFetch('an aborted and a committed transaction, read_committed', 1, 8n);
      await latest('after the commit, read_committed', 1);

      // A new InitProducerId bumps the epoch: the old one is fenced.
      await init('the epoch bumped');
      await endTxn('a stale epoch', 0, true);
      await endTxn('a stale epoch, v1', 0, true, 1);
      await addPartitions('a stale epoch', 0);
      await addPartitions('a stale epoch, v1', 0, 1);
      await txnProduce('a stale epoch', 0, 6);
      await d.exchange('an unknown producer id', 26, { transactionalId: TXN_ID, producerId: 999_999n, producerEpoch: 1, committed: true });
      await d.exchange('an unknown transactional id', 26, { transactionalId: 'diff-nobody', producerId: 0n, producerEpoch: 0, committed: true });
      await d.exchange('an empty transactional id', 22, { transactionalId: '', transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
      await d.exchange('a timeout too long', 22, { transactionalId: TXN_ID, transactionTimeoutMs: 3_600_000, producerId: -1n, producerEpoch: -1 });
      // An open transaction, then InitProducerId: the open one is aborted, the client asked to retry.
      await addPartitions('open again', 1);
      await txnProduce('open again', 1, 0);
      await init('with a transaction open');
      await d.exchange('an aborted and a committed transaction, a fenced one', 2, { ...listOffsets(-1n), isolationLevel: 1, topics: [{ name: TXN, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }] }, {
        until: (r) => r.topics[0].partitions[0].offset === 12n,
      });
      await txnFetch('after the fencing abort, read_committed', 1, 12n);
      // data 0-2, ABORT 3, data 4-6, COMMIT 7, data 8-10, ABORT 11 (fencing): each batch in turn.
      for (const offset of [0n, 3n, 4n, 7n, 8n, 11n]) {
        await txnFetch(`from ${offset}, read_uncommitted`, 0, 12n, offset);
        await txnFetch(`from ${offset}, read_committed`, 1, 12n, offset);
      }
      await d.exchange('the transactional id', 65, { transactionalIds: [TXN_ID, 'diff-nobody'] }, {
        until: (r) => r.transactionStates[0].transactionState === 'CompleteAbort',
      });
      await d.exchange('every transaction', 66, { stateFilters: [], producerIdFilters: [], durationFilter: -1n });
      await d.exchange('the partition', 61, { topics: [{ name: TXN, partitionIndexes: [0] }] });
      // Markers from an admin (kafka-transactions.sh abort): refused for an old epoch or an unknown partition.
      const markers = (producerEpoch: number, partitionIndexes: number[]) => (s: Side) => ({
        markers: [{ producerId: pid[s.name], producerEpoch, transactionResult: false, topics: [{ name: TXN, partitionIndexes }], coordinatorEpoch: 0 }],
      });
      await d.exchange('an old epoch', 27, markers(0, [0]));
      await d.exchange('an unknown partition', 27, markers(2, [5]));
    }));

  test('transactional offsets: AddOffsetsToTxn, TxnOffsetCommit, OffsetFetch with requireStable before and after the commit, refusals', (t) =>
    area(t, async (d) => {
      const TXN_ID = 'diff-tx-offsets';
      const GROUP_TX = 'diff-txn-group';
      const settled = (code: number) =>
        ![ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.CONCURRENT_TRANSACTIONS].includes(code as 14);
      await d.exchange('a transactional id', 10, { key: TXN_ID, keyType: 1, coordinatorKeys: [TXN_ID] }, {
        until: (r) => r.errorCode === 0 && r.coordinators.every((c) => c.errorCode === 0),
      });
      await findCoordinator(d, GROUP_TX, 'the group of a transaction');
      const init = await d.exchange('transactional', 22, { transactionalId: TXN_ID, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 }, {
        until: (r) => settled(r.errorCode),
      });
      const pid = { sandbox: init.sandbox.producerId, kafka: init.kafka.producerId };
      const commitInTxn = (step: string, groupId: string, offset: bigint, producerEpoch = 0) =>
        d.exchange(step, 28, (s) => ({
          transactionalId: TXN_ID,
          groupId,
          producerId: pid[s.name],
          producerEpoch,
          generationId: -1,
          memberId: '',
          groupInstanceId: null,
          topics: [{ name: TXN, partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: 'in a transaction' }] }],
        }), { until: (r) => settled(r.topics[0].partitions[0].errorCode) });
      const fetchOffsets = (step: string, requireStable: boolean) =>
        d.exchange(step, 9, {
          groupId: GROUP_TX,
          topics: null,
          requireStable,
          groups: [{ groupId: GROUP_TX, memberId: null, memberEpoch: -1, topics: [{ name: TXN, partitionIndexes: [0] }] }],
        });
      await commitInTxn('before AddOffsetsToTxn', GROUP_TX, 1n);
      await d.exchange('the group', 25, (s) => ({ transactionalId: TXN_ID, producerId: pid[s.name], producerEpoch: 0, groupId: GROUP_TX }), {
        until: (r) => settled(r.errorCode),
      });
      await d.exchange('a stale epoch', 25, (s) => ({ transactionalId: TXN_ID, producerId: pid[s.name], producerEpoch: 7, groupId: GROUP_TX }));
      await commitInTxn('offset 5', GROUP_TX, 5n);
      await fetchOffsets('pending, requireStable', true);
      await fetchOffsets('pending, without requireStable', false);
      await d.exchange('commit', 26, (s) => ({ transactionalId: TXN_ID, producerId: pid[s.name], producerEpoch: 0, committed: true }), {
        until: (r) => settled(r.errorCode),
      });
      await d.exchange('committed, requireStable', 9, {
        groupId: GROUP_TX,
        topics: null,
        requireStable: true,
        groups: [{ groupId: GROUP_TX, memberId: null, memberEpoch: -1, topics: [{ name: TXN, partitionIndexes: [0] }] }],
      }, { until: (r) => r.groups[0].topics[0]?.partitions[0]?.errorCode === ErrorCode.NONE });
    }));

  test('errors: unknown topic and partition, offset out of range, bad CRC, too large, invalid acks', (t) =>
    area(t, async (d) => {
      const batch = () => buildBatch({ records: records('err'), baseTimestamp: T0 });
      await d.exchange('unknown topic', 0, produce('diff-nope', 0, batch()));
      await d.exchange('out-of-range partition', 0, produce(TOPIC, 7, batch()));
      const bad = batch();
      bad.writeUInt32BE((bad.readUInt32BE(17) ^ 0xff) >>> 0, 17);
      await d.exchange('bad CRC', 0, produce(TOPIC, 1, bad));
      await d.exchange('message too large', 0, produce(SMALL, 0, buildBatch({ records: [{ value: 'x'.repeat(500) }], baseTimestamp: T0 })));
      await d.exchange('invalid required acks', 0, produce(TOPIC, 1, batch(), 2));
      await d.exchange('offset out of range', 1, (s) => fetch(s, 1000n));
      await d.exchange('offset out of range, read_committed', 1, (s) => fetch(s, 1000n, 1));
      await d.exchange('out-of-range partition', 1, (s) => fetch(s, 0n, 0, 7));
      await d.exchange('unknown topic id', 1, (s) => fetch(s, 0n, 0, 0, Buffer.alloc(16, 7)));
      await d.exchange('unknown topic', 2, { ...listOffsets(-1n), topics: [{ name: 'diff-nope', partitions: [{ partitionIndex: 0, timestamp: -1n }] }] });
      await d.exchange('out-of-range partition', 2, listOffsets(-1n, 7));
      await d.exchange('after the errors', 1, (s) => fetch(s, 0n, 0, 1));
    }));
});
