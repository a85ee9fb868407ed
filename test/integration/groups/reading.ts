// groups:list, groups:figures and groups:describe on every target, with Kafka's own
// kafka-consumer-groups as the oracle: a live kafkajs group reading two topics (members, decoded
// assignments, exact lags, the time lag of records an hour old) and a group the Java console
// consumer left behind; a group that does not exist is named so.
import assert from 'node:assert/strict';
import { Kafka, type Consumer } from 'kafkajs';
import type { GroupDetail, GroupFigures, GroupList } from '../../../shared/model';
import { silentKafkaLog } from '../../support/broker';
import { kafkaDescribe, kafkaState } from '../../support/consumer-groups-tool';
import { kafkaTool } from '../../support/kafka-target';
import type { Target } from '../../support/targets';
import { until } from '../../support/until';
import type { TestCore } from '../support';
import { createTopicsReady } from '../../support/create-topics';

const HOUR = 3_600_000;

export const readingGroupsTitle = 'groups: the list, figures and one group whole, equal to kafka-consumer-groups; an unknown group is named so';

export async function readingGroups(target: Target, app: TestCore): Promise<void> {
  const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
  const admin = kafka.admin();
  await admin.connect();
  const [topic, other] = ['grouped', 'grouped-other'].map((t) => `${t}-${target.name}`) as [string, string];
  const [live, java] = ['live-reader', 'java-reader'].map((g) => `${g}-${target.name}`) as [string, string];
  let consumer: Consumer | undefined;
  try {
    const rf = Math.min(3, target.brokers);
    await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: rf }, { topic: other, numPartitions: 1, replicationFactor: rf }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `v${i}` })) });
    await producer.send({ topic: other, messages: [{ value: 'x' }, { value: 'y' }] });

    // The Java console consumer reads 12 records and commits where it stopped.
    const consoled = await kafkaTool('kafka-console-consumer', ['--bootstrap-server', target.bootstrap[0]!, '--topic', topic, '--group', java, '--from-beginning', '--max-messages', '12', '--timeout-ms', '60000'], { timeoutMs: 120_000 });
    assert.equal(consoled.code, 0, consoled.stderr);

    // A live kafkajs group reads both topics whole, then is paused while 3 records an hour old land on partition 1.
    consumer = kafka.consumer({ groupId: live, maxWaitTimeInMs: 200, sessionTimeout: 30_000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic, other], fromBeginning: true });
    await consumer.run({ autoCommitInterval: 100, eachMessage: async () => undefined });
    await until('the live group to commit every record', async () => {
      const read = await admin.fetchOffsets({ groupId: live, topics: [topic, other] });
      return read.every((t) => t.partitions.every((p) => p.offset === (t.topic === topic ? '10' : '2')));
    }, 60_000);
    consumer.pause([{ topic }, { topic: other }]);
    const hourAgo = Date.now() - HOUR;
    await producer.send({ topic, messages: [0, 1, 2].map((i) => ({ partition: 1, value: `old${i}`, timestamp: String(hourAgo + i) })) });
    await producer.disconnect();

    const profile = (await app.call('clusters:save', { name: `${target.title} groups`, bootstrapServers: target.bootstrap })).value as { id: string };
    const listed = await app.call('groups:list', { id: profile.id });
    assert.ok(listed.ok, JSON.stringify(listed.error));
    const groups = (listed.value as GroupList).groups;
    for (const g of [live, java]) assert.ok(groups.some((x) => x.groupId === g && x.coordinator > 0 && x.protocolType === 'consumer'), `${g} in ${JSON.stringify(groups)}`);

    const described = await app.call('groups:describe', { id: profile.id, groupId: live });
    assert.ok(described.ok, JSON.stringify(described.error));
    const detail = described.value as GroupDetail;
    assert.equal(detail.state, 'Stable');
    assert.equal(detail.members.length, 1);
    const [member] = detail.members;
    assert.deepEqual(member!.assignment, [{ topic, partitions: [0, 1, 2] }, { topic: other, partitions: [0] }].sort((a, b) => a.topic.localeCompare(b.topic)));
    assert.deepEqual(
      detail.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.logEndOffset, p.lag, p.member?.memberId]),
      [[topic, 0, 10, 10, 0, member!.memberId], [topic, 1, 10, 13, 3, member!.memberId], [topic, 2, 10, 10, 0, member!.memberId], [other, 0, 2, 2, 0, member!.memberId]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    assert.equal(detail.lag, 3);
    const late = detail.partitions.find((p) => p.topic === topic && p.partition === 1)!;
    assert.ok(late.timeLagMs !== null && late.timeLagMs >= HOUR && late.timeLagMs < 2 * HOUR, `time lag ${late.timeLagMs}: the next unread record is an hour old`);
    assert.ok(detail.partitions.filter((p) => p !== late).every((p) => p.timeLagMs === null), 'nothing unread, no time lag');
    assert.equal(detail.timeLagMs, late.timeLagMs);
    assert.deepEqual(detail.missing, []);

    // Kafka's tool says the same of both groups.
    const theirs = await kafkaDescribe(target.bootstrap[0]!, topic);
    const ours = (d: GroupDetail) => d.partitions.filter((p) => p.topic === topic).map((p) => [String(p.partition), p.committedOffset === null ? '-' : String(p.committedOffset), String(p.logEndOffset), p.lag === null ? '-' : String(p.lag), p.member?.memberId ?? '-']);
    assert.deepEqual(ours(detail), theirs.get(live));
    const javaDetail = (await app.call('groups:describe', { id: profile.id, groupId: java })).value as GroupDetail;
    assert.deepEqual(ours(javaDetail), theirs.get(java));
    assert.deepEqual([javaDetail.state, javaDetail.members.length], await kafkaState(target.bootstrap[0]!, java));
    assert.equal(javaDetail.partitions.reduce((s, p) => s + (p.committedOffset ?? 0), 0), 12, 'the console consumer committed the 12 it read');

    // The list's figures agree with the detail; a group nobody has is named so, here and alone.
    const figures = app.stream<GroupFigures[]>('groups:figures', { clusterId: profile.id, groups: [live, java, 'no-such-group'] });
    const end = await figures.done;
    assert.ok(end.ok, JSON.stringify(end.error));
    const byId = new Map(figures.chunks.flat().map((f) => [f.groupId, f]));
    assert.deepEqual(byId.get(live), { groupId: live, state: 'Stable', members: 1, protocol: 'RoundRobinAssigner', topics: [topic, other].sort(), partitions: 4, lag: 3, maxLag: 3 });
    assert.equal(byId.get(java)?.lag, javaDetail.lag);
    assert.equal(byId.get(java)?.members, 0);
    assert.match(byId.get('no-such-group')?.error ?? '', /does not exist/);
    const unknown = await app.call('groups:describe', { id: profile.id, groupId: 'no-such-group' });
    assert.equal(unknown.error?.code, 'UNKNOWN_GROUP');
  } finally {
    await consumer?.disconnect();
    await admin.disconnect();
  }
}
