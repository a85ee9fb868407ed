// The admin APIs (CreateTopics, DeleteTopics, CreatePartitions, DeleteRecords, DescribeConfigs,
// AlterConfigs, IncrementalAlterConfigs, DescribeCluster, DescribeLogDirs) through real clients
// (kafkajs, kafka-python, confluent-kafka, kcat), and the versions no installed client speaks
// (the flexible ones Kafka 4's Java admin uses) through the raw codec client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import kafkajsModule from 'kafkajs';
import { startTestBroker, silentKafkaLog, type TestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { run, runOk } from '../support/run';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { isKnownBrokerKey } from '../../electron/broker/config';
import { BROKER_CONFIG_KEYS, ConfigSource, TOPIC_CONFIG_KEYS, topicConfigProblem } from '../../electron/broker/topic-configs';

// kafkajs is CommonJS: its enums are not named exports.
const { Kafka, ConfigResourceTypes, ConfigSource: KafkaJsConfigSource } = kafkajsModule;

async function withBroker(config: Record<string, string>, fn: (b: TestBroker) => Promise<void>): Promise<void> {
  const b = await startTestBroker(config);
  try {
    await fn(b);
  } finally {
    await b.stop();
  }
}

function kafkajs(b: TestBroker) {
  return new Kafka({ clientId: 'admin-test', brokers: [b.bootstrap], logCreator: silentKafkaLog, retry: { retries: 1 } });
}

async function withAdmin(b: TestBroker, fn: (admin: ReturnType<InstanceType<typeof Kafka>['admin']>) => Promise<void>): Promise<void> {
  const admin = kafkajs(b).admin();
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

async function withRaw(b: TestBroker, fn: (c: RawClient) => Promise<void>): Promise<void> {
  const c = await RawClient.connect(b.port);
  try {
    await fn(c);
  } finally {
    c.close();
  }
}

const python = (b: TestBroker, script: string) =>
  runOk('/usr/bin/python3', ['-c', script, b.bootstrap], { timeoutMs: 60_000 }).then((out) => JSON.parse(out));

test('topic-configs: every broker key described is one config.ts knows; validation messages', () => {
  for (const key of Object.keys(BROKER_CONFIG_KEYS)) assert.ok(isKnownBrokerKey(key), key);
  assert.equal(topicConfigProblem('retention.ms', '1000'), null);
  assert.equal(topicConfigProblem('cleanup.policy', 'compact,delete'), null);
  assert.equal(topicConfigProblem('min.cleanable.dirty.ratio', '0.2'), null);
  assert.equal(topicConfigProblem('preallocate', 'TRUE'), null);
  assert.match(topicConfigProblem('retention.ms', 'soon')!, /Invalid value soon for configuration retention.ms: Not a number of type LONG/);
  assert.match(topicConfigProblem('segment.bytes', '1000')!, /Value must be at least 1048576/);
  assert.match(topicConfigProblem('segment.bytes', '99999999999')!, /Not a number of type INT/);
  assert.match(topicConfigProblem('cleanup.policy', 'shred')!, /String must be one of: compact, delete/);
  assert.match(topicConfigProblem('message.timestamp.type', 'Whenever')!, /CreateTime, LogAppendTime/);
  assert.equal(topicConfigProblem('no.such.key', '1'), 'Unknown topic config name: no.such.key');
  assert.match(topicConfigProblem('retention.ms', null)!, /Null value not supported/);
  assert.ok(!('message.downconversion.enable' in TOPIC_CONFIG_KEYS));
});

test('kafkajs: createTopics, validateOnly, errors, listTopics, fetchTopicMetadata, describeCluster', async () => {
  await withBroker({}, async (b) => {
    await withAdmin(b, async (admin) => {
      assert.equal(
        await admin.createTopics({
          topics: [
            { topic: 'orders', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '60000' }] },
            { topic: 'defaults' },
          ],
        }),
        true,
      );
      // kafkajs would wait for the leaders of a topic validateOnly did not create.
      assert.equal(await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'dry-run', numPartitions: 2 }] }), true);
      assert.deepEqual((await admin.listTopics()).sort(), ['defaults', 'orders']);
      assert.equal(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] }), false);

      await assert.rejects(
        admin.createTopics({ topics: [{ topic: 'replicated', numPartitions: 1, replicationFactor: 3 }] }),
        (err: Error & { errors?: { type: string; message: string }[] }) => {
          const e = err.errors?.[0] ?? (err as unknown as { type: string; message: string });
          assert.equal(e.type, 'INVALID_REPLICATION_FACTOR');
          return true;
        },
      );
      await assert.rejects(
        admin.createTopics({ topics: [{ topic: 'bad-config', configEntries: [{ name: 'retention.ms', value: 'later' }] }] }),
        (err: Error & { errors?: { type: string }[] }) => (err.errors?.[0] ?? (err as unknown as { type: string })).type === 'INVALID_CONFIG',
      );
      await assert.rejects(
        admin.createTopics({ topics: [{ topic: 'bad name!' }] }),
        (err: Error & { errors?: { type: string }[] }) =>
          (err.errors?.[0] ?? (err as unknown as { type: string })).type === 'INVALID_TOPIC_EXCEPTION',
      );

      const meta = await admin.fetchTopicMetadata({ topics: ['orders', 'defaults'] });
      const byName = Object.fromEntries(meta.topics.map((t) => [t.name, t.partitions.length]));
      assert.deepEqual(byName, { orders: 3, defaults: 1 });

      const cluster = await admin.describeCluster();
      assert.equal(cluster.brokers.length, 1);
      assert.equal(cluster.brokers[0].nodeId, 1);
      assert.equal(cluster.controller, 1);
      assert.equal(typeof cluster.clusterId, 'string');
    });
    assert.ok(existsSync(join(b.dataDir, 'orders-2')));
    assert.ok(!existsSync(join(b.dataDir, 'dry-run-0')));
  });
});

test('kafkajs: createPartitions, deleteTopicRecords, deleteTopics', async () => {
  await withBroker({}, async (b) => {
    const kafka = kafkajs(b);
    await withAdmin(b, async (admin) => {
      await admin.createTopics({ topics: [{ topic: 'grow', numPartitions: 2 }, { topic: 'trim' }, { topic: 'gone' }] });
      await admin.createPartitions({ topicPartitions: [{ topic: 'grow', count: 5 }] });
      assert.equal((await admin.fetchTopicMetadata({ topics: ['grow'] })).topics[0].partitions.length, 5);
      await assert.rejects(
        admin.createPartitions({ topicPartitions: [{ topic: 'grow', count: 3 }] }),
        (err: { type?: string; errors?: { type: string }[] }) => (err.errors?.[0]?.type ?? err.type) === 'INVALID_PARTITIONS',
      );
      await admin.createPartitions({ validateOnly: true, topicPartitions: [{ topic: 'grow', count: 9 }] });
      assert.equal((await admin.fetchTopicMetadata({ topics: ['grow'] })).topics[0].partitions.length, 5);

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'trim', messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })) });
      await producer.disconnect();
      // kafkajs looks up leaders in its metadata cache before it loads the topic into it.
      await admin.fetchTopicOffsets('trim');
      await admin.deleteTopicRecords({ topic: 'trim', partitions: [{ partition: 0, offset: '4' }] });
      const offsets = await admin.fetchTopicOffsets('trim');
      assert.equal(offsets[0].low, '4');
      assert.equal(offsets[0].high, '10');
      await admin.deleteTopicRecords({ topic: 'trim', partitions: [{ partition: 0, offset: '-1' }] });
      assert.equal((await admin.fetchTopicOffsets('trim'))[0].low, '10');

      await admin.deleteTopics({ topics: ['gone'] });
      assert.deepEqual((await admin.listTopics()).sort(), ['grow', 'trim']);
      await assert.rejects(admin.deleteTopics({ topics: ['gone'] }));
    });
    assert.deepEqual(
      readdirSync(b.dataDir).filter((d) => d.startsWith('gone')),
      [],
    );
  });
});

test('kafkajs: deleteTopics refused when delete.topic.enable=false', async () => {
  await withBroker({ 'delete.topic.enable': 'false' }, async (b) => {
    await withAdmin(b, async (admin) => {
      await admin.createTopics({ topics: [{ topic: 'kept' }] });
      await assert.rejects(admin.deleteTopics({ topics: ['kept'] }), (err: { type?: string; message: string }) => {
        // kafkajs speaks DeleteTopics v1, where Kafka answers INVALID_REQUEST (v3+: TOPIC_DELETION_DISABLED).
        assert.equal(err.type, 'INVALID_REQUEST', err.message);
        return true;
      });
      assert.deepEqual(await admin.listTopics(), ['kept']);
    });
    await withRaw(b, async (c) => {
      const res = await c.request(ApiKey.DeleteTopics, 3, { topicNames: ['kept'], timeoutMs: 1000 });
      assert.equal(res.responses[0].errorCode, ErrorCode.TOPIC_DELETION_DISABLED);
    });
  });
});

test('kafkajs: describeConfigs for a topic and the broker, alterConfigs', async () => {
  await withBroker({ 'log.retention.hours': '24', 'num.partitions': '2' }, async (b) => {
    await withAdmin(b, async (admin) => {
      await admin.createTopics({ topics: [{ topic: 'cfg', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
      const described = await admin.describeConfigs({
        includeSynonyms: true,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg' }],
      });
      const entries = described.resources[0].configEntries;
      const entry = (n: string) => entries.find((e) => e.configName === n)!;
      assert.equal(described.resources[0].errorCode, 0);
      assert.equal(entries.length, Object.keys(TOPIC_CONFIG_KEYS).length);
      assert.equal(entry('cleanup.policy').configValue, 'compact');
      assert.equal(entry('cleanup.policy').configSource, KafkaJsConfigSource.TOPIC_CONFIG);
      assert.equal(entry('retention.ms').configValue, String(24 * 3_600_000));
      // Kafka 4.3.1 lists no synonym before log.retention.ms, which is unset, so none at all, and
      // reports the inherited value as a default (test/real-kafka/differential.test.ts checks it).
      assert.equal(entry('retention.ms').configSource, KafkaJsConfigSource.DEFAULT_CONFIG);
      assert.deepEqual(entry('retention.ms').configSynonyms, []);
      assert.equal(entry('segment.bytes').configValue, '1073741824');
      assert.equal(entry('segment.bytes').configSource, KafkaJsConfigSource.DEFAULT_CONFIG);
      assert.equal(entry('min.insync.replicas').configValue, '1');
      assert.equal(entry('compression.type').configValue, 'producer');

      const only = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg', configNames: ['segment.ms', 'nope'] }],
      });
      assert.deepEqual(
        only.resources[0].configEntries.map((e) => e.configName),
        ['segment.ms'],
      );

      const brokerCfg = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }] });
      const bEntry = (n: string) => brokerCfg.resources[0].configEntries.find((e) => e.configName === n)!;
      assert.equal(bEntry('num.partitions').configValue, '2');
      assert.equal(bEntry('num.partitions').configSource, KafkaJsConfigSource.STATIC_BROKER_CONFIG);
      assert.equal(bEntry('message.max.bytes').configValue, '1048588');
      assert.equal(bEntry('message.max.bytes').configSource, KafkaJsConfigSource.DEFAULT_CONFIG);
      assert.equal(bEntry('message.max.bytes').readOnly, true);
      // The listener as bound (port 0 resolved), not the default config's 9092.
      assert.equal(bEntry('listeners').configValue, `PLAINTEXT://${b.bootstrap}`);
      assert.equal(bEntry('listeners').configSource, KafkaJsConfigSource.STATIC_BROKER_CONFIG);

      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg', configEntries: [{ name: 'retention.ms', value: '5000' }] }],
      });
      const after = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg', configNames: ['retention.ms', 'cleanup.policy'] }],
      });
      const afterMap = Object.fromEntries(after.resources[0].configEntries.map((e) => [e.configName, [e.configValue, e.configSource]]));
      // AlterConfigs replaces the overrides: cleanup.policy goes back to its default.
      assert.deepEqual(afterMap, {
        'retention.ms': ['5000', KafkaJsConfigSource.TOPIC_CONFIG],
        'cleanup.policy': ['delete', KafkaJsConfigSource.DEFAULT_CONFIG],
      });
      assert.equal(b.running.broker.logs.topicLogConfig('cfg')!.retentionMs, 5000);

      await admin.alterConfigs({
        validateOnly: true,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg', configEntries: [{ name: 'retention.ms', value: '7' }] }],
      });
      assert.equal(b.running.broker.logs.topicLogConfig('cfg')!.retentionMs, 5000);

      await assert.rejects(
        admin.alterConfigs({
          validateOnly: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg', configEntries: [{ name: 'retention.ms', value: 'x' }] }],
        }),
        (err: { type?: string }) => err.type === 'INVALID_CONFIG',
      );
      await assert.rejects(
        admin.alterConfigs({
          validateOnly: false,
          resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'num.partitions', value: '4' }] }],
        }),
        (err: { type?: string }) => err.type === 'INVALID_REQUEST',
      );
    });
  });
});

const KAFKA_PYTHON_ADMIN = `
import json, sys
from kafka.admin import KafkaAdminClient, NewTopic, NewPartitions, ConfigResource, ConfigResourceType
from kafka.errors import TopicAlreadyExistsError, InvalidReplicationFactorError, InvalidPartitionsError
out = {}
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id='admin-test', request_timeout_ms=10000)
r = admin.create_topics([NewTopic('py-a', 2, 1, topic_configs={'retention.bytes': '123456'}), NewTopic('py-b', 1, 1)])
out['created'] = sorted((t[0], t[1]) for t in r.topic_errors)
try:
    admin.create_topics([NewTopic('py-a', 2, 1)])
    out['again'] = 'ok'
except TopicAlreadyExistsError:
    out['again'] = 'TopicAlreadyExistsError'
try:
    admin.create_topics([NewTopic('py-c', 1, 2)])
    out['rf'] = 'ok'
except InvalidReplicationFactorError as e:
    out['rf'] = 'InvalidReplicationFactorError'
r = admin.create_topics([NewTopic('py-dry', 4, 1)], validate_only=True)
out['dry'] = [(t[0], t[1]) for t in r.topic_errors]
out['topics'] = sorted(t for t in admin.list_topics() if t.startswith('py-'))
res = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, 'py-a')])
cfg = {c[0]: c[1] for c in res[0].resources[0][4]}
out['retention.bytes'] = cfg['retention.bytes']
out['cleanup.policy'] = cfg['cleanup.policy']
r = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, 'py-a', configs={'segment.ms': '3600000'})])
out['alter'] = [x[0] for x in r.resources]
res = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, 'py-a', configs={'segment.ms': None, 'retention.bytes': None})])
out['after'] = sorted((c[0], c[1]) for c in res[0].resources[0][4])
res = admin.describe_configs([ConfigResource(ConfigResourceType.BROKER, '1')])
out['broker_error'] = res[0].resources[0][0]
out['broker_has_num_partitions'] = any(c[0] == 'num.partitions' for c in res[0].resources[0][4])
r = admin.create_partitions({'py-b': NewPartitions(3)})
out['partitions'] = [(t[0], t[1]) for t in r.topic_errors]
try:
    admin.create_partitions({'py-b': NewPartitions(2)})
    out['shrink'] = 'ok'
except InvalidPartitionsError:
    out['shrink'] = 'InvalidPartitionsError'
r = admin.delete_topics(['py-a'])
out['deleted'] = [(t[0], t[1]) for t in r.topic_error_codes]
out['left'] = sorted(t for t in admin.list_topics() if t.startswith('py-'))
admin.close()
print(json.dumps(out))
`;

test('kafka-python KafkaAdminClient: create, describe and alter configs, partitions, delete', async () => {
  await withBroker({}, async (b) => {
    const out = await python(b, KAFKA_PYTHON_ADMIN);
    assert.deepEqual(out.created, [
      ['py-a', 0],
      ['py-b', 0],
    ]);
    assert.equal(out.again, 'TopicAlreadyExistsError');
    assert.equal(out.rf, 'InvalidReplicationFactorError');
    assert.deepEqual(out.dry, [['py-dry', 0]]);
    assert.deepEqual(out.topics, ['py-a', 'py-b']);
    assert.equal(out['retention.bytes'], '123456');
    assert.equal(out['cleanup.policy'], 'delete');
    assert.deepEqual(out.alter, [0]);
    // AlterConfigs replaced retention.bytes' override too.
    assert.deepEqual(out.after, [
      ['retention.bytes', '-1'],
      ['segment.ms', '3600000'],
    ]);
    assert.equal(out.broker_error, 0);
    assert.equal(out.broker_has_num_partitions, true);
    assert.deepEqual(out.partitions, [['py-b', 0]]);
    assert.equal(out.shrink, 'InvalidPartitionsError');
    assert.deepEqual(out.deleted, [['py-a', 0]]);
    assert.deepEqual(out.left, ['py-b']);
  });
});

const CONFLUENT_ADMIN = `
import json, sys
from confluent_kafka.admin import AdminClient, NewTopic, NewPartitions, ConfigResource
admin = AdminClient({'bootstrap.servers': sys.argv[1]})
out = {}
def settle(fs):
    res = {}
    for k, f in fs.items():
        try:
            f.result(timeout=20)
            res[str(k)] = None
        except Exception as e:
            res[str(k)] = e.args[0].name() if hasattr(e.args[0], 'name') else str(e)
    return res
out['create'] = settle(admin.create_topics([NewTopic('ck-a', 2, 1, config={'max.message.bytes': '2000000'}), NewTopic('ck-b', 1, 3)], request_timeout=15))
out['dry'] = settle(admin.create_topics([NewTopic('ck-dry', 1, 1)], validate_only=True))
out['partitions'] = settle(admin.create_partitions([NewPartitions('ck-a', 4)]))
fs = admin.describe_configs([ConfigResource('topic', 'ck-a')])
for r, f in fs.items():
    cfg = f.result(timeout=20)
    out['max.message.bytes'] = [cfg['max.message.bytes'].value, cfg['max.message.bytes'].source]
    out['segment.bytes'] = [cfg['segment.bytes'].value, cfg['segment.bytes'].source]
out['alter'] = settle(admin.alter_configs([ConfigResource('topic', 'ck-a', set_config={'retention.ms': '1000'})]))
md = admin.list_topics(timeout=10)
out['topics'] = sorted(t for t in md.topics if t.startswith('ck-'))
out['a_partitions'] = len(md.topics['ck-a'].partitions)
out['delete'] = settle(admin.delete_topics(['ck-a']))
print(json.dumps(out))
`;

test('confluent-kafka (librdkafka) AdminClient: create, partitions, describe and alter configs, delete', async () => {
  await withBroker({}, async (b) => {
    const out = await python(b, CONFLUENT_ADMIN);
    assert.deepEqual(out.create, { 'ck-a': null, 'ck-b': 'INVALID_REPLICATION_FACTOR' });
    assert.deepEqual(out.dry, { 'ck-dry': null });
    assert.deepEqual(out.partitions, { 'ck-a': null });
    assert.deepEqual(out['max.message.bytes'], ['2000000', ConfigSource.DYNAMIC_TOPIC_CONFIG]);
    assert.deepEqual(out['segment.bytes'], ['1073741824', ConfigSource.DEFAULT_CONFIG]);
    assert.equal(Object.values(out.alter)[0], null);
    assert.deepEqual(out.topics, ['ck-a']);
    assert.equal(out.a_partitions, 4);
    assert.deepEqual(out.delete, { 'ck-a': null });
    assert.equal(b.running.broker.logs.getTopic('ck-a'), undefined);
  });
});

test('kcat -L lists topics created through CreateTopics', async () => {
  await withBroker({}, async (b) => {
    await withAdmin(b, (admin) => admin.createTopics({ topics: [{ topic: 'seen-by-kcat', numPartitions: 4 }] }).then(() => {}));
    const out = JSON.parse(await runOk('kcat', ['-b', b.bootstrap, '-L', '-J', '-m', '10'], { timeoutMs: 30_000 }));
    const t = out.topics.find((x: { topic: string }) => x.topic === 'seen-by-kcat');
    assert.equal(t.partitions.length, 4);
    assert.equal(out.brokers[0].id, 1);
  });
});

test('raw CreateTopics v7 (flexible): defaults, configs and topic id in the answer; manual assignments', async () => {
  await withBroker({ 'num.partitions': '3', 'log.segment.bytes': '1048576' }, async (b) => {
    await withRaw(b, async (c) => {
      const res = await c.request(ApiKey.CreateTopics, 7, {
        topics: [
          { name: 'v7', numPartitions: -1, replicationFactor: -1, configs: [{ name: 'retention.ms', value: '1234' }] },
          { name: 'manual', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1] }, { partitionIndex: 1, brokerIds: [1] }] },
          { name: 'wrong-broker', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [2] }] },
          { name: 'gap', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 1, brokerIds: [1] }] },
          { name: 'twice', numPartitions: 1, replicationFactor: 1 },
          { name: 'twice', numPartitions: 1, replicationFactor: 1 },
          { name: 'zero', numPartitions: 0, replicationFactor: 1 },
          { name: 'null-config', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'retention.ms', value: null }] },
          { name: 'rf2', numPartitions: 1, replicationFactor: 2 },
        ],
        timeoutMs: 5000,
      });
      // A name given twice is answered once, as Kafka keys its results by name.
      assert.equal(res.topics.length, 8);
      const [v7, manual, wrong, gap, twice, zero, nullConfig, rf2] = res.topics;
      assert.equal(v7.errorCode, 0);
      assert.equal(v7.numPartitions, 3);
      assert.equal(v7.replicationFactor, 1);
      assert.ok(v7.topicId.equals(b.running.broker.logs.getTopic('v7')!.topicId));
      const cfg = Object.fromEntries(v7.configs!.map((x) => [x.name, [x.value, x.configSource]]));
      assert.deepEqual(cfg['retention.ms'], ['1234', ConfigSource.DYNAMIC_TOPIC_CONFIG]);
      assert.deepEqual(cfg['segment.bytes'], ['1048576', ConfigSource.STATIC_BROKER_CONFIG]);
      assert.deepEqual(cfg['cleanup.policy'], ['delete', ConfigSource.DEFAULT_CONFIG]);
      assert.equal(manual.errorCode, 0);
      assert.equal(b.running.broker.logs.getTopic('manual')!.partitions, 2);
      assert.equal(wrong.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT);
      assert.match(wrong.errorMessage!, /broker 2, but no such broker is registered/);
      assert.equal(gap.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT);
      assert.equal(twice.errorCode, ErrorCode.INVALID_REQUEST);
      assert.equal(zero.errorCode, ErrorCode.INVALID_PARTITIONS);
      assert.equal(nullConfig.errorCode, ErrorCode.INVALID_CONFIG);
      assert.equal(rf2.errorCode, ErrorCode.INVALID_REPLICATION_FACTOR);
      assert.equal(
        rf2.errorMessage,
        'Unable to replicate the partition 2 time(s): The target replication factor of 2 cannot be reached because only 1 broker(s) are registered.',
      );
      assert.equal(rf2.numPartitions, -1);

      const collide = await c.request(ApiKey.CreateTopics, 4, {
        topics: [{ name: 'v7', numPartitions: 1, replicationFactor: 1 }, { name: 'a.b', numPartitions: 1, replicationFactor: 1 }],
        timeoutMs: 5000,
      });
      assert.equal(collide.topics[0].errorCode, ErrorCode.TOPIC_ALREADY_EXISTS);
      assert.equal(collide.topics[0].errorMessage, "Topic 'v7' already exists.");
      assert.equal(collide.topics[1].errorCode, 0);
      const collide2 = await c.request(ApiKey.CreateTopics, 4, {
        topics: [{ name: 'a_b', numPartitions: 1, replicationFactor: 1 }],
        timeoutMs: 5000,
      });
      assert.equal(collide2.topics[0].errorCode, ErrorCode.INVALID_TOPIC_EXCEPTION);
      assert.match(collide2.topics[0].errorMessage!, /collides with existing topic: a\.b/);
    });
  });
});

test('raw DeleteTopics v6 by id, CreatePartitions v3, DeleteRecords v2, DescribeCluster v1, DescribeLogDirs v4', async () => {
  await withBroker({}, async (b) => {
    await withRaw(b, async (c) => {
      await c.request(ApiKey.CreateTopics, 7, {
        topics: ['x', 'y', 'z'].map((name) => ({ name, numPartitions: 2, replicationFactor: 1 })),
        timeoutMs: 5000,
      });
      const idOfY = b.running.broker.logs.getTopic('y')!.topicId;
      const del = await c.request(ApiKey.DeleteTopics, 6, {
        topics: [
          { name: null, topicId: idOfY },
          { name: null, topicId: Buffer.alloc(16, 7) },
          { name: 'nope', topicId: Buffer.alloc(16) },
        ],
        timeoutMs: 5000,
      });
      assert.deepEqual(
        del.responses.map((r) => [r.name, r.errorCode]),
        [
          ['y', 0],
          [null, ErrorCode.UNKNOWN_TOPIC_ID],
          ['nope', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
        ],
      );
      assert.ok(del.responses[0].topicId.equals(idOfY));

      const parts = await c.request(ApiKey.CreatePartitions, 3, {
        topics: [
          { name: 'x', count: 4, assignments: [{ brokerIds: [1] }, { brokerIds: [1] }] },
          { name: 'z', count: 2, assignments: null },
          { name: 'z2', count: 3, assignments: null },
          { name: 'x', count: 5, assignments: [{ brokerIds: [1] }] },
        ],
        timeoutMs: 5000,
        validateOnly: false,
      });
      assert.deepEqual(
        parts.results.map((r) => [r.name, r.errorCode]),
        [
          ['x', ErrorCode.INVALID_REQUEST],
          ['z', ErrorCode.INVALID_PARTITIONS],
          ['z2', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
          ['x', ErrorCode.INVALID_REQUEST],
        ],
      );
      assert.equal(parts.results[1].errorMessage, 'Topic already has 2 partition(s).');
      const parts2 = await c.request(ApiKey.CreatePartitions, 3, {
        topics: [
          { name: 'x', count: 4, assignments: [{ brokerIds: [1] }] },
          { name: 'z', count: 3, assignments: [{ brokerIds: [1] }] },
        ],
        timeoutMs: 5000,
        validateOnly: false,
      });
      assert.equal(parts2.results[0].errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT);
      assert.equal(parts2.results[1].errorCode, 0);
      assert.equal(b.running.broker.logs.getTopic('z')!.partitions, 3);

      const dr = await c.request(ApiKey.DeleteRecords, 2, {
        topics: [{ name: 'x', partitions: [{ partitionIndex: 0, offset: 0n }, { partitionIndex: 1, offset: 5n }, { partitionIndex: 9, offset: 0n }] }],
        timeoutMs: 5000,
      });
      assert.deepEqual(
        dr.topics[0].partitions.map((p) => [p.partitionIndex, p.lowWatermark, p.errorCode]),
        [
          [0, 0n, 0],
          [1, -1n, ErrorCode.OFFSET_OUT_OF_RANGE],
          [9, -1n, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
        ],
      );

      const cluster = await c.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 });
      assert.equal(cluster.errorCode, 0);
      assert.equal(cluster.clusterId, b.running.broker.clusterId);
      assert.deepEqual(cluster.brokers, [{ brokerId: 1, host: '127.0.0.1', port: b.port, rack: null }]);
      assert.equal(cluster.controllerId, 1);
      const controllers = await c.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 });
      assert.equal(controllers.errorCode, ErrorCode.MISMATCHED_ENDPOINT_TYPE);

      const dirs = await c.request(ApiKey.DescribeLogDirs, 4, { topics: null });
      assert.equal(dirs.results.length, 1);
      assert.equal(dirs.results[0].logDir, resolve(b.dataDir));
      assert.deepEqual(
        dirs.results[0].topics.map((t) => [t.name, t.partitions.length]).sort(),
        [
          ['x', 2],
          ['z', 3],
        ],
      );
      assert.ok(dirs.results[0].totalBytes > 0n);
      const some = await c.request(ApiKey.DescribeLogDirs, 1, { topics: [{ topic: 'z', partitions: [2, 7] }, { topic: 'nope', partitions: [0] }] });
      assert.deepEqual(
        some.results[0].topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.offsetLag])]),
        [['z', [[2, 0n]]]],
      );
    });
  });
});

test('raw DescribeConfigs v4 and IncrementalAlterConfigs v1: synonyms, resources, operations', async () => {
  await withBroker({ 'message.max.bytes': '2000000' }, async (c0) => {
    await withRaw(c0, async (c) => {
      await c.request(ApiKey.CreateTopics, 7, { topics: [{ name: 't', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 });
      const desc = await c.request(ApiKey.DescribeConfigs, 4, {
        resources: [
          { resourceType: 2, resourceName: 't', configurationKeys: ['max.message.bytes'] },
          { resourceType: 2, resourceName: 'missing', configurationKeys: null },
          { resourceType: 4, resourceName: '1', configurationKeys: ['message.max.bytes', 'node.id'] },
          { resourceType: 4, resourceName: '', configurationKeys: null },
          { resourceType: 4, resourceName: '7', configurationKeys: null },
          { resourceType: 8, resourceName: '1', configurationKeys: null },
        ],
        includeSynonyms: true,
        includeDocumentation: true,
      });
      const [topic, missing, broker, clusterDefault, other, logger] = desc.results;
      assert.deepEqual(
        topic.configs.map((x) => [x.name, x.value, x.configSource, x.configType, x.documentation, x.synonyms.map((s) => [s.name, s.value, s.source])]),
        [
          [
            'max.message.bytes',
            '2000000',
            ConfigSource.STATIC_BROKER_CONFIG,
            3,
            null,
            [
              ['message.max.bytes', '2000000', ConfigSource.STATIC_BROKER_CONFIG],
              ['message.max.bytes', '1048588', ConfigSource.DEFAULT_CONFIG],
            ],
          ],
        ],
      );
      assert.equal(missing.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      assert.deepEqual(
        broker.configs.map((x) => [x.name, x.value, x.configSource, x.readOnly]),
        [
          ['message.max.bytes', '2000000', ConfigSource.STATIC_BROKER_CONFIG, true],
          ['node.id', '1', ConfigSource.DEFAULT_CONFIG, true],
        ],
      );
      assert.equal(clusterDefault.errorCode, 0);
      assert.deepEqual(clusterDefault.configs, []);
      assert.equal(other.errorCode, ErrorCode.INVALID_REQUEST);
      assert.equal(logger.errorCode, ErrorCode.INVALID_REQUEST);

      const SET = 0;
      const DELETE = 1;
      const APPEND = 2;
      const SUBTRACT = 3;
      const alter = (configs: { name: string; configOperation: number; value: string | null }[], validateOnly = false, name = 't', resourceType = 2) =>
        c.request(ApiKey.IncrementalAlterConfigs, 1, { resources: [{ resourceType, resourceName: name, configs }], validateOnly });
      const overrides = () => c0.running.broker.logs.getTopic('t')!.configs;

      assert.equal((await alter([{ name: 'retention.ms', configOperation: SET, value: '1000' }, { name: 'cleanup.policy', configOperation: APPEND, value: 'compact' }])).responses[0].errorCode, 0);
      assert.deepEqual(overrides(), { 'retention.ms': '1000', 'cleanup.policy': 'delete,compact' });
      assert.equal((await alter([{ name: 'cleanup.policy', configOperation: SUBTRACT, value: 'delete' }])).responses[0].errorCode, 0);
      assert.deepEqual(overrides(), { 'retention.ms': '1000', 'cleanup.policy': 'compact' });
      assert.equal((await alter([{ name: 'retention.ms', configOperation: DELETE, value: null }], true)).responses[0].errorCode, 0);
      assert.deepEqual(overrides(), { 'retention.ms': '1000', 'cleanup.policy': 'compact' });
      assert.equal((await alter([{ name: 'retention.ms', configOperation: DELETE, value: null }])).responses[0].errorCode, 0);
      assert.deepEqual(overrides(), { 'cleanup.policy': 'compact' });

      const bad = await alter([{ name: 'retention.ms', configOperation: APPEND, value: '5' }]);
      assert.equal(bad.responses[0].errorCode, ErrorCode.INVALID_CONFIG);
      assert.match(bad.responses[0].errorMessage!, /not LIST/);
      assert.equal((await alter([{ name: 'made.up', configOperation: SET, value: '5' }])).responses[0].errorCode, ErrorCode.INVALID_CONFIG);
      assert.equal((await alter([{ name: 'retention.ms', configOperation: 9, value: '5' }])).responses[0].errorCode, ErrorCode.INVALID_REQUEST);
      assert.equal(
        (await alter([{ name: 'retention.ms', configOperation: SET, value: '5' }, { name: 'retention.ms', configOperation: SET, value: '6' }])).responses[0].errorCode,
        ErrorCode.INVALID_REQUEST,
      );
      assert.equal((await alter([{ name: 'retention.ms', configOperation: SET, value: '5' }], false, 'missing')).responses[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const brokerAlter = await alter([{ name: 'message.max.bytes', configOperation: SET, value: '5' }], false, '1', 4);
      assert.equal(brokerAlter.responses[0].errorCode, ErrorCode.INVALID_REQUEST);
      assert.match(brokerAlter.responses[0].errorMessage!, /Cannot update these configs dynamically: message.max.bytes/);
      assert.deepEqual(overrides(), { 'cleanup.policy': 'compact' });

      const legacy = await c.request(ApiKey.AlterConfigs, 2, {
        resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'segment.ms', value: '60000' }] }],
        validateOnly: false,
      });
      assert.equal(legacy.responses[0].errorCode, 0);
      assert.deepEqual(overrides(), { 'segment.ms': '60000' });
    });
  });
});

test('CreateTopics below v2 and DescribeConfigs v0 are not offered (Kafka 4 minimums)', async () => {
  await withBroker({}, async (b) => {
    await withRaw(b, async (c) => {
      const versions = await c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
      const range = (k: number) => {
        const e = versions.apiKeys.find((a) => a.apiKey === k)!;
        return [e.minVersion, e.maxVersion];
      };
      assert.deepEqual(range(ApiKey.CreateTopics), [2, 7]);
      assert.deepEqual(range(ApiKey.DeleteTopics), [1, 6]);
      assert.deepEqual(range(ApiKey.DescribeConfigs), [1, 4]);
      assert.deepEqual(range(ApiKey.DescribeLogDirs), [1, 4]);
      assert.deepEqual(range(ApiKey.DescribeCluster), [0, 1]);
    });
    const r = await run('kcat', ['-b', b.bootstrap, '-L', '-J', '-m', '5'], { timeoutMs: 20_000 });
    assert.equal(r.code, 0);
  });
});
