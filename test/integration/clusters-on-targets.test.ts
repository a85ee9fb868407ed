// The app's cluster handlers against every target from one definition: the sandbox broker, real
// Kafka 4.3.1 and a 3-broker real Kafka must look the same to Brook (Test connection, the brokers
// and controller, topic metadata with leaders, replicas and ISR, watermarks, and the errors a user
// sees). Where the sandbox answers otherwise, the sandbox is wrong.
//
// The core has no topic handlers yet, so topics are read with the client the core builds for a
// profile (kafkaClient over connectionSpec), and their errors are worded by the core's describeFailure.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka, logLevel, type ITopicMetadata } from 'kafkajs';
import { connectionSpec } from '../../electron/core/clusters/connection';
import { describeFailure } from '../../electron/core/clusters/failures';
import { kafkaClient } from '../../electron/core/clusters/kafka';
import { createLogger } from '../../electron/core/logger';
import type { ClusterInfo, ClusterSummary, TestResult } from '../../shared/model';
import { silentKafkaLog } from '../support/broker';
import { forEachTarget, type Target } from '../support/targets';
import { until } from '../support/until';
import { makeCore, type TestCore } from './support';

let app: TestCore;
before(() => {
  app = makeCore();
});
after(async () => {
  await app.close();
});

async function ok<T>(channel: string, input?: unknown): Promise<T> {
  const reply = await app.call(channel, input);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply.value as T;
}

/** The core's own kafkajs admin for a plaintext profile of the target. */
function coreAdmin(target: Target) {
  const spec = connectionSpec({ bootstrapServers: target.bootstrap, securityProtocol: 'PLAINTEXT' }, undefined);
  return { spec, admin: kafkaClient(spec, createLogger('test', 'silent')).admin() };
}

const byNodeId = <T extends { nodeId: number }>(brokers: T[]) => [...brokers].sort((a, b) => a.nodeId - b.nodeId);

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  let profile: ClusterSummary;

  test('Test connection: ok, step by step, with every broker and the cluster id', async () => {
    const result = await ok<TestResult>('clusters:test', { draft: { name: target.title, bootstrapServers: target.bootstrap }, timeoutMs: 15_000 });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.target, target.bootstrap[0]);
    assert.deepEqual(result.steps.map((s) => [s.name, s.ok]), [['dns', true], ['tcp', true], ['kafka', true], ['metadata', true]]);
    assert.equal(result.steps.at(-1)?.note, `${target.brokers} broker(s)`);
    assert.equal(result.cluster?.brokers.length, target.brokers);
    assert.equal(result.cluster?.clusterId, target.clusterId);
  });

  test('describe: the brokers with their ids, hosts and ports, and the controller among them', async () => {
    profile = await ok<ClusterSummary>('clusters:save', { name: target.title, bootstrapServers: target.bootstrap });
    const cluster = await ok<ClusterInfo>('clusters:describe', { id: profile.id });
    const brokers = byNodeId(cluster.brokers);
    assert.deepEqual(brokers.map((b) => b.nodeId), Array.from({ length: target.brokers }, (_, i) => i + 1));
    assert.deepEqual(brokers.map((b) => `${b.host}:${b.port}`), target.bootstrap);
    assert.ok(cluster.controller !== null && brokers.some((b) => b.nodeId === cluster.controller), `controller ${cluster.controller}`);
    assert.equal(cluster.clusterId, target.clusterId);
  });

  test('a topic created with kafkajs: partitions with a leader, replicas and ISR, and watermarks', async () => {
    const topic = 'orders';
    const replicationFactor = Math.min(target.brokers, 3);
    const kafka = new Kafka({ clientId: 'brook-targets-test', brokers: target.bootstrap, logLevel: logLevel.NOTHING, logCreator: silentKafkaLog });
    const creator = kafka.admin();
    const producer = kafka.producer();
    const { admin } = coreAdmin(target);
    await Promise.all([creator.connect(), producer.connect(), admin.connect()]);
    try {
      // kafkajs's waitForLeaders asks only the broker that took the request; a KRaft broker learns of a
      // new topic from the metadata log in its own time, so wait until the core's client sees it, as
      // the app would on a later refresh.
      assert.equal(await creator.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor }], waitForLeaders: false, timeout: 30_000 }), true);
      let listed: string[] = [];
      let meta: ITopicMetadata | undefined;
      await until(
        () => `${topic} listed, with a leader for each of its 3 partitions (last seen: ${JSON.stringify({ listed, meta })})`,
        async () => {
          listed = await admin.listTopics().catch(() => []);
          meta = (await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined))?.topics[0];
          return listed.includes(topic) && meta?.partitions.length === 3 && meta.partitions.every((p) => p.leader >= 0);
        },
      );
      assert.ok(meta);
      assert.equal(meta.name, topic);
      await producer.send({ topic, acks: -1, messages: Array.from({ length: 5 }, (_, i) => ({ value: `v${i}`, partition: 1 })) });

      const nodeIds = byNodeId((await admin.describeCluster()).brokers).map((b) => b.nodeId);
      const partitions = [...meta.partitions].sort((a, b) => a.partitionId - b.partitionId);
      assert.deepEqual(partitions.map((p) => p.partitionId), [0, 1, 2]);
      for (const p of partitions) {
        const where = `partition ${p.partitionId}: ${JSON.stringify(p)}`;
        assert.equal(p.partitionErrorCode, 0, where);
        assert.equal(p.replicas.length, replicationFactor, where);
        assert.equal(new Set(p.replicas).size, replicationFactor, where);
        assert.ok(p.replicas.every((id) => nodeIds.includes(id)), where);
        assert.ok(p.replicas.includes(p.leader), where);
        assert.deepEqual([...p.isr].sort(), [...p.replicas].sort(), where);
        assert.deepEqual(p.offlineReplicas ?? [], [], where);
      }

      const offsets = (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition);
      assert.deepEqual(offsets.map((o) => [o.partition, o.low, o.high]), [[0, '0', '0'], [1, '0', '5'], [2, '0', '0']]);
    } finally {
      await Promise.all([creator.disconnect(), producer.disconnect(), admin.disconnect()]);
    }
  });

  test('a replication factor above the broker count: INVALID_REPLICATION_FACTOR, in words', async () => {
    const { spec, admin } = coreAdmin(target);
    await admin.connect();
    try {
      const error = await admin.createTopics({ topics: [{ topic: 'too-replicated', replicationFactor: target.brokers + 1 }] }).then(
        () => assert.fail(`a topic with ${target.brokers + 1} replicas on ${target.brokers} broker(s)`),
        (e: { errors?: Array<{ type?: string; topic?: string }> }) => e,
      );
      assert.deepEqual(error.errors?.map((e) => [e.topic, e.type]), [['too-replicated', 'INVALID_REPLICATION_FACTOR']]);
      // kafkajs throws an aggregate of the broker's answers: the words come from the answer, not "could not connect".
      const failure = describeFailure(error, { server: target.bootstrap[0]!, spec, stage: 'createTopics' });
      assert.equal(failure.code, 'KAFKA_ERROR', JSON.stringify(failure));
      assert.match(failure.message, /^The broker answered with an error INVALID_REPLICATION_FACTOR: Replication-factor is invalid/);
      assert.ok(!(await admin.listTopics()).includes('too-replicated'));
    } finally {
      await admin.disconnect();
    }
  });

  test('an unknown topic: UNKNOWN_TOPIC_OR_PARTITION, in words, and not created by asking', async () => {
    const { spec, admin } = coreAdmin(target);
    await admin.connect();
    try {
      const error = await admin.fetchTopicMetadata({ topics: ['no-such-topic'] }).then(
        () => assert.fail('metadata of a topic that does not exist'),
        (e: unknown) => e,
      );
      const failure = describeFailure(error, { server: target.bootstrap[0]!, spec, stage: 'metadata' });
      assert.equal(failure.code, 'KAFKA_ERROR', JSON.stringify(failure));
      assert.match(failure.message, /^The broker answered with an error UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition/);
      assert.match(failure.detail, /\[UNKNOWN_TOPIC_OR_PARTITION\]/);
      assert.ok(!(await admin.listTopics()).includes('no-such-topic'), 'an admin metadata request must not create the topic');
    } finally {
      await admin.disconnect();
    }
  });

  test('once the cluster is stopped: connection refused, in words, from Test connection and describe', async () => {
    await target.stop();
    const result = await ok<TestResult>('clusters:test', { id: profile.id, timeoutMs: 5_000 });
    assert.equal(result.ok, false);
    assert.equal(result.target, target.bootstrap[0]);
    assert.equal(result.error?.code, 'CONNECTION_REFUSED', JSON.stringify(result));
    assert.equal(result.error?.message, `Connection refused by ${target.bootstrap[0]}: nothing is listening there`);
    assert.match(result.error!.hint!, /broker is running/);

    const reply = await app.call('clusters:describe', { id: profile.id });
    assert.equal(reply.ok, false);
    assert.equal(reply.error?.code, 'CONNECTION_REFUSED', JSON.stringify(reply));
    assert.equal(reply.error?.message, `Connection refused by ${target.bootstrap[0]}: nothing is listening there`);
  });
});
