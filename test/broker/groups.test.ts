// The classic group coordinator: kafkajs, kcat (librdkafka), kafka-python and confluent-kafka
// consumer groups against the sandbox, the admin group APIs, and the coordinator's answers to bad
// or stale requests spoken with the raw client. (Kafka's console consumer and kafka-consumer-groups
// are in test/real-kafka/kafka-tools.test.ts.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Kafka, type Consumer } from 'kafkajs';
import { startTestBroker, silentKafkaLog, type TestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { joinAlone, joinRequest, protocols } from '../support/raw-group';
import { run, runOk } from '../support/run';
import { sleep, until } from '../support/until';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { GroupCoordinator } from '../../electron/broker/groups/coordinator';

let broker: TestBroker;
let kafka: Kafka;
before(async () => {
  broker = await startTestBroker({ 'group.initial.rebalance.delay.ms': '0', 'group.min.session.timeout.ms': '100' });
  kafka = new Kafka({ clientId: 'groups-test', brokers: [broker.bootstrap], logCreator: silentKafkaLog });
});
after(() => broker.stop());

async function createTopic(topic: string, numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  await admin.disconnect();
}

async function produce(topic: string, count: number, prefix = 'm'): Promise<string[]> {
  const producer = kafka.producer();
  await producer.connect();
  const values = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await producer.send({ topic, messages: values.map((value, i) => ({ value, partition: i % 4 })) });
  await producer.disconnect();
  return values;
}

interface Tracked {
  consumer: Consumer;
  /** The partitions of the last GROUP_JOIN. */
  partitions: number[] | null;
}

async function groupConsumer(groupId: string, topic: string, clientId: string, seen: string[]): Promise<Tracked> {
  const consumer = new Kafka({ clientId, brokers: [broker.bootstrap], logCreator: silentKafkaLog }).consumer({
    groupId,
    heartbeatInterval: 300,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    maxWaitTimeInMs: 200,
  });
  const tracked: Tracked = { consumer, partitions: null };
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    tracked.partitions = [...(e.payload.memberAssignment[topic] ?? [])].sort();
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen.push(message.value!.toString());
    },
  });
  return tracked;
}

test('two kafkajs consumers share a topic; the survivor takes every partition; admin describes, lists, refuses to delete', async () => {
  const topic = 'shared-4';
  const groupId = 'kafkajs-group';
  await createTopic(topic, 4);
  const seen: string[] = [];
  const a = await groupConsumer(groupId, topic, 'client-a', seen);
  await until('a owns every partition', () => a.partitions?.length === 4);
  const b = await groupConsumer(groupId, topic, 'client-b', seen);
  await until('a and b split the partitions', () => a.partitions?.length === 2 && b.partitions?.length === 2);
  assert.deepEqual([...a.partitions!, ...b.partitions!].sort(), [0, 1, 2, 3]);

  const values = await produce(topic, 100);
  await until('every record consumed', () => seen.length >= 100);
  await sleep(300);
  assert.deepEqual([...seen].sort(), [...values].sort(), 'each record consumed once overall');

  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    assert.equal(groups.length, 1);
    const described = groups[0];
    assert.equal(described.state, 'Stable');
    assert.equal(described.protocolType, 'consumer');
    assert.equal(described.protocol, 'RoundRobinAssigner');
    assert.deepEqual(described.members.map((m) => m.clientId).sort(), ['client-a', 'client-b']);
    for (const m of described.members) {
      assert.match(m.clientHost, /127\.0\.0\.1/);
      assert.ok(m.memberMetadata.length > 0);
      assert.ok(m.memberAssignment.length > 0);
    }

    const listed = await admin.listGroups();
    assert.ok(listed.groups.some((g) => g.groupId === groupId && g.protocolType === 'consumer'));

    await assert.rejects(admin.deleteGroups([groupId]), (err: Error & { groups?: { errorCode: number }[] }) => {
      assert.equal(err.groups?.[0]?.errorCode, ErrorCode.NON_EMPTY_GROUP);
      return true;
    });

    await b.consumer.disconnect();
    await until('a takes every partition back', () => a.partitions?.length === 4);
    const more = await produce(topic, 20, 'late');
    await until('the late records consumed', () => more.every((v) => seen.includes(v)));

    await a.consumer.disconnect();
    const [empty] = (await admin.describeGroups([groupId])).groups;
    assert.equal(empty.state, 'Empty');
    assert.deepEqual(empty.members, []);
    const deleted = await admin.deleteGroups([groupId]);
    assert.deepEqual(deleted.map((d) => d.errorCode), [ErrorCode.NONE]);
    const [dead] = (await admin.describeGroups([groupId])).groups;
    assert.equal(dead.state, 'Dead');
  } finally {
    await admin.disconnect();
  }
});

test('kcat -G balanced consumer reads a topic', async () => {
  const topic = 'kcat-group-topic';
  await createTopic(topic, 4);
  await produce(topic, 40);
  const r = await run(
    'kcat',
    ['-b', broker.bootstrap, '-G', 'kcat-group', '-X', 'auto.offset.reset=earliest', '-f', '%s\\n', '-c', '40', topic],
    { timeoutMs: 30_000 },
  );
  const lines = r.stdout.trimEnd().split('\n').filter(Boolean);
  assert.equal(lines.length, 40, `kcat printed ${lines.length} lines; stderr: ${r.stderr}`);
  assert.equal(new Set(lines).size, 40);
});

const clients = join(import.meta.dirname, 'clients');
const python = async (client: string, topic: string, group: string) =>
  JSON.parse(await runOk('/usr/bin/python3', [join(clients, 'group_clients.py'), client, broker.bootstrap, topic, group], { timeoutMs: 90_000 }));

test('kafka-python KafkaConsumer(group_id=...) reads a produced topic', async () => {
  const topic = 'kafka-python-group';
  await createTopic(topic, 4);
  const values = await produce(topic, 30);
  const out = await python('kafka-python', topic, 'kafka-python-group');
  assert.deepEqual(out.assigned, [0, 1, 2, 3]);
  assert.deepEqual([...out.values].sort(), [...values].sort());
});

test('confluent-kafka consumer group: on_assign gets every partition, the records are read', async () => {
  const topic = 'confluent-group';
  await createTopic(topic, 4);
  const values = await produce(topic, 30);
  const out = await python('confluent', topic, 'confluent-group');
  assert.deepEqual(out.assigned, [0, 1, 2, 3]);
  assert.deepEqual([...out.values].sort(), [...values].sort());
});

// ---- raw requests ----

test('FindCoordinator: this broker for groups and transactional ids; another key type is INVALID_REQUEST', async () => {
  const c = await RawClient.connect(broker.port);
  try {
    const g = await c.request(ApiKey.FindCoordinator, 3, { key: 'any-group', keyType: 0 });
    assert.equal(g.errorCode, ErrorCode.NONE);
    assert.deepEqual([g.nodeId, g.host, g.port], [1, '127.0.0.1', broker.port]);
    const t = await c.request(ApiKey.FindCoordinator, 3, { key: 'txn', keyType: 1 });
    assert.deepEqual([t.errorCode, t.nodeId, t.port], [ErrorCode.NONE, 1, broker.port]);
    assert.ok(broker.running.broker.logs.getTopic('__transaction_state'), 'the first lookup creates __transaction_state');
    const other = await c.request(ApiKey.FindCoordinator, 3, { key: 'x', keyType: 2 });
    assert.equal(other.errorCode, ErrorCode.INVALID_REQUEST);
    const batch = await c.request(ApiKey.FindCoordinator, 4, { keyType: 0, coordinatorKeys: ['a', 'b'] });
    assert.deepEqual(batch.coordinators.map((x) => [x.key, x.nodeId, x.errorCode]), [
      ['a', 1, 0],
      ['b', 1, 0],
    ]);
  } finally {
    c.close();
  }
});

test('JoinGroup: a protocol type the group does not share is INCONSISTENT_GROUP_PROTOCOL; bad session timeout; unknown member', async () => {
  const c = await RawClient.connect(broker.port);
  const d = await RawClient.connect(broker.port);
  try {
    await joinAlone(c, 'raw-inconsistent');
    const other = await d.request(ApiKey.JoinGroup, 5, joinRequest('raw-inconsistent', '', 'connect'));
    assert.equal(other.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const noShared = await d.request(ApiKey.JoinGroup, 5, { ...joinRequest('raw-inconsistent'), protocols: protocols('sticky') });
    assert.equal(noShared.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const tooShort = await d.request(ApiKey.JoinGroup, 5, joinRequest('raw-inconsistent', '', 'consumer', 50));
    assert.equal(tooShort.errorCode, ErrorCode.INVALID_SESSION_TIMEOUT);
    const unknown = await d.request(ApiKey.JoinGroup, 5, joinRequest('raw-inconsistent', 'nobody'));
    assert.equal(unknown.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
  } finally {
    c.close();
    d.close();
  }
});

test('Heartbeat: stale generation is ILLEGAL_GENERATION; a second member makes it REBALANCE_IN_PROGRESS', async () => {
  const c = await RawClient.connect(broker.port);
  const d = await RawClient.connect(broker.port);
  try {
    const joined = await joinAlone(c, 'raw-heartbeat');
    const hb = (generationId: number) =>
      c.request(ApiKey.Heartbeat, 3, { groupId: 'raw-heartbeat', generationId, memberId: joined.memberId });
    assert.equal((await hb(joined.generationId)).errorCode, ErrorCode.NONE);
    assert.equal((await hb(joined.generationId - 1)).errorCode, ErrorCode.ILLEGAL_GENERATION);
    // v0-3 join: no MEMBER_ID_REQUIRED; the answer waits for the first member to rejoin.
    const second = d.request(ApiKey.JoinGroup, 3, joinRequest('raw-heartbeat'));
    await sleep(100);
    assert.equal((await hb(joined.generationId)).errorCode, ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoin = await c.request(ApiKey.JoinGroup, 5, joinRequest('raw-heartbeat', joined.memberId));
    const follower = await second;
    assert.equal(rejoin.errorCode, ErrorCode.NONE);
    assert.equal(follower.errorCode, ErrorCode.NONE);
    assert.equal(rejoin.generationId, joined.generationId + 1);
    assert.equal(rejoin.members.length, 2, 'the leader gets both members');
    assert.equal(follower.members.length, 0);
    // The follower's SyncGroup waits for the leader's.
    const followerSync = d.request(ApiKey.SyncGroup, 3, {
      groupId: 'raw-heartbeat',
      generationId: follower.generationId,
      memberId: follower.memberId,
      assignments: [],
    });
    await c.request(ApiKey.SyncGroup, 3, {
      groupId: 'raw-heartbeat',
      generationId: rejoin.generationId,
      memberId: rejoin.memberId,
      assignments: [
        { memberId: rejoin.memberId, assignment: Buffer.from('L') },
        { memberId: follower.memberId, assignment: Buffer.from('F') },
      ],
    });
    const got = await followerSync;
    assert.equal(got.errorCode, ErrorCode.NONE);
    assert.equal(got.assignment.toString(), 'F');
    // LeaveGroup v3 batch: one known member, one unknown.
    const left = await c.request(ApiKey.LeaveGroup, 3, {
      groupId: 'raw-heartbeat',
      members: [
        { memberId: follower.memberId, groupInstanceId: null },
        { memberId: 'ghost', groupInstanceId: null },
      ],
    });
    assert.deepEqual(left.members.map((m) => m.errorCode), [ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID]);
  } finally {
    c.close();
    d.close();
  }
});

test('a member that stops heartbeating is removed after its session timeout', async () => {
  const c = await RawClient.connect(broker.port);
  try {
    const joined = await joinAlone(c, 'raw-expiry', 300);
    const describe = async () => (await c.request(ApiKey.DescribeGroups, 4, { groups: ['raw-expiry'] })).groups[0];
    const stable = await describe();
    assert.equal(stable.groupState, 'Stable');
    assert.equal(stable.members[0].memberId, joined.memberId);
    assert.equal(stable.members[0].memberAssignment.toString(), 'mine');
    await until('the member expires', async () => (await describe()).members.length === 0, 5000);
    assert.equal((await describe()).groupState, 'Empty');
    assert.ok(broker.lines.some((l) => l.includes(`${joined.memberId} session timed out`)));
    const hb = await c.request(ApiKey.Heartbeat, 3, { groupId: 'raw-expiry', generationId: joined.generationId, memberId: joined.memberId });
    assert.equal(hb.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
  } finally {
    c.close();
  }
});

test('static membership: a rejoin with a known instance id fences the old member id', async () => {
  const c = await RawClient.connect(broker.port);
  const d = await RawClient.connect(broker.port);
  try {
    const req = { ...joinRequest('raw-static'), groupInstanceId: 'instance-1' };
    const first = await c.request(ApiKey.JoinGroup, 5, req);
    assert.equal(first.errorCode, ErrorCode.NONE, 'a static member needs no MEMBER_ID_REQUIRED round');
    await c.request(ApiKey.SyncGroup, 3, {
      groupId: 'raw-static',
      generationId: first.generationId,
      memberId: first.memberId,
      groupInstanceId: 'instance-1',
      assignments: [],
    });
    const second = await d.request(ApiKey.JoinGroup, 5, req);
    assert.equal(second.errorCode, ErrorCode.NONE);
    assert.notEqual(second.memberId, first.memberId);
    const hb = await c.request(ApiKey.Heartbeat, 3, {
      groupId: 'raw-static',
      generationId: second.generationId,
      memberId: first.memberId,
      groupInstanceId: 'instance-1',
    });
    assert.equal(hb.errorCode, ErrorCode.FENCED_INSTANCE_ID);
    const left = await d.request(ApiKey.LeaveGroup, 3, {
      groupId: 'raw-static',
      members: [{ memberId: '', groupInstanceId: 'instance-1' }],
    });
    assert.deepEqual(left.members.map((m) => m.errorCode), [ErrorCode.NONE]);
  } finally {
    c.close();
    d.close();
  }
});

test('ListGroups v4 filters by state; DeleteGroups of an unknown group is GROUP_ID_NOT_FOUND', async () => {
  const c = await RawClient.connect(broker.port);
  try {
    await joinAlone(c, 'raw-listed');
    const stable = await c.request(ApiKey.ListGroups, 4, { statesFilter: ['stable'] });
    assert.ok(stable.groups.some((g) => g.groupId === 'raw-listed' && g.groupState === 'Stable'));
    const empty = await c.request(ApiKey.ListGroups, 4, { statesFilter: ['Empty'] });
    assert.ok(!empty.groups.some((g) => g.groupId === 'raw-listed'));
    const del = await c.request(ApiKey.DeleteGroups, 1, { groupsNames: ['raw-listed', 'never-was'] });
    assert.deepEqual(del.results.map((r) => r.errorCode), [ErrorCode.NON_EMPTY_GROUP, ErrorCode.GROUP_ID_NOT_FOUND]);
  } finally {
    c.close();
  }
});

test('a member that does not rejoin within the rebalance timeout is removed; the others go on', async () => {
  const c = await RawClient.connect(broker.port);
  const d = await RawClient.connect(broker.port);
  try {
    const short = { rebalanceTimeoutMs: 300 };
    const first = await c.request(ApiKey.JoinGroup, 3, { ...joinRequest('raw-rebalance-timeout'), ...short });
    assert.equal(first.errorCode, ErrorCode.NONE);
    const started = Date.now();
    const second = await d.request(ApiKey.JoinGroup, 3, { ...joinRequest('raw-rebalance-timeout'), ...short });
    assert.equal(second.errorCode, ErrorCode.NONE);
    assert.ok(Date.now() - started >= 250, 'the join phase waited for the first member');
    assert.equal(second.generationId, first.generationId + 1);
    assert.equal(second.leader, second.memberId, 'the only member left leads');
    assert.deepEqual(second.members.map((m) => m.memberId), [second.memberId]);
    const hb = await c.request(ApiKey.Heartbeat, 3, { groupId: 'raw-rebalance-timeout', generationId: first.generationId, memberId: first.memberId });
    assert.equal(hb.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
  } finally {
    c.close();
    d.close();
  }
});

test('group.initial.rebalance.delay.ms: members joining an Empty group within the delay share the first generation', async () => {
  const coordinator = new GroupCoordinator({ groupInitialRebalanceDelayMs: 150, groupMinSessionTimeoutMs: 100, groupMaxSessionTimeoutMs: 60_000 });
  try {
    const params = (clientId: string) => ({
      groupId: 'delayed',
      memberId: '',
      groupInstanceId: null,
      requireKnownMemberId: false,
      clientId,
      clientHost: '/127.0.0.1',
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 5_000,
      protocolType: 'consumer',
      protocols: [
        { name: 'roundrobin', metadata: Buffer.from('rr') },
        { name: 'range', metadata: Buffer.from(clientId) },
      ],
    });
    const a = coordinator.join(params('a'));
    await sleep(50);
    const b = coordinator.join({ ...params('b'), protocols: [{ name: 'range', metadata: Buffer.from('b') }] });
    const c = coordinator.join({ ...params('c'), protocols: [{ name: 'range', metadata: Buffer.from('c') }, { name: 'roundrobin', metadata: Buffer.from('rr') }] });
    const answers = await Promise.all([a, b, c]);
    assert.deepEqual(answers.map((r) => [r.errorCode, r.generationId]), [[0, 1], [0, 1], [0, 1]]);
    assert.equal(answers[0].protocolName, 'range', 'only range is shared by all; b and c vote for it');
    assert.equal(answers[0].members.length, 3);
    assert.deepEqual(answers[0].members.map((m) => m.metadata.toString()), ['a', 'b', 'c']);
    assert.equal(coordinator.get('delayed')?.state, 'CompletingRebalance');
    assert.equal(coordinator.get('delayed')?.validateCommit(answers[1].memberId, 1, null), ErrorCode.REBALANCE_IN_PROGRESS);
    assert.equal(coordinator.get('delayed')?.validateCommit('', -1, null), ErrorCode.REBALANCE_IN_PROGRESS);
  } finally {
    coordinator.stop();
  }
});

test('protocol choice: the protocol most members prefer among those all support', () => {
  const coordinator = new GroupCoordinator({ groupInitialRebalanceDelayMs: 0, groupMinSessionTimeoutMs: 100, groupMaxSessionTimeoutMs: 60_000 });
  try {
    const group = coordinator.getOrCreate('votes');
    const member = (id: string, names: string[]) => ({
      memberId: id,
      groupInstanceId: null,
      clientId: id,
      clientHost: '',
      sessionTimeoutMs: 1000,
      rebalanceTimeoutMs: 1000,
      protocolType: 'consumer',
      protocols: names.map((name) => ({ name, metadata: Buffer.alloc(0) })),
      assignment: Buffer.alloc(0),
    });
    group.members.set('1', member('1', ['sticky', 'range', 'roundrobin']));
    group.members.set('2', member('2', ['roundrobin', 'range']));
    group.members.set('3', member('3', ['roundrobin', 'sticky', 'range']));
    assert.equal(group.selectProtocol(), 'roundrobin');
    group.state = 'Stable';
    assert.equal(group.validateCommit('', -1, null), ErrorCode.UNKNOWN_MEMBER_ID);
    assert.equal(group.validateCommit('2', 7, null), ErrorCode.ILLEGAL_GENERATION);
    group.members.clear();
    group.state = 'Empty';
    assert.equal(group.validateCommit('', -1, null), ErrorCode.NONE, 'a simple commit to an Empty group');
  } finally {
    coordinator.stop();
  }
});

test('flexible versions: JoinGroup v9, SyncGroup v5 protocol checks, Heartbeat v4, DescribeGroups v5, ListGroups v5, LeaveGroup v0', async () => {
  const c = await RawClient.connect(broker.port);
  try {
    const groupId = 'raw-flexible';
    const req = { ...joinRequest(groupId), reason: 'test' };
    const first = await c.request(ApiKey.JoinGroup, 9, req);
    assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED);
    assert.equal(first.protocolName, null);
    const joined = await c.request(ApiKey.JoinGroup, 9, { ...req, memberId: first.memberId });
    assert.equal(joined.errorCode, ErrorCode.NONE);
    assert.equal(joined.protocolType, 'consumer');
    assert.equal(joined.protocolName, 'range');
    assert.equal(joined.skipAssignment, false);
    const sync = (protocolName: string) =>
      c.request(ApiKey.SyncGroup, 5, {
        groupId,
        generationId: joined.generationId,
        memberId: joined.memberId,
        protocolType: 'consumer',
        protocolName,
        assignments: [{ memberId: joined.memberId, assignment: Buffer.from('x') }],
      });
    assert.equal((await sync('roundrobin')).errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const synced = await sync('range');
    assert.deepEqual([synced.errorCode, synced.protocolType, synced.protocolName, synced.assignment.toString()], [0, 'consumer', 'range', 'x']);
    const hb = await c.request(ApiKey.Heartbeat, 4, { groupId, generationId: joined.generationId, memberId: joined.memberId });
    assert.equal(hb.errorCode, ErrorCode.NONE);
    const [described] = (await c.request(ApiKey.DescribeGroups, 5, { groups: [groupId] })).groups;
    assert.deepEqual([described.groupState, described.protocolType, described.protocolData], ['Stable', 'consumer', 'range']);
    assert.equal(described.members[0].clientId, 'raw-client');
    const listed = await c.request(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: ['classic'] });
    assert.ok(listed.groups.some((g) => g.groupId === groupId && g.groupType === 'classic'));
    const consumerType = await c.request(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: ['consumer'] });
    assert.deepEqual(consumerType.groups, []);
    const left = await c.request(ApiKey.LeaveGroup, 0, { groupId, memberId: joined.memberId });
    assert.equal(left.errorCode, ErrorCode.NONE);
    const again = await c.request(ApiKey.LeaveGroup, 0, { groupId, memberId: joined.memberId });
    assert.equal(again.errorCode, ErrorCode.UNKNOWN_MEMBER_ID);
    const [empty] = (await c.request(ApiKey.DescribeGroups, 5, { groups: [groupId] })).groups;
    assert.deepEqual([empty.groupState, empty.members.length], ['Empty', 0]);
  } finally {
    c.close();
  }
});

test('a static member that does not rejoin in time stays in the group (until its session times out); a rejoined member leads', async () => {
  const c = await RawClient.connect(broker.port);
  const d = await RawClient.connect(broker.port);
  try {
    const groupId = 'raw-static-stays';
    const short = { rebalanceTimeoutMs: 300 };
    const s = await c.request(ApiKey.JoinGroup, 5, { ...joinRequest(groupId), ...short, groupInstanceId: 'static-1' });
    assert.equal(s.errorCode, ErrorCode.NONE);
    const x = await d.request(ApiKey.JoinGroup, 3, { ...joinRequest(groupId), ...short });
    assert.equal(x.errorCode, ErrorCode.NONE);
    assert.equal(x.generationId, s.generationId + 1);
    assert.equal(x.leader, x.memberId);
    assert.deepEqual(x.members.map((m) => m.memberId).sort(), [s.memberId, x.memberId].sort());
    const hb = await c.request(ApiKey.Heartbeat, 3, { groupId, generationId: s.generationId, memberId: s.memberId, groupInstanceId: 'static-1' });
    assert.equal(hb.errorCode, ErrorCode.ILLEGAL_GENERATION, 'the static member is still known, at an older generation');
  } finally {
    c.close();
    d.close();
  }
});
