// Real Apache Kafka 4.3.1 in the loop: the harness in test/support/kafka-target.ts starts it, Kafka's
// own CLI tools and kafkajs talk to it. A 3-node cluster is test/integration/clusters-on-targets.test.ts's
// (one JVM start costs seconds on 2 cores, three cost more).
// Without java >= 17 or Maven (or when the jars cannot be resolved) every test skips with the reason.
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaTool, realKafkaAvailable, startRealKafka, type RealKafka } from '../support/kafka-target';

const START_TIMEOUT = 150_000;

/** Skips the test (with the reason printed by the reporter) when real Kafka cannot run here. */
function needKafka(t: TestContext, kafka: RealKafka | undefined): kafka is RealKafka {
  const avail = realKafkaAvailable();
  if (!avail.ok) {
    t.skip(avail.reason);
    return false;
  }
  assert.ok(kafka, 'real Kafka did not start (see the before hook error)');
  return true;
}

function client(kafka: RealKafka): Kafka {
  return new Kafka({ clientId: 'brook-real-kafka-test', brokers: kafka.bootstrap, logLevel: logLevel.NOTHING });
}

describe('real Kafka 4.3.1, 1 node', () => {
  let kafka: RealKafka | undefined;
  before(async () => {
    if (realKafkaAvailable().ok) kafka = await startRealKafka({ brokers: 1 });
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await kafka?.stop();
  });

  test('kafka-topics creates and describes a topic', async (t) => {
    if (!needKafka(t, kafka)) return;
    const bs = kafka.bootstrap[0];
    const created = await kafkaTool('kafka-topics', ['--bootstrap-server', bs, '--create', '--topic', 'orders', '--partitions', '3', '--replication-factor', '1']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created topic orders\./);

    const described = await kafkaTool('kafka-topics', ['--bootstrap-server', bs, '--describe', '--topic', 'orders']);
    assert.equal(described.code, 0, described.stderr);
    assert.match(described.stdout, /Topic: orders\s+TopicId: \S+\s+PartitionCount: 3\s+ReplicationFactor: 1/);
    assert.equal(described.stdout.match(/Partition: \d+\s+Leader: 1\s+Replicas: 1\s+Isr: 1/g)?.length, 3);
  });

  test('kafkajs reads the metadata and produces; Kafka\'s tools see the records', async (t) => {
    if (!needKafka(t, kafka)) return;
    const k = client(kafka);
    const admin = k.admin();
    await admin.connect();
    const producer = k.producer();
    try {
      const cluster = await admin.describeCluster();
      assert.deepEqual(cluster.brokers.map((b) => `${b.host}:${b.port}`), kafka.bootstrap);
      assert.equal(cluster.controller, 1);

      const meta = await admin.fetchTopicMetadata({ topics: ['orders'] });
      assert.equal(meta.topics[0].name, 'orders');
      assert.deepEqual(meta.topics[0].partitions.map((p) => p.partitionId).sort(), [0, 1, 2]);

      await producer.connect();
      const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 3}`, value: `v${i}`, partition: i % 3 }));
      const acks = await producer.send({ topic: 'orders', acks: -1, messages });
      assert.equal(acks.length, 3);

      const offsets = await admin.fetchTopicOffsets('orders');
      assert.deepEqual(offsets.map((o) => [o.partition, o.high]).sort(), [[0, '10'], [1, '10'], [2, '10']]);

      const tool = await kafkaTool('kafka-get-offsets', ['--bootstrap-server', kafka.bootstrap[0], '--topic', 'orders']);
      assert.equal(tool.code, 0, tool.stderr);
      assert.deepEqual(tool.stdout.trim().split('\n').sort(), ['orders:0:10', 'orders:1:10', 'orders:2:10']);

      const consumed = await kafkaTool('kafka-console-consumer', [
        '--bootstrap-server', kafka.bootstrap[0], '--topic', 'orders', '--partition', '1', '--offset', 'earliest',
        '--max-messages', '10', '--timeout-ms', '15000',
      ]);
      assert.equal(consumed.code, 0, consumed.stderr);
      assert.deepEqual(consumed.stdout.trim().split('\n'), Array.from({ length: 10 }, (_, i) => `v${i * 3 + 1}`));
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});
