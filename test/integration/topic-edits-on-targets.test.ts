// Changing topics on every target: the sandbox, Kafka 4.3.1 and Kafka with 3 brokers must add
// partitions, delete records and set or reset configs alike, and refuse alike, in Kafka's words.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka, type Admin } from 'kafkajs';
import type { PurgeResult, TopicConfig, TopicConfigs, TopicDetail } from '../../shared/model';
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

/** A topic of `partitions` with `perPartition` records in each, made with kafkajs, and a profile for the target. */
async function setUp(target: Target, topic: string, partitions: number, perPartition: number, configs: Record<string, string> = {}): Promise<{ id: string; admin: Admin; done(): Promise<void> }> {
  const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor: Math.min(3, target.brokers), configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
    // kafkajs's wait for leaders can fail on a topic's metadata that is not everywhere yet: the describe below waits instead.
    waitForLeaders: false,
  });
  const profile = (await app.call('clusters:save', { name: `${target.title} ${topic}`, bootstrapServers: target.bootstrap })).value as { id: string };
  // Metadata names the leaders before each hosts its partition (3 brokers): wait until all answer for them.
  await until(`every leader of ${topic} to host it`, async () => {
    const detail = (await app.call('topics:describe', { id: profile.id, topic })).value as TopicDetail | undefined;
    return detail?.partitions.length === partitions && detail.partitions.every((p) => p.highWatermark >= 0);
  });
  if (perPartition > 0) {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: partitions * perPartition }, (_, i) => ({ partition: i % partitions, key: `k${i}`, value: `v${i}` })) });
    await producer.disconnect();
  }
  return {
    id: profile.id,
    admin,
    async done() {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

const describe = async (id: string, topic: string) => (await app.call('topics:describe', { id, topic })).value as TopicDetail;
const config = (configs: TopicConfigs, name: string): TopicConfig => configs.configs.find((c) => c.name === name)!;

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  test('topics:addPartitions checks with validateOnly, adds, and says INVALID_PARTITIONS beside the count in Kafka\'s words', async () => {
    const topic = `grow-${target.name}`;
    const { id, done } = await setUp(target, topic, 2, 0);
    try {
      assert.deepEqual((await app.call('topics:addPartitions', { id, topic, count: 5, validateOnly: true })).value, { partitions: 5, added: false });
      assert.equal((await describe(id, topic)).partitions.length, 2, 'validateOnly adds nothing');
      assert.deepEqual((await app.call('topics:addPartitions', { id, topic, count: 5 })).value, { partitions: 5, added: true });
      const grown = await describe(id, topic);
      assert.deepEqual(grown.partitions.map((p) => [p.partition, p.leader >= 0, p.replicas.length, p.highWatermark]), [0, 1, 2, 3, 4].map((p) => [p, true, Math.min(3, target.brokers), 0]));

      const same = await app.call('topics:addPartitions', { id, topic, count: 5, validateOnly: true });
      assert.equal(same.error?.code, 'INVALID_INPUT');
      assert.equal(same.error?.fields?.count, 'Topic already has 5 partition(s). (INVALID_PARTITIONS)');
      const fewer = await app.call('topics:addPartitions', { id, topic, count: 3 });
      assert.equal(fewer.error?.fields?.count, `The topic ${topic} currently has 5 partition(s); 3 would not be an increase. (INVALID_PARTITIONS)`);
      const missing = await app.call('topics:addPartitions', { id, topic: `${topic}-nope`, count: 3 });
      assert.equal(missing.error?.code, 'UNKNOWN_TOPIC', JSON.stringify(missing));
    } finally {
      await done();
    }
  });

  test('topics:purge previews what goes, deletes exactly that, and the log start offsets after match the preview', async () => {
    const topic = `purge-${target.name}`;
    const { id, done } = await setUp(target, topic, 3, 10);
    try {
      const preview = (await app.call('topics:purge', { id, topic, offsets: { 0: 4, 1: 0 }, preview: true })).value as PurgeResult;
      assert.deepEqual(preview, {
        topic,
        applied: false,
        deleted: 4,
        partitions: [
          { partition: 0, logStartOffset: 0, highWatermark: 10, newLogStartOffset: 4, deleted: 4 },
          { partition: 1, logStartOffset: 0, highWatermark: 10, newLogStartOffset: 0, deleted: 0 },
        ],
      });
      assert.deepEqual((await describe(id, topic)).partitions.map((p) => p.logStartOffset), [0, 0, 0], 'a preview deletes nothing');
      const applied = (await app.call('topics:purge', { id, topic, offsets: { 0: 4, 1: 0 } })).value as PurgeResult;
      assert.deepEqual(applied, { ...preview, applied: true });
      assert.deepEqual((await describe(id, topic)).partitions.map((p) => p.logStartOffset), [4, 0, 0]);

      const everything = (await app.call('topics:purge', { id, topic, preview: true })).value as PurgeResult;
      assert.deepEqual(everything.partitions.map((p) => [p.logStartOffset, p.newLogStartOffset, p.deleted]), [[4, 10, 6], [0, 10, 10], [0, 10, 10]]);
      assert.equal(everything.deleted, 26);
      const offsets = Object.fromEntries(everything.partitions.map((p) => [p.partition, p.newLogStartOffset]));
      const purged = (await app.call('topics:purge', { id, topic, offsets })).value as PurgeResult;
      assert.deepEqual(purged, { ...everything, applied: true });
      const after = await describe(id, topic);
      assert.deepEqual(after.partitions.map((p) => p.logStartOffset), everything.partitions.map((p) => p.newLogStartOffset));
      assert.deepEqual(after.partitions.map((p) => p.highWatermark), [10, 10, 10]);

      const past = await app.call('topics:purge', { id, topic, offsets: { 0: 11 }, preview: true });
      assert.equal(past.error?.fields?.['offsets.0'], 'Past the high watermark, 10 (OFFSET_OUT_OF_RANGE)');
      const nowhere = await app.call('topics:purge', { id, topic, offsets: { 7: 1 }, preview: true });
      assert.equal(nowhere.error?.fields?.['offsets.7'], `${topic} has no partition 7 (UNKNOWN_TOPIC_OR_PARTITION)`);
    } finally {
      await done();
    }
  });

  test('topics:purge on a compacted topic: POLICY_VIOLATION, in the preview and from Kafka itself', async () => {
    const topic = `compacted-${target.name}`;
    const { id, done } = await setUp(target, topic, 1, 5, { 'cleanup.policy': 'compact' });
    try {
      const preview = await app.call('topics:purge', { id, topic, preview: true });
      const words = `Records of partition ${topic}-0 can not be deleted due to the configured policy (POLICY_VIOLATION)`;
      assert.equal(preview.error?.message, words, JSON.stringify(preview));
      assert.match(preview.error?.hint ?? '', /cleanup\.policy/);
      // Without the preview, Kafka answers for itself.
      const applied = await app.call('topics:purge', { id, topic, offsets: { 0: 2 } });
      assert.equal(applied.error?.message, words, JSON.stringify(applied));
      assert.deepEqual((await describe(id, topic)).partitions.map((p) => p.logStartOffset), [0], 'nothing was deleted');
    } finally {
      await done();
    }
  });

  test('topics:configs and topics:alterConfigs: values and sources in Kafka\'s words, set then reset, refusals beside the value', async () => {
    const topic = `configs-${target.name}`;
    const { id, done } = await setUp(target, topic, 1, 0, { 'retention.ms': '3600000' });
    try {
      const before = (await app.call('topics:configs', { id, topic })).value as TopicConfigs;
      assert.ok(before.configs.length > 20, `every config of the topic: ${before.configs.length}`);
      assert.deepEqual(config(before, 'retention.ms'), { name: 'retention.ms', value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG', readOnly: false, sensitive: false, type: 'LONG' });
      assert.deepEqual(config(before, 'cleanup.policy'), { name: 'cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG', readOnly: false, sensitive: false, type: 'LIST' });
      assert.equal(config(before, 'min.insync.replicas').source, 'DYNAMIC_DEFAULT_BROKER_CONFIG');

      const checked = (await app.call('topics:alterConfigs', { id, topic, changes: [{ name: 'cleanup.policy', value: 'compact,delete' }], validateOnly: true })).value as TopicConfigs;
      assert.equal(config(checked, 'cleanup.policy').value, 'delete', 'validateOnly changes nothing');
      const set = (await app.call('topics:alterConfigs', { id, topic, changes: [{ name: 'cleanup.policy', value: 'compact,delete' }] })).value as TopicConfigs;
      assert.deepEqual(config(set, 'cleanup.policy'), {
        name: 'cleanup.policy', value: 'compact,delete', source: 'DYNAMIC_TOPIC_CONFIG', readOnly: false, sensitive: false, type: 'LIST',
        inherited: { name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' },
      });
      const reset = (await app.call('topics:alterConfigs', { id, topic, changes: [{ name: 'retention.ms', reset: true }, { name: 'cleanup.policy', reset: true }] })).value as TopicConfigs;
      assert.deepEqual([config(reset, 'retention.ms').value, config(reset, 'retention.ms').source], ['604800000', 'DEFAULT_CONFIG']);
      assert.deepEqual([config(reset, 'cleanup.policy').value, config(reset, 'cleanup.policy').source], ['delete', 'DEFAULT_CONFIG']);
      const reread = (await app.call('topics:configs', { id, topic })).value as TopicConfigs;
      assert.deepEqual(config(reread, 'retention.ms'), config(reset, 'retention.ms'));

      const bad = await app.call('topics:alterConfigs', { id, topic, changes: [{ name: 'segment.ms', value: '1' }, { name: 'retention.ms', value: 'soon' }], validateOnly: true });
      assert.equal(bad.error?.fields?.['changes.1.value'], 'Invalid value soon for configuration retention.ms: Not a number of type LONG (INVALID_CONFIG)', JSON.stringify(bad));
      const unknown = await app.call('topics:alterConfigs', { id, topic, changes: [{ name: 'no.such.key', value: '1' }], validateOnly: true });
      assert.match(unknown.error?.fields?.['changes.0.value'] ?? '', /no\.such\.key.*\(INVALID_CONFIG\)$/, JSON.stringify(unknown));
      const missing = await app.call('topics:configs', { id, topic: `${topic}-nope` });
      assert.equal(missing.error?.code, 'UNKNOWN_TOPIC', JSON.stringify(missing));
    } finally {
      await done();
    }
  });
});
