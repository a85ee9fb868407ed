// A broker of three stops and starts again, as in a rolling restart: the explorer's next refresh
// shows the under-replicated partitions, the shrunken ISR and the moved leaders, the figures name
// the broker whose bytes are missing, and once it is back everything heals. Real Kafka only: the
// sandbox has one broker.
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

forEachTarget(['kafka-3-brokers'], (target) => {
  test('stop broker 2: under-replicated, ISR without it, leaders moved, its bytes missing; start it: healed', { timeout: 240_000 }, async () => {
    const topic = 'outage';
    const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsReady(admin, [{ topic, numPartitions: 6, replicationFactor: 3 }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 60 }, (_, i) => ({ partition: i % 6, value: `v${i}` })) });
    await producer.disconnect();
    await admin.disconnect();

    const { id } = (await app.call('clusters:save', { name: target.title, bootstrapServers: target.bootstrap })).value as { id: string };
    const summary = async () => ((await app.call('topics:list', { id })).value as TopicSummary[]).find((t) => t.name === topic)!;
    const detail = async () => (await app.call('topics:describe', { id, topic })).value as TopicDetail;
    assert.deepEqual(await summary(), { name: topic, internal: false, partitions: 6, replicationFactor: 3, underReplicated: 0, offline: 0 });
    const ledBy2 = (await detail()).partitions.filter((p) => p.leader === 2).length;

    await target.stopBroker(2);
    try {
      // KRaft fences a broker that shuts down at once: the refresh right after sees it.
      await until('topics:list to count the under-replicated partitions', async () => (await summary()).underReplicated === 6, 15_000);
      const shrunk = await detail();
      assert.ok(shrunk.partitions.every((p) => !p.isr.includes(2) && p.isr.length === 2 && p.replicas.includes(2)), JSON.stringify(shrunk.partitions));
      assert.ok(shrunk.partitions.every((p) => p.leader !== 2 && p.leader > 0), `leaders moved off broker 2 (it led ${ledBy2})`);
      assert.equal(shrunk.partitions.reduce((n, p) => n + p.highWatermark - p.logStartOffset, 0), 60, 'every record still readable');

      const got: ServerMessage[] = [];
      const session = app.core.openSession((m) => {
        got.push(m);
        if (m.type === 'stream:chunk') queueMicrotask(() => session.handle({ type: 'stream:ack', id: m.id, count: 1 }));
      });
      session.handle({ type: 'stream:start', id: 1, name: 'topics:figures', input: { clusterId: id, topics: [topic] } });
      await until('the figures stream to end', () => got.some((m) => m.type === 'stream:end'), 60_000);
      session.close();
      const [figures] = got.flatMap((m) => (m.type === 'stream:chunk' ? (m.chunk as TopicFigures[]) : []));
      assert.equal(figures?.records, 60);
      assert.deepEqual(figures?.bytesMissing, [2], JSON.stringify(figures));
      assert.ok((figures?.bytes ?? 0) > 0);
    } finally {
      await target.startBroker(2);
    }
    await until('the ISR to heal', async () => (await summary()).underReplicated === 0, 90_000);
    assert.ok((await detail()).partitions.every((p) => p.isr.length === 3));
  });
});
