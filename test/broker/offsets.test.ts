// Committed offsets: kept in __consumer_offsets as Kafka keeps them, served by OffsetCommit,
// OffsetFetch and OffsetDelete to kafkajs, kafka-python and kcat, durable across restarts and
// kill -9, removed with their topic, expired by offsets.retention.minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { startTestBroker, silentKafkaLog } from '../support/broker';
import { startSandboxProcess } from '../support/sandbox-process';
import { runOk } from '../support/run';
import { RawClient } from '../support/raw-client';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { LogManager, DEFAULT_LOG_CONFIG } from '../../electron/broker/log';
import { OffsetStore, type GroupLookup } from '../../electron/broker/groups/offsets';
import {
  OFFSETS_TOPIC,
  decodeCoordinatorKey,
  decodeOffsetValue,
  partitionForGroup,
} from '../../electron/broker/groups/offsets-topic';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const kafkaFor = (bootstrap: string) => new Kafka({ brokers: [bootstrap], logCreator: silentKafkaLog, retry: { retries: 2 } });

test('kafkajs setOffsets / fetchOffsets, and lag = latest - committed', async () => {
  const b = await startTestBroker();
  const admin = kafkaFor(b.bootstrap).admin();
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'lag', numPartitions: 2 }] });
    const producer = kafkaFor(b.bootstrap).producer();
    await producer.connect();
    await producer.send({ topic: 'lag', messages: Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, partition: 0 })) });
    await producer.disconnect();
    await admin.setOffsets({ groupId: 'lag-group', topic: 'lag', partitions: [{ partition: 0, offset: '4' }] });
    const [fetched] = await admin.fetchOffsets({ groupId: 'lag-group', topics: ['lag'] });
    const byPartition = new Map(fetched.partitions.map((p) => [p.partition, p.offset]));
    assert.equal(byPartition.get(0), '4');
    assert.equal(byPartition.get(1), '-1');
    const latest = await admin.fetchTopicOffsets('lag');
    const high = Number(latest.find((p) => p.partition === 0)!.high);
    assert.equal(high - Number(byPartition.get(0)), 6);
  } finally {
    await admin.disconnect();
    await b.stop();
  }
});

test('OffsetCommit / OffsetFetch / OffsetDelete answer as Kafka does', async () => {
  const b = await startTestBroker();
  const c = await RawClient.connect(b.port);
  try {
    b.running.broker.logs.createTopic('raw', 2, {});
    const commit = (groupId: string, partitions: { partitionIndex: number; committedOffset: bigint; committedMetadata: string | null }[], topic = 'raw', generation = -1, memberId = '') =>
      c.request(ApiKey.OffsetCommit, 7, {
        groupId,
        generationIdOrMemberEpoch: generation,
        memberId,
        groupInstanceId: null,
        retentionTimeMs: -1n,
        topics: [{ name: topic, partitions: partitions.map((p) => ({ ...p, committedLeaderEpoch: 3, commitTimestamp: -1n })) }],
      });
    let r = await commit('g', [
      { partitionIndex: 0, committedOffset: 5n, committedMetadata: 'meta' },
      { partitionIndex: 1, committedOffset: 6n, committedMetadata: null },
      { partitionIndex: 2, committedOffset: 1n, committedMetadata: null },
    ]);
    assert.deepEqual(r.topics[0].partitions.map((p) => p.errorCode), [0, 0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    r = await commit('g', [{ partitionIndex: 0, committedOffset: 9n, committedMetadata: 'x'.repeat(4097) }]);
    assert.equal(r.topics[0].partitions[0].errorCode, ErrorCode.OFFSET_METADATA_TOO_LARGE);
    // The empty group id is a group, as in Kafka 4 (old clients commit under it).
    r = await commit('', [{ partitionIndex: 0, committedOffset: 9n, committedMetadata: null }]);
    assert.equal(r.topics[0].partitions[0].errorCode, ErrorCode.NONE);
    r = await commit('nogroup', [{ partitionIndex: 0, committedOffset: 9n, committedMetadata: null }], 'raw', 3, 'm-1');
    assert.notEqual(r.topics[0].partitions[0].errorCode, 0, 'a generation commit to a group without members is refused');
    r = await commit('ghost', [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: null }], 'no-such-topic');
    assert.equal(r.topics[0].partitions[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

    const f = await c.request(ApiKey.OffsetFetch, 7, { groupId: 'g', topics: [{ name: 'raw', partitionIndexes: [0, 1] }, { name: 'nope', partitionIndexes: [0] }], groups: [], requireStable: false });
    assert.equal(f.errorCode, 0);
    assert.deepEqual(
      f.topics.map((t) => t.partitions.map((p) => [t.name, p.partitionIndex, p.committedOffset, p.committedLeaderEpoch, p.metadata, p.errorCode])),
      [[['raw', 0, 5n, 3, 'meta', 0], ['raw', 1, 6n, 3, '', 0]], [['nope', 0, -1n, -1, '', 0]]],
    );
    const all = await c.request(ApiKey.OffsetFetch, 5, { groupId: 'g', topics: null, groups: [], requireStable: false });
    assert.deepEqual(all.topics.map((t) => [t.name, t.partitions.map((p) => p.committedOffset)]), [['raw', [5n, 6n]]]);
    const v8 = await c.request(ApiKey.OffsetFetch, 8, {
      groupId: '',
      topics: null,
      groups: [{ groupId: 'g', memberId: null, memberEpoch: -1, topics: null }, { groupId: '', memberId: null, memberEpoch: -1, topics: null }],
      requireStable: false,
    });
    assert.equal(v8.groups[0].topics[0].partitions.length, 2);
    assert.deepEqual([v8.groups[1].errorCode, v8.groups[1].topics[0].partitions.map((p) => p.committedOffset)], [ErrorCode.NONE, [9n]]);
    const empty = await c.request(ApiKey.OffsetFetch, 6, { groupId: '', topics: null, groups: [], requireStable: false });
    assert.deepEqual([empty.errorCode, empty.topics[0].partitions.map((p) => p.committedOffset)], [ErrorCode.NONE, [9n]]);

    const del = await c.request(ApiKey.OffsetDelete, 0, { groupId: 'g', topics: [{ name: 'raw', partitions: [{ partitionIndex: 0 }, { partitionIndex: 7 }] }] });
    assert.equal(del.errorCode, 0);
    assert.deepEqual(del.topics[0].partitions.map((p) => p.errorCode), [0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
    assert.deepEqual(b.running.broker.offsets.committed('g').map((o) => [o.partition, o.offset]), [[1, 6n]]);
    const missing = await c.request(ApiKey.OffsetDelete, 0, { groupId: 'never-seen', topics: [] });
    assert.equal(missing.errorCode, ErrorCode.GROUP_ID_NOT_FOUND);
  } finally {
    c.close();
    await b.stop();
  }
});

/** Runs a program and collects its stdout as bytes. */
function runBytes(cmd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${cmd} exited ${code}: ${err}`));
    });
  });
}

/** Splits kcat's `%K:%k%S:%s` output into key/value byte pairs (-1 length = null). */
function parseKeyed(buf: Buffer): { key: Buffer | null; value: Buffer | null }[] {
  const out: { key: Buffer | null; value: Buffer | null }[] = [];
  let p = 0;
  const field = (): Buffer | null => {
    const colon = buf.indexOf(0x3a, p);
    const n = Number(buf.subarray(p, colon).toString());
    p = colon + 1;
    if (n < 0) return null;
    const b = buf.subarray(p, p + n);
    p += n;
    return b;
  };
  while (p < buf.length) out.push({ key: field(), value: field() });
  return out;
}

test('offsets survive a clean restart, and __consumer_offsets reads with kcat as Kafka records', async () => {
  const dataDir = tmp('brook-offsets-');
  try {
    let b = await startTestBroker({ 'offsets.topic.num.partitions': '5' }, dataDir);
    let admin = kafkaFor(b.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'keep', numPartitions: 3 }] });
    await admin.setOffsets({ groupId: 'keeper', topic: 'keep', partitions: [{ partition: 0, offset: '11' }, { partition: 2, offset: '22' }] });
    await admin.setOffsets({ groupId: 'keeper', topic: 'keep', partitions: [{ partition: 2, offset: '23' }] });
    await admin.disconnect();

    const p = partitionForGroup('keeper', 5);
    const raw = await runBytes('kcat', ['-b', b.bootstrap, '-C', '-t', OFFSETS_TOPIC, '-p', String(p), '-o', 'beginning', '-e', '-q', '-f', '%K:%k%S:%s']);
    const offsets = parseKeyed(raw)
      .map((r) => ({ k: decodeCoordinatorKey(r.key!), v: r.value && r.key!.readInt16BE(0) < 2 ? decodeOffsetValue(r.value) : null }))
      .filter((r) => r.k.type === 'offset');
    assert.deepEqual(
      offsets.map((r) => (r.k.type === 'offset' ? [r.k.group, r.k.topic, r.k.partition, r.v?.offset] : [])),
      [['keeper', 'keep', 0, 11n], ['keeper', 'keep', 2, 22n], ['keeper', 'keep', 2, 23n]],
    );
    assert.equal(b.running.broker.logs.getTopic(OFFSETS_TOPIC)!.partitions, 5);
    assert.equal(b.running.broker.logs.getTopic(OFFSETS_TOPIC)!.configs['cleanup.policy'], 'compact');

    await b.running.stop();
    b = await startTestBroker({ 'offsets.topic.num.partitions': '5' }, dataDir);
    admin = kafkaFor(b.bootstrap).admin();
    await admin.connect();
    const [fetched] = await admin.fetchOffsets({ groupId: 'keeper', topics: ['keep'] });
    assert.deepEqual(fetched.partitions.map((x) => [x.partition, x.offset]).sort(), [[0, '11'], [1, '-1'], [2, '23']]);

    // Deleting the topic deletes its offsets, also after a restart.
    await admin.deleteTopics({ topics: ['keep'] });
    assert.deepEqual(b.running.broker.offsets.committed('keeper'), []);
    await admin.disconnect();
    await b.running.stop();
    b = await startTestBroker({ 'offsets.topic.num.partitions': '5' }, dataDir);
    assert.deepEqual(b.running.broker.offsets.committed('keeper'), []);
    await b.running.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an acknowledged commit survives kill -9', async () => {
  const dataDir = tmp('brook-offsets-kill-');
  try {
    const first = await startSandboxProcess(dataDir);
    const admin = kafkaFor(first.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'hard', numPartitions: 1 }] });
    await admin.setOffsets({ groupId: 'survivor', topic: 'hard', partitions: [{ partition: 0, offset: '1234' }] });
    first.child.kill('SIGKILL');
    await first.exited;
    await admin.disconnect().catch(() => {});
    const second = await startSandboxProcess(dataDir);
    try {
      const again = kafkaFor(second.bootstrap).admin();
      await again.connect();
      const [fetched] = await again.fetchOffsets({ groupId: 'survivor', topics: ['hard'] });
      assert.equal(fetched.partitions[0].offset, '1234');
      await again.disconnect();
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('kafka-python list_consumer_group_offsets', async () => {
  const b = await startTestBroker();
  try {
    b.running.broker.logs.createTopic('py', 2, {});
    b.running.broker.offsets.commit('pygroup', [
      { topic: 'py', partition: 0, offset: 3n, leaderEpoch: -1, metadata: 'hello' },
      { topic: 'py', partition: 1, offset: 8n, leaderEpoch: -1, metadata: '' },
    ]);
    const script = [
      'import sys, json',
      'from kafka import KafkaAdminClient',
      'a = KafkaAdminClient(bootstrap_servers=sys.argv[1], request_timeout_ms=10000)',
      'o = a.list_consumer_group_offsets("pygroup")',
      'print(json.dumps(sorted([[tp.topic, tp.partition, m.offset, m.metadata] for tp, m in o.items()])))',
      'a.close()',
    ].join('\n');
    const out = JSON.parse(await runOk('/usr/bin/python3', ['-c', script, b.bootstrap], { timeoutMs: 60_000 }));
    assert.deepEqual(out, [['py', 0, 3, 'hello'], ['py', 1, 8, '']]);
  } finally {
    await b.stop();
  }
});

test('expiry: offsets of Empty or unknown groups go after offsets.retention.minutes, with tombstones (injected clock)', () => {
  const dir = tmp('brook-offsets-unit-');
  try {
    let logs = LogManager.open(dir, { defaults: DEFAULT_LOG_CONFIG });
    logs.createTopic('t', 1, {});
    const states = new Map<string, string>([['busy', 'Stable'], ['idle', 'Empty']]);
    const groups: GroupLookup = { get: (id) => (states.has(id) ? { state: states.get(id)! } : undefined) };
    const retentionMs = 7 * 60_000;
    let store = OffsetStore.open(logs, { numPartitions: 3, retentionMs, groups: () => groups });
    const t0 = 1_800_000_000_000;
    for (const g of ['busy', 'idle', 'standalone']) store.commit(g, [{ topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: '' }], t0);
    store.commit('idle', [{ topic: 't', partition: 0, offset: 2n, leaderEpoch: -1, metadata: '' }], t0 + 60_000);
    assert.equal(store.expire(t0 + retentionMs - 1), 0);
    assert.equal(store.expire(t0 + retentionMs), 1); // standalone only: idle's offset is newer, busy is Stable
    assert.deepEqual(store.groupIds().sort(), ['busy', 'idle']);
    assert.equal(store.expire(t0 + 60_000 + retentionMs), 1);
    assert.deepEqual(store.groupIds(), ['busy']);
    states.set('busy', 'Empty');
    // busy was seen Stable at t0 + 60s + retention: its retention starts again from there.
    assert.equal(store.expire(t0 + 60_000 + 2 * retentionMs - 1), 0);
    assert.equal(store.expire(t0 + 60_000 + 2 * retentionMs), 1);
    assert.deepEqual(store.groupIds(), []);
    // The tombstones are in the log: a reload finds nothing.
    store.commit('later', [{ topic: 't', partition: 0, offset: 9n, leaderEpoch: -1, metadata: '' }], t0);
    store.deleteGroup('later', t0);
    store.commit('kept', [{ topic: 't', partition: 0, offset: 10n, leaderEpoch: -1, metadata: '' }], t0);
    logs.close();
    logs = LogManager.open(dir, { defaults: DEFAULT_LOG_CONFIG });
    store = OffsetStore.open(logs, { numPartitions: 3, retentionMs });
    assert.deepEqual(store.groupIds(), ['kept']);
    assert.equal(store.get('kept', 't', 0)?.offset, 10n);
    logs.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compaction: a partition far beyond its live offsets is rewritten, and a reload sees the same offsets', () => {
  const dir = tmp('brook-offsets-compact-');
  try {
    let logs = LogManager.open(dir, { defaults: DEFAULT_LOG_CONFIG });
    logs.createTopic('t', 4, {});
    let store = OffsetStore.open(logs, { numPartitions: 1, retentionMs: -1 });
    for (let i = 0; i < 12_000; i++) store.commit('busy', [{ topic: 't', partition: i % 4, offset: BigInt(i), leaderEpoch: -1, metadata: '' }]);
    const log = logs.partition(OFFSETS_TOPIC, 0)!;
    assert.equal(log.logEndOffset, 12_000n);
    assert.equal(store.offsetsLog.compactIfDue(), 1);
    assert.equal(log.logStartOffset, 12_000n);
    assert.equal(log.logEndOffset, 12_004n);
    logs.close();
    logs = LogManager.open(dir, { defaults: DEFAULT_LOG_CONFIG });
    store = OffsetStore.open(logs, { numPartitions: 1, retentionMs: -1 });
    assert.deepEqual(store.committed('busy').map((o) => [o.partition, o.offset]), [[0, 11996n], [1, 11997n], [2, 11998n], [3, 11999n]]);
    logs.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with a live consumer group: fenced commits change nothing, a subscribed topic cannot lose its offsets', async (t) => {
  const b = await startTestBroker({ 'group.initial.rebalance.delay.ms': '0' });
  const groups = (b.running.broker as { groups?: unknown }).groups;
  if (!groups) {
    t.skip('no group coordinator in this broker');
    await b.stop();
    return;
  }
  const kafka = kafkaFor(b.bootstrap);
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: 'live', sessionTimeout: 10_000, heartbeatInterval: 500 });
  const c = await RawClient.connect(b.port);
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'sub', numPartitions: 1 }, { topic: 'other', numPartitions: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'sub', messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.disconnect();
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'sub', fromBeginning: true });
    await consumer.run({ autoCommit: true, autoCommitInterval: 100, eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    for (let i = 0; i < 100 && b.running.broker.offsets.get('live', 'sub', 0)?.offset !== 3n; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(b.running.broker.offsets.get('live', 'sub', 0)?.offset, 3n, 'the consumer committed its position');

    const commit = (generation: number, memberId: string) =>
      c.request(ApiKey.OffsetCommit, 7, {
        groupId: 'live',
        generationIdOrMemberEpoch: generation,
        memberId,
        groupInstanceId: null,
        retentionTimeMs: -1n,
        topics: [{ name: 'sub', partitions: [{ partitionIndex: 0, committedOffset: 0n, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: null }] }],
      });
    assert.equal((await commit(-1, '')).topics[0].partitions[0].errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    assert.equal((await commit(1, 'not-a-member')).topics[0].partitions[0].errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    const [memberId] = [...(groups as { get(id: string): { members: Map<string, unknown> } }).get('live').members.keys()];
    assert.equal((await commit(999, memberId)).topics[0].partitions[0].errorCode, ErrorCode.ILLEGAL_GENERATION);
    assert.equal(b.running.broker.offsets.get('live', 'sub', 0)?.offset, 3n, 'fenced commits wrote nothing');

    b.running.broker.offsets.commit('live', [{ topic: 'other', partition: 0, offset: 1n, leaderEpoch: -1, metadata: '' }]);
    const del = await c.request(ApiKey.OffsetDelete, 0, {
      groupId: 'live',
      topics: [{ name: 'sub', partitions: [{ partitionIndex: 0 }] }, { name: 'other', partitions: [{ partitionIndex: 0 }] }],
    });
    assert.equal(del.errorCode, 0);
    assert.deepEqual(del.topics.map((x) => x.partitions[0].errorCode), [ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, 0]);
    assert.deepEqual(b.running.broker.offsets.committed('live').map((o) => o.topic), ['sub']);
  } finally {
    c.close();
    await consumer.disconnect().catch(() => {});
    await admin.disconnect();
    await b.stop();
  }
});
