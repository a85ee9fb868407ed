// The topics list and detail, and the topic figures streams and subscriptions serve, on every target: the sandbox, Kafka 4.3.1 and
// Kafka with 3 brokers must give the same partitions, records and end offsets, and report a topic
// that does not exist the same way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import type { TopicDetail, TopicFigures, TopicSummary } from '../../shared/model';
import type { ServerMessage } from '../../shared/session';
import { silentKafkaLog } from '../support/broker';
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

/** A caller of core's streams, as a window or a socket is: acknowledges every chunk and update. */
function caller() {
  const got: ServerMessage[] = [];
  const session = app.core.openSession((m) => {
    got.push(m);
    if (m.type === 'stream:chunk') queueMicrotask(() => session.handle({ type: 'stream:ack', id: m.id, count: 1 }));
    if (m.type === 'watch:update') queueMicrotask(() => session.handle({ type: 'watch:ack', id: m.id }));
  });
  return { got, session };
}

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  test('topics:list, topics:describe, topics:figures and topic:watch: partitions, replicas, watermarks, records; an unknown topic says so', async () => {
    const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    const topic = `figures-${target.name}`;
    const { session, got } = caller();
    try {
      await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: Math.min(3, target.brokers) }]);
      // Idempotent: a retry right after the topic's creation must not write a record twice.
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `v${i}` })) });
      await producer.disconnect();
      await admin.fetchTopicMetadata({ topics: [topic] }); // kafkajs finds the partition's leader only in its metadata cache
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '4' }] });
      const profile = (await app.call('clusters:save', { name: target.title, bootstrapServers: target.bootstrap })).value as { id: string };

      const listed = (await app.call('topics:list', { id: profile.id })).value as TopicSummary[];
      assert.deepEqual(listed.find((t) => t.name === topic), { name: topic, internal: false, partitions: 3, replicationFactor: Math.min(3, target.brokers), underReplicated: 0, offline: 0 });
      const detail = (await app.call('topics:describe', { id: profile.id, topic })).value as TopicDetail;
      assert.deepEqual(detail.partitions.map((p) => [p.partition, p.logStartOffset, p.highWatermark, p.replicas.length, p.isr.length, p.leader >= 1]), [
        [0, 4, 10, Math.min(3, target.brokers), Math.min(3, target.brokers), true],
        [1, 0, 10, Math.min(3, target.brokers), Math.min(3, target.brokers), true],
        [2, 0, 10, Math.min(3, target.brokers), Math.min(3, target.brokers), true],
      ]);
      assert.ok(detail.partitions.every((p) => (p.bytes ?? 0) > 0), `every leader tells its bytes: ${JSON.stringify(detail.partitions)}`);
      const missing = await app.call('topics:describe', { id: profile.id, topic: 'no-such-topic' });
      assert.equal(missing.error?.code, 'UNKNOWN_TOPIC', JSON.stringify(missing));

      session.handle({ type: 'stream:start', id: 1, name: 'topics:figures', input: { clusterId: profile.id, topics: [topic, 'no-such-topic'] } });
      await until('the end of the stream', () => got.some((m) => m.type === 'stream:end'), 60_000);
      const figures = got.flatMap((m) => (m.type === 'stream:chunk' ? (m.chunk as TopicFigures[]) : []));
      const { bytes, ...read } = figures.find((f) => f.topic === topic)!;
      assert.deepEqual(read, { topic, partitions: 3, records: 26, endOffsets: 30, retentionMs: 604_800_000, cleanupPolicy: 'delete' });
      // Bytes on disk count every replica: the leaders' bytes, once per replica.
      const leaders = detail.partitions.reduce((sum, p) => sum + (p.bytes ?? 0), 0);
      assert.equal(bytes, leaders * Math.min(3, target.brokers));
      const unknown = figures.find((f) => f.topic === 'no-such-topic');
      assert.equal(unknown?.error?.code, 'UNKNOWN_TOPIC', JSON.stringify(unknown));
      assert.equal(unknown!.error!.message, 'Topic "no-such-topic" does not exist on this cluster (UNKNOWN_TOPIC_OR_PARTITION)');
      assert.deepEqual((got.find((m) => m.type === 'stream:end') as Extract<ServerMessage, { type: 'stream:end' }>).result.ok, true);

      session.handle({ type: 'watch:start', id: 2, name: 'topic:watch', input: { clusterId: profile.id, topic, intervalMs: 250 } });
      await until('a first update', () => got.some((m) => m.type === 'watch:update'), 30_000);
      const more = kafka.producer();
      await more.connect();
      await more.send({ topic, messages: [{ partition: 1, value: 'later' }] });
      await more.disconnect();
      await until('the watch to see the new record', () =>
        got.some((m) => m.type === 'watch:update' && (m.update as TopicFigures).endOffsets === 31), 30_000);
    } finally {
      session.close();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  test('topics:create checks first with validateOnly, creates, and says beside the field why the cluster refused; topics:delete needs the name', async () => {
    const profile = (await app.call('clusters:save', { name: `${target.title} changes`, bootstrapServers: target.bootstrap })).value as { id: string };
    const name = `created-${target.name}`;
    const draft = { name, partitions: 4, replicationFactor: Math.min(3, target.brokers), configs: { 'retention.ms': '3600000', 'cleanup.policy': 'delete' } };
    const names = async () => ((await app.call('topics:list', { id: profile.id })).value as TopicSummary[]).map((t) => t.name);

    assert.deepEqual((await app.call('topics:create', { id: profile.id, topic: draft, validateOnly: true })).value, { created: false });
    assert.ok(!(await names()).includes(name), 'validateOnly creates nothing');
    assert.deepEqual((await app.call('topics:create', { id: profile.id, topic: draft })).value, { created: true });
    const listed = ((await app.call('topics:list', { id: profile.id })).value as TopicSummary[]).find((t) => t.name === name);
    assert.equal(listed?.partitions, 4);

    const taken = await app.call('topics:create', { id: profile.id, topic: draft, validateOnly: true });
    assert.equal(taken.error?.fields?.name, 'A topic of this name exists (TOPIC_ALREADY_EXISTS)', JSON.stringify(taken));
    const tooMany = await app.call('topics:create', { id: profile.id, topic: { ...draft, name: `${name}-rf`, replicationFactor: target.brokers + 1 }, validateOnly: true });
    assert.match(tooMany.error?.fields?.replicationFactor ?? '', /INVALID_REPLICATION_FACTOR/, JSON.stringify(tooMany));
    const badConfig = await app.call('topics:create', { id: profile.id, topic: { ...draft, name: `${name}-cfg`, configs: { 'cleanup.policy': 'sometimes' } }, validateOnly: true });
    assert.match(badConfig.error?.fields?.configs ?? '', /INVALID_CONFIG/, JSON.stringify(badConfig));
    const badName = await app.call('topics:create', { id: profile.id, topic: { ...draft, name: 'no spaces' } });
    assert.equal(badName.error?.code, 'INVALID_INPUT');
    assert.match(badName.error?.fields?.['topic.name'] ?? '', /Letters, digits/);

    const unconfirmed = await app.call('topics:delete', { id: profile.id, topic: name, confirm: 'created' });
    assert.equal(unconfirmed.error?.fields?.confirm, "Type the topic's name to confirm");
    assert.deepEqual((await app.call('topics:delete', { id: profile.id, topic: name, confirm: name })).value, { deleted: true });
    await until('the topic to go from the list', async () => !(await names()).includes(name));
    const figures = await app.call('topics:describe', { id: profile.id, topic: name });
    assert.equal(figures.error?.code, 'UNKNOWN_TOPIC', 'a deleted topic is unknown, and the client still works');
  });
});
