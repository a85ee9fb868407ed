// topics:consumers asks in batches, not group by group: with 12 groups, one ListGroups, one
// FindCoordinator, one OffsetFetch and one DescribeGroups. On a cluster that cannot batch
// (FindCoordinator before v4, OffsetFetch before v8: Kafka before 3.0, played by the sandbox behind
// a proxy that advertises lower versions) it asks per group through kafkajs, with the same answer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import type { TopicConsumers } from '../../shared/model';
import { startApiProxy, type ApiProxy } from '../support/api-proxy';
import { commitOffsets } from '../support/commit-offsets';
import { silentKafkaLog, startTestBroker, type TestBroker } from '../support/broker';
import { freePort, makeCore, type TestCore } from './support';

const GROUPS = 12;
let app: TestCore;
before(() => {
  app = makeCore();
});
after(async () => {
  await app.close();
});

/** A sandbox reached only through a proxy (capping `caps`), with GROUPS groups on topic "spread" and one elsewhere. */
async function cluster(caps: Record<number, number>): Promise<{ broker: TestBroker; proxy: ApiProxy; id: string }> {
  const port = await freePort();
  const broker = await startTestBroker({ 'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`, 'group.initial.rebalance.delay.ms': '0' });
  const proxy = await startApiProxy(port, broker.port, caps);
  const kafka = new Kafka({ brokers: [`127.0.0.1:${port}`], logCreator: silentKafkaLog });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'spread', numPartitions: 2 }, { topic: 'other', numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'spread', messages: Array.from({ length: 24 }, (_, i) => ({ partition: i % 2, value: `r${i}` })) });
  await producer.send({ topic: 'other', messages: [{ value: 'x' }] });
  await producer.disconnect();
  await admin.disconnect();
  await commitOffsets(broker.port, [
    ...Array.from({ length: GROUPS }, (_, i) => ({ groupId: `reader-${i}`, topic: 'spread', partitions: [{ partition: 0, offset: i }] })),
    { groupId: 'elsewhere', topic: 'other', partitions: [{ partition: 0, offset: 1 }] },
  ]);
  const profile = (await app.call('clusters:save', { name: `through a proxy ${port}`, bootstrapServers: [`127.0.0.1:${port}`] })).value as { id: string };
  return { broker, proxy, id: profile.id };
}

async function consumers(id: string): Promise<TopicConsumers> {
  const answer = await app.call('topics:consumers', { id, topic: 'spread' });
  assert.ok(answer.ok, JSON.stringify(answer));
  return answer.value as TopicConsumers;
}

const expected = Array.from({ length: GROUPS }, (_, i) => ({
  groupId: `reader-${i}`,
  lag: 12 - i,
  partitions: [{ partition: 0, committedOffset: i, highWatermark: 12, lag: 12 - i }],
})).sort((a, b) => a.groupId.localeCompare(b.groupId));

const shape = (read: TopicConsumers) => read.groups.map((g) => ({ groupId: g.groupId, lag: g.lag, partitions: g.partitions }));

test('one FindCoordinator, one OffsetFetch and one DescribeGroups for 12 groups', async () => {
  const { broker, proxy, id } = await cluster({});
  try {
    await consumers(id); // connects, reads metadata, negotiates versions
    proxy.reset();
    const read = await consumers(id);
    assert.deepEqual(shape(read), expected);
    assert.ok(read.groups.every((g) => g.state === 'Empty' && g.members === 0));
    const asked = Object.fromEntries([ApiKey.ListGroups, ApiKey.FindCoordinator, ApiKey.OffsetFetch, ApiKey.DescribeGroups].map((k) => [k, proxy.counts.get(k) ?? 0]));
    assert.deepEqual(asked, { [ApiKey.ListGroups]: 1, [ApiKey.FindCoordinator]: 1, [ApiKey.OffsetFetch]: 1, [ApiKey.DescribeGroups]: 1 });
  } finally {
    await proxy.close();
    await broker.stop();
  }
});

test('a cluster without FindCoordinator v4 and OffsetFetch v8 is asked per group, with the same answer', async () => {
  const { broker, proxy, id } = await cluster({ [ApiKey.FindCoordinator]: 3, [ApiKey.OffsetFetch]: 7 });
  try {
    await consumers(id);
    proxy.reset();
    const read = await consumers(id);
    assert.deepEqual(shape(read), expected);
    assert.ok(read.groups.every((g) => g.state === 'Empty' && g.members === 0));
    // One OffsetFetch per group that ListGroups named (the one elsewhere too): what the cluster allows.
    assert.equal(proxy.counts.get(ApiKey.OffsetFetch), GROUPS + 1);
  } finally {
    await proxy.close();
    await broker.stop();
  }
});
