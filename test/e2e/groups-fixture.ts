// e2e: an app whose sandbox has consumer groups in several states, for the groups screens and a
// topic's Consumers tab: "billing" lagging without members, "refunds-reader" caught up without
// members, "audit" with a live kafkajs member (client id audit-service).
import { Kafka, type Consumer } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { commitOffsets } from '../support/commit-offsets';
import { until } from '../support/until';
import type { TestApp } from './support/harness';
import { startSandboxApp } from './support/sandbox';

export const liveConsumers: Consumer[] = [];
/** The last app's sandbox, for a test that changes its groups behind the app's back. */
export let sandboxKafka: Kafka | undefined;

export async function appWithGroups(): Promise<TestApp> {
  const sandbox = await startSandboxApp([{ topic: 'payments', numPartitions: 3 }, { topic: 'refunds', numPartitions: 1 }]);
  const { kafka } = sandbox;
  sandboxKafka = kafka;
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'payments', messages: Array.from({ length: 1_200 }, (_, i) => ({ partition: i % 3, value: `payment ${i}` })) });
  await producer.send({ topic: 'refunds', messages: [{ value: 'refund' }] });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await commitOffsets(Number(sandbox.bootstrap.split(':').at(-1)), [
    { groupId: 'billing', topic: 'payments', partitions: [{ partition: 0, offset: 150 }, { partition: 1, offset: 400 }, { partition: 2, offset: 0 }] },
    { groupId: 'refunds-reader', topic: 'refunds', partitions: [{ partition: 0, offset: 1 }] },
  ]);
  const auditService = new Kafka({ brokers: [sandbox.bootstrap], clientId: 'audit-service', logCreator: silentKafkaLog });
  const consumer = auditService.consumer({ groupId: 'audit', maxWaitTimeInMs: 200 });
  liveConsumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic: 'payments', fromBeginning: true });
  await consumer.run({ autoCommitInterval: 100, eachMessage: async () => undefined });
  await until('the audit group to commit every record', async () => {
    const [read] = await admin.fetchOffsets({ groupId: 'audit', topics: ['payments'] });
    return read?.partitions.every((p) => p.offset === '400') ?? false;
  }, 60_000);
  await admin.disconnect();
  return sandbox.app;
}
