// A broker of three stops while a live tail reads: the tail finds the partitions' new leaders and
// goes on, missing nothing produced meanwhile. Real Kafka only: the sandbox has one broker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import type { TopicRecord } from '../../shared/model';
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
  test('a tail goes on from the new leaders when a broker stops', { timeout: 240_000 }, async () => {
    const topic = 'tail-outage';
    const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: 3 }]);
    const producer = kafka.producer();
    await producer.connect();
    const { id } = (await app.call('clusters:save', { name: `${target.title} tail outage`, bootstrapServers: target.bootstrap })).value as { id: string };
    const tail = app.stream<TopicRecord[]>('messages:read', { clusterId: id, topic, start: { from: 'oldest' }, stop: { at: 'never' } });
    const values = () => tail.chunks.flat().map((r) => Buffer.from(r.value!.base64, 'base64').toString()).sort();
    try {
      await until('the tail caught up', () => tail.progress.some((p) => (p as { caughtUp: boolean }).caughtUp));
      await producer.send({ topic, messages: [0, 1, 2].map((p) => ({ partition: p, value: `before-${p}` })) });
      await until('the records before the outage', () => values().length === 3);
      await target.stopBroker(2);
      try {
        await producer.send({ topic, messages: [0, 1, 2].map((p) => ({ partition: p, value: `during-${p}` })) });
        await until(() => `the records produced while broker 2 was down; got ${values().join(', ')}`, () => values().length === 6, 60_000);
        assert.deepEqual(values(), ['before-0', 'before-1', 'before-2', 'during-0', 'during-1', 'during-2']);
      } finally {
        await target.startBroker(2);
      }
      tail.cancel();
      assert.equal((await tail.done).error?.code, 'CANCELLED');
    } finally {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
