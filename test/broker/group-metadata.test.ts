// Group metadata in __consumer_offsets, as Kafka's classic GroupMetadataManager keeps it: a record
// when a rebalance completes and when the group becomes Empty, a tombstone when it is deleted or
// removed by the periodic cleanup; restored on start (clean stop or kill -9) so ListGroups and
// DescribeGroups show the group and its generation goes on; compaction keeps the newest record per
// group; and Kafka 4.3.1's own GroupMetadataMessageFormatter reads the records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, type Consumer } from 'kafkajs';
import { startTestBroker, silentKafkaLog, type TestBroker } from '../support/broker';
import { startSandboxProcess } from '../support/sandbox-process';
import { RawClient } from '../support/raw-client';
import { joinAlone } from '../support/raw-group';
import { until } from '../support/until';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';
import { ApiKey, type GroupMetadataValue } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { LogManager, DEFAULT_LOG_CONFIG } from '../../electron/broker/log';
import { OffsetsLog } from '../../electron/broker/groups/offsets-log';
import { OffsetStore } from '../../electron/broker/groups/offsets';
import { GroupMetadataStore } from '../../electron/broker/groups/group-store';
import { Group } from '../../electron/broker/groups/group';
import { decodeGroupMetadataValue } from '../../electron/broker/groups/group-records';
import { cleanupGroupMetadata } from '../../electron/broker/groups/cleanup';
import { GroupCoordinator } from '../../electron/broker/groups/coordinator';
import { OffsetStoreError } from '../../electron/broker/groups/offsets';
import { OFFSETS_TOPIC, partitionForGroup } from '../../electron/broker/groups/offsets-topic';

const GROUP_CONFIG = { 'group.initial.rebalance.delay.ms': '0', 'group.min.session.timeout.ms': '100' };
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const kafkaFor = (bootstrap: string, clientId = 'gm-test') =>
  new Kafka({ clientId, brokers: [bootstrap], logCreator: silentKafkaLog, retry: { retries: 2 } });

/** The group metadata records of __consumer_offsets, oldest first, read with the broker's own loader. */
function groupRecords(logs: LogManager, groupId: string): (GroupMetadataValue | null)[] {
  const out: (GroupMetadataValue | null)[] = [];
  const reader = new OffsetsLog(logs, { numPartitions: 1 });
  reader.register({
    replay: (k, value) => {
      if (k.type === 'group' && k.group === groupId) out.push(value && decodeGroupMetadataValue(value));
    },
    liveRecords: () => [],
    forget: () => {},
  });
  reader.load();
  return out;
}

/** A kafkajs consumer of the group, resolved once it has joined. */
async function joinedConsumer(bootstrap: string, groupId: string, topic: string, clientId: string): Promise<Consumer> {
  const consumer = kafkaFor(bootstrap, clientId).consumer({ groupId, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
  await until(`${clientId} joins ${groupId}`, () => joined);
  return consumer;
}

async function createTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = kafkaFor(bootstrap).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
  await admin.disconnect();
}

const describe = async (c: RawClient, groupId: string) => (await c.request(ApiKey.DescribeGroups, 5, { groups: [groupId], includeAuthorizedOperations: false })).groups[0];
const listed = async (c: RawClient, groupId: string) =>
  (await c.request(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: [] })).groups.find((g) => g.groupId === groupId);

test('a completed rebalance and the Empty group are written; after a clean restart the group is listed and described Empty, and a rejoin goes on from its generation', async () => {
  const dataDir = tmp('brook-gm-clean-');
  let b: TestBroker | undefined;
  try {
    b = await startTestBroker(GROUP_CONFIG, dataDir);
    await createTopic(b.bootstrap, 'gm-topic');
    const consumer = await joinedConsumer(b.bootstrap, 'gm-clean', 'gm-topic', 'gm-client');
    const c = await RawClient.connect(b.port);
    const stable = await describe(c, 'gm-clean');
    c.close();
    let records = groupRecords(b.running.broker.logs, 'gm-clean');
    const gen1 = records.at(-1)!;
    assert.deepEqual([gen1.protocolType, gen1.generation, gen1.protocol], ['consumer', 1, 'RoundRobinAssigner']);
    assert.equal(gen1.leader, stable.members[0].memberId);
    assert.deepEqual(
      gen1.members.map((m) => [m.memberId, m.clientId, m.sessionTimeout, m.rebalanceTimeout, m.subscription, m.assignment]),
      stable.members.map((m) => [m.memberId, 'gm-client', 30_000, 60_000, m.memberMetadata, m.memberAssignment]),
    );
    assert.ok(gen1.currentStateTimestamp > 0n);

    await consumer.disconnect(); // LeaveGroup: the group is Empty, generation 2
    records = groupRecords(b.running.broker.logs, 'gm-clean');
    assert.deepEqual(records.map((r) => [r?.generation, r?.members.length]), [[0, 0], [1, 1], [2, 0]]);
    assert.deepEqual([records[2]!.protocolType, records[2]!.protocol, records[2]!.leader], ['consumer', null, null]);

    await b.running.stop();
    b = await startTestBroker(GROUP_CONFIG, dataDir);
    const r = await RawClient.connect(b.port);
    try {
      assert.deepEqual(await listed(r, 'gm-clean'), { groupId: 'gm-clean', protocolType: 'consumer', groupState: 'Empty', groupType: 'classic' });
      const d = await describe(r, 'gm-clean');
      assert.deepEqual([d.errorCode, d.groupState, d.protocolType, d.members.length], [0, 'Empty', 'consumer', 0]);

      const admin = kafkaFor(b.bootstrap).admin();
      await admin.connect();
      const { groups } = await admin.listGroups();
      assert.deepEqual(groups.filter((g) => g.groupId === 'gm-clean'), [{ groupId: 'gm-clean', protocolType: 'consumer' }]);
      const described = await admin.describeGroups(['gm-clean']);
      assert.deepEqual(
        described.groups.map((g) => [g.groupId, g.state, g.protocolType, g.members.length]),
        [['gm-clean', 'Empty', 'consumer', 0]],
      );
      await admin.disconnect();

      const again = await joinAlone(r, 'gm-clean');
      assert.equal(again.generationId, 3, 'the generation goes on from the stored one');
      assert.equal(groupRecords(b.running.broker.logs, 'gm-clean').at(-1)!.generation, 3);
    } finally {
      r.close();
    }
  } finally {
    await b?.running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('kill -9 after a Stable generation: the restart restores the group with its member, who carries on; once its session times out the group is Empty and the next join is generation 3', async () => {
  const dataDir = tmp('brook-gm-kill-');
  const config = Object.entries(GROUP_CONFIG).flatMap(([k, v]) => ['--config', `${k}=${v}`]);
  try {
    const first = await startSandboxProcess(dataDir, config);
    const c = await RawClient.connect(first.port);
    const joined = await joinAlone(c, 'gm-killed', 3000, 'assigned');
    assert.equal(joined.generationId, 1);
    first.child.kill('SIGKILL');
    await first.exited;
    c.close();

    const second = await startSandboxProcess(dataDir, config);
    const r = await RawClient.connect(second.port);
    try {
      const d = await describe(r, 'gm-killed');
      assert.deepEqual([d.groupState, d.protocolType, d.protocolData], ['Stable', 'consumer', 'range']);
      assert.deepEqual(
        d.members.map((m) => [m.memberId, m.clientId, m.clientHost, m.memberAssignment.toString()]),
        [[joined.memberId, 'raw-client', '/127.0.0.1', 'assigned']],
      );
      const hb = await r.request(ApiKey.Heartbeat, 3, { groupId: 'gm-killed', generationId: 1, memberId: joined.memberId, groupInstanceId: null });
      assert.equal(hb.errorCode, ErrorCode.NONE, 'the restored member carries on with its generation');

      await until('the restored member session times out', async () => (await describe(r, 'gm-killed')).groupState === 'Empty', 20_000);
      assert.equal((await listed(r, 'gm-killed'))?.protocolType, 'consumer');
      const again = await joinAlone(r, 'gm-killed');
      assert.equal(again.generationId, 3);
    } finally {
      r.close();
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('DeleteGroups writes a tombstone after the offsets tombstones; the group stays gone after a restart', async () => {
  const dataDir = tmp('brook-gm-delete-');
  let b: TestBroker | undefined;
  try {
    b = await startTestBroker(GROUP_CONFIG, dataDir);
    await createTopic(b.bootstrap, 'gm-del-topic');
    const c = await RawClient.connect(b.port);
    const joined = await joinAlone(c, 'gm-deleted');
    const del = async () => (await c.request(ApiKey.DeleteGroups, 2, { groupsNames: ['gm-deleted'] })).results[0].errorCode;
    assert.equal(await del(), ErrorCode.NON_EMPTY_GROUP);
    await c.request(ApiKey.LeaveGroup, 3, { groupId: 'gm-deleted', members: [{ memberId: joined.memberId, groupInstanceId: null }] });
    b.running.broker.offsets.commit('gm-deleted', [{ topic: 'gm-del-topic', partition: 0, offset: 7n, leaderEpoch: -1, metadata: '' }]);
    assert.equal(await del(), ErrorCode.NONE);
    c.close();
    assert.deepEqual(groupRecords(b.running.broker.logs, 'gm-deleted').map((r) => r?.generation ?? 'tombstone'), [0, 1, 2, 'tombstone']);

    await b.running.stop();
    b = await startTestBroker(GROUP_CONFIG, dataDir);
    const r = await RawClient.connect(b.port);
    try {
      assert.equal(await listed(r, 'gm-deleted'), undefined);
      assert.equal((await describe(r, 'gm-deleted')).groupState, 'Dead');
      assert.deepEqual(b.running.broker.offsets.committed('gm-deleted'), []);
    } finally {
      r.close();
    }
  } finally {
    await b?.running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the periodic cleanup removes an Empty group once it has no offsets left, with a tombstone; retention counts from the stored Empty time', async () => {
  const dataDir = tmp('brook-gm-cleanup-');
  let b: TestBroker | undefined;
  try {
    const config = { ...GROUP_CONFIG, 'offsets.retention.minutes': '1' };
    b = await startTestBroker(config, dataDir);
    await createTopic(b.bootstrap, 'gm-clean-topic');
    const c = await RawClient.connect(b.port);
    const committedAt = Date.now() - 50_000;
    for (const groupId of ['gm-idle', 'gm-committed']) {
      const joined = await joinAlone(c, groupId);
      if (groupId === 'gm-committed') {
        b.running.broker.offsets.commit(groupId, [{ topic: 'gm-clean-topic', partition: 1, offset: 3n, leaderEpoch: -1, metadata: '' }], committedAt);
      }
      await c.request(ApiKey.LeaveGroup, 3, { groupId, members: [{ memberId: joined.memberId, groupInstanceId: null }] });
    }
    c.close();
    const emptyAt = Date.now();
    await b.running.stop();

    b = await startTestBroker(config, dataDir);
    const r = await RawClient.connect(b.port);
    try {
      const { offsets, groups } = b.running.broker;
      const log = (line: string) => b!.lines.push(line);
      cleanupGroupMetadata(offsets, groups, log);
      assert.equal(await listed(r, 'gm-idle'), undefined, 'an Empty group without offsets is removed');
      assert.equal(groupRecords(b.running.broker.logs, 'gm-idle').at(-1), null);
      assert.equal((await listed(r, 'gm-committed'))?.groupState, 'Empty', 'a group with offsets stays');
      // The commit is older than the retention, the group's Empty time (read back from its record) is not.
      cleanupGroupMetadata(offsets, groups, log, emptyAt + 30_000);
      assert.equal(offsets.get('gm-committed', 'gm-clean-topic', 1)?.offset, 3n);
      cleanupGroupMetadata(offsets, groups, log, emptyAt + 61_000);
      assert.deepEqual(offsets.committed('gm-committed'), []);
      assert.equal(await listed(r, 'gm-committed'), undefined, 'its offsets expired, then the group went');
      assert.equal(groupRecords(b.running.broker.logs, 'gm-committed').at(-1), null);
    } finally {
      r.close();
    }

    await b.running.stop();
    b = await startTestBroker(GROUP_CONFIG, dataDir);
    assert.deepEqual(b.running.broker.groups.list().map((g) => g.groupId), []);
  } finally {
    await b?.running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('compaction keeps the newest record of each group beside the offsets; a tombstoned group is gone', () => {
  const dir = tmp('brook-gm-compact-');
  const open = () => {
    const logs = LogManager.open(dir, { defaults: DEFAULT_LOG_CONFIG });
    const offsetsLog = new OffsetsLog(logs, { numPartitions: 1 });
    const offsets = new OffsetStore(offsetsLog, { retentionMs: -1 });
    const groups = new GroupMetadataStore(offsetsLog);
    offsetsLog.load();
    return { logs, offsetsLog, offsets, groups };
  };
  try {
    let s = open();
    s.logs.createTopic('t', 1, {});
    const hot = new Group('hot');
    hot.protocolType = 'consumer';
    for (let gen = 1; gen <= 10_002; gen++) {
      hot.generationId = gen;
      s.groups.store(hot);
    }
    const gone = new Group('gone');
    s.groups.store(gone);
    s.groups.remove('gone');
    s.offsets.commit('hot', [{ topic: 't', partition: 0, offset: 42n, leaderEpoch: -1, metadata: '' }]);
    const log = s.logs.partition(OFFSETS_TOPIC, 0)!;
    assert.equal(log.logEndOffset, 10_005n);
    assert.equal(s.offsetsLog.compactIfDue(), 1);
    assert.equal(log.logStartOffset, 10_005n);
    assert.equal(log.logEndOffset, 10_007n, 'one offset and one group record are live');
    s.logs.close();

    s = open();
    assert.deepEqual([...s.groups.stored()].map(([id, v]) => [id, v.protocolType, v.generation]), [['hot', 'consumer', 10_002]]);
    assert.deepEqual(groupRecords(s.logs, 'gone'), []);
    assert.equal(s.offsets.get('hot', 't', 0)?.offset, 42n);
    s.logs.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed metadata write: a new group is not kept; a rebalance whose assignment cannot be written answers COORDINATOR_NOT_AVAILABLE and starts again', async () => {
  let failFrom = 0; // writes of this generation and later fail
  const written: number[] = [];
  const coordinator = new GroupCoordinator({ groupInitialRebalanceDelayMs: 0, groupMinSessionTimeoutMs: 100, groupMaxSessionTimeoutMs: 60_000 }, () => {}, {
    store: (group) => {
      if (group.generationId >= failFrom) throw new OffsetStoreError(ErrorCode.COORDINATOR_NOT_AVAILABLE, 'disk full');
      written.push(group.generationId);
    },
    remove: () => {},
  });
  const join = (memberId = '') =>
    coordinator.join({
      groupId: 'unwritable',
      memberId,
      groupInstanceId: null,
      requireKnownMemberId: false,
      clientId: 'c',
      clientHost: '/127.0.0.1',
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 10_000,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from('m') }],
    });
  try {
    assert.equal((await join()).errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    assert.equal(coordinator.get('unwritable'), undefined);
    failFrom = 1;
    const joined = await join();
    assert.deepEqual([joined.errorCode, joined.generationId], [ErrorCode.NONE, 1]);
    const synced = await coordinator.sync({
      groupId: 'unwritable',
      memberId: joined.memberId,
      generationId: 1,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId: joined.memberId, assignment: Buffer.from('a') }],
    });
    assert.equal(synced.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    assert.equal(coordinator.get('unwritable')?.state, 'PreparingRebalance');
    assert.deepEqual(written, [0]);
  } finally {
    coordinator.stop();
  }
});

test("Kafka 4.3.1's GroupMetadataMessageFormatter reads the group's records from __consumer_offsets", async (t) => {
  const avail = realKafkaAvailable();
  if (!avail.ok) {
    console.log(`skipped: ${avail.reason}`);
    t.skip(avail.reason);
    return;
  }
  const b = await startTestBroker({ ...GROUP_CONFIG, 'offsets.topic.num.partitions': '3' });
  try {
    await createTopic(b.bootstrap, 'gm-java-topic');
    const consumer = await joinedConsumer(b.bootstrap, 'gm-java', 'gm-java-topic', 'gm-java-client');
    const c = await RawClient.connect(b.port);
    const [member] = (await describe(c, 'gm-java')).members;
    c.close();
    await consumer.disconnect();
    const admin = kafkaFor(b.bootstrap).admin();
    await admin.connect();
    await admin.deleteGroups(['gm-java']);
    await admin.disconnect();

    const partition = partitionForGroup('gm-java', 3);
    const log = b.running.broker.logs.partition(OFFSETS_TOPIC, partition)!;
    const total = Number(log.logEndOffset - log.logStartOffset);
    const res = await kafkaTool('kafka-console-consumer', [
      '--bootstrap-server', b.bootstrap,
      '--topic', OFFSETS_TOPIC,
      '--partition', String(partition),
      '--offset', 'earliest',
      '--max-messages', String(total),
      '--timeout-ms', '60000',
      '--formatter', 'org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter',
    ], { timeoutMs: 120_000 });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, new RegExp(`Processed a total of ${total} messages`), res.stderr);
    // The formatter prints one JSON object per record, without a separator.
    const printed = res.stdout
      .trim()
      .replace(/\}\{"key"/g, '}\n{"key"')
      .split('\n')
      .map((line) => JSON.parse(line) as { key: { type: number; data: { group: string } }; value: { version: number; data: Record<string, unknown> } | null })
      .filter((r) => r.key.type === 2 && r.key.data.group === 'gm-java');
    assert.deepEqual(printed.map((r) => r.value?.version ?? null), [3, 3, 3, null]);
    const [created, stable, empty] = printed.map((r) => r.value?.data);
    assert.deepEqual([created?.protocolType, created?.generation, created?.members], ['', 0, []]);
    assert.deepEqual(
      [stable?.protocolType, stable?.generation, stable?.protocol, stable?.leader],
      ['consumer', 1, 'RoundRobinAssigner', member.memberId],
    );
    assert.deepEqual(stable?.members, [
      {
        memberId: member.memberId,
        groupInstanceId: null,
        clientId: 'gm-java-client',
        clientHost: '/127.0.0.1',
        rebalanceTimeout: 60_000,
        sessionTimeout: 30_000,
        subscription: member.memberMetadata.toString('base64'),
        assignment: member.memberAssignment.toString('base64'),
      },
    ]);
    assert.deepEqual([empty?.protocolType, empty?.generation, empty?.protocol, empty?.members], ['consumer', 2, null, []]);
  } finally {
    await b.stop();
  }
});
