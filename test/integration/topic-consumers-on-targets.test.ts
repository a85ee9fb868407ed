// topics:consumers on every target: the groups that committed on a topic with their exact lags, an
// empty group and a live one with their states and members, a group of another topic left out;
// on real Kafka checked against Kafka's own kafka-consumer-groups --describe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka, type Consumer } from 'kafkajs';
import type { TopicConsumers } from '../../shared/model';
import { silentKafkaLog } from '../support/broker';
import { kafkaDescribe, kafkaState } from '../support/consumer-groups-tool';
import { forEachTarget } from '../support/targets';
import { until } from '../support/until';
import { makeCore, type TestCore } from './support';
import { createTopicsReady } from '../support/create-topics';

let app: TestCore;
before(() => {
  app = makeCore();
});
after(async () => {
  await app.close();
});

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  test('topics:consumers: the groups that committed on a topic, their states, members and exact lags; a group of another topic is left out', async () => {
    const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    const topic = `consumed-${target.name}`;
    const other = `elsewhere-${target.name}`;
    const [empty, live, away] = ['lagging', 'live', 'away'].map((g) => `${g}-${target.name}`) as [string, string, string];
    let consumer: Consumer | undefined;
    try {
      const rf = Math.min(3, target.brokers);
      await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: rf }, { topic: other, numPartitions: 1, replicationFactor: rf }]);
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `v${i}` })) });
      await producer.send({ topic: other, messages: [{ value: 'x' }, { value: 'y' }] });

      // A group with no members: offsets committed by the admin (lags 6, 2 and 10 once partition 1 has 2 more).
      await admin.setOffsets({ groupId: empty, topic, partitions: [{ partition: 0, offset: '4' }, { partition: 1, offset: '10' }, { partition: 2, offset: '0' }] });
      await admin.setOffsets({ groupId: away, topic: other, partitions: [{ partition: 0, offset: '1' }] });

      // A live group: reads everything, commits, then is paused while 2 more records land on partition 1.
      consumer = kafka.consumer({ groupId: live, maxWaitTimeInMs: 200, sessionTimeout: 30_000 });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ autoCommitInterval: 100, eachMessage: async () => undefined });
      await until('the live group to commit every record', async () => {
        const [read] = await admin.fetchOffsets({ groupId: live, topics: [topic] });
        return read?.partitions.every((p) => p.offset === '10') ?? false;
      }, 60_000);
      consumer.pause([{ topic }]);
      await producer.send({ topic, messages: [{ partition: 1, value: 'late' }, { partition: 1, value: 'later' }] });
      await producer.disconnect();

      const profile = (await app.call('clusters:save', { name: `${target.title} consumers`, bootstrapServers: target.bootstrap })).value as { id: string };
      const answer = await app.call('topics:consumers', { id: profile.id, topic });
      assert.ok(answer.ok, JSON.stringify(answer));
      const read = answer.value as TopicConsumers;
      assert.deepEqual(read.missing, []);
      assert.deepEqual(read.groups.map((g) => g.groupId).sort(), [empty, live].sort(), 'only the groups with offsets on the topic');

      const lagging = read.groups.find((g) => g.groupId === empty)!;
      assert.deepEqual({ state: lagging.state, members: lagging.members, lag: lagging.lag }, { state: 'Empty', members: 0, lag: 18 });
      assert.deepEqual(lagging.partitions, [
        { partition: 0, committedOffset: 4, highWatermark: 10, lag: 6 },
        { partition: 1, committedOffset: 10, highWatermark: 12, lag: 2 },
        { partition: 2, committedOffset: 0, highWatermark: 10, lag: 10 },
      ]);

      const running = read.groups.find((g) => g.groupId === live)!;
      assert.deepEqual({ state: running.state, members: running.members, lag: running.lag }, { state: 'Stable', members: 1, lag: 2 });
      assert.deepEqual(running.partitions.map((p) => [p.partition, p.committedOffset, p.highWatermark, p.lag]), [[0, 10, 10, 0], [1, 10, 12, 2], [2, 10, 10, 0]]);
      const members = new Set(running.partitions.map((p) => p.member?.memberId));
      assert.equal(members.size, 1, 'one member holds every partition');
      assert.ok([...members][0], 'the member is named');

      const missing = await app.call('topics:consumers', { id: profile.id, topic: 'no-such-topic' });
      assert.equal(missing.error?.code, 'UNKNOWN_TOPIC', JSON.stringify(missing));

      if (target.name === 'sandbox') return;
      // The oracle: Kafka's own tool sees the same groups, offsets, log end offsets, lags and member.
      const theirs = await kafkaDescribe(target.bootstrap[0]!, topic);
      const ours = new Map(read.groups.map((g) => [g.groupId, g.partitions.map((p) => [String(p.partition), String(p.committedOffset ?? '-'), String(p.highWatermark), String(p.lag ?? '-'), p.member?.memberId ?? '-'])]));
      assert.deepEqual(ours, theirs);
      for (const g of read.groups) assert.deepEqual([g.state, g.members], await kafkaState(target.bootstrap[0]!, g.groupId), g.groupId);
    } finally {
      await consumer?.disconnect();
      await admin.deleteGroups([empty, live, away]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic, other] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
