// Records as they come on real topics, on every target: written by kcat with each of Kafka's
// codecs, a compacted topic's tombstones, a topic whose log start offset moved, a 10 MB value (a
// preview in the stream, all of it from messages:record), and transaction markers, which a read
// never shows (read_committed also leaves out the aborted transaction's records).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { RECORD_PREVIEW_BYTES, type ReadSummary, type TopicRecord } from '../../shared/model';
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

const text = (b: { base64: string } | null) => (b === null ? null : Buffer.from(b.base64, 'base64').toString('utf8'));

async function read(clusterId: string, topic: string, rest: Record<string, unknown> = {}): Promise<{ records: TopicRecord[]; summary: ReadSummary }> {
  const run = app.stream<TopicRecord[]>('messages:read', { clusterId, topic, stop: { at: 'end' }, start: { from: 'oldest' }, ...rest });
  const end = await run.done;
  assert.ok(end.ok, JSON.stringify(end.error));
  return { records: run.chunks.flat(), summary: end.value as ReadSummary };
}

function kafkaFor(bootstrap: string[]) {
  const kafka = new Kafka({ brokers: bootstrap, logCreator: silentKafkaLog });
  return { kafka, admin: kafka.admin() };
}

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  const rf = () => Math.min(3, target.brokers);

  test('kcat with every codec, tombstones of a compacted topic, a moved log start, a 10 MB value', async () => {
    const { kafka, admin } = kafkaFor(target.bootstrap);
    await admin.connect();
    const [codecs, compacted, moved, big] = ['codecs', 'compacted', 'moved', 'big'].map((t) => `${t}-${target.name}`) as [string, string, string, string];
    try {
      await createTopicsReady(admin, [
          { topic: codecs, numPartitions: 1, replicationFactor: rf() },
          { topic: compacted, numPartitions: 1, replicationFactor: rf(), configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
          { topic: moved, numPartitions: 1, replicationFactor: rf() },
          { topic: big, numPartitions: 1, replicationFactor: rf(), configEntries: [{ name: 'max.message.bytes', value: String(12 * 1024 * 1024) }] },
        ]);
      const profile = (await app.call('clusters:save', { name: `${target.title} records`, bootstrapServers: target.bootstrap })).value as { id: string };
      const clusterId = profile.id;

      const names = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
      // librdkafka sends a batch uncompressed when compressing does not make it smaller, as it may
      // not for one short record alone: the values are long and repetitive.
      const codecValue = (codec: string, i: number) => `${codec}-value-${i}-${'abc'.repeat(100)}`;
      for (const codec of names) {
        // Not spawnSync: the sandbox may answer from this very process.
        const kcat = spawn('kcat', ['-P', '-b', target.bootstrap.join(','), '-t', codecs, '-z', codec, '-K', ':']);
        let stderr = '';
        kcat.stderr.on('data', (d: Buffer) => (stderr += d));
        kcat.stdin.end([1, 2, 3].map((i) => `${codec}:${codecValue(codec, i)}`).join('\n') + '\n');
        const [status] = await once(kcat, 'exit');
        assert.equal(status, 0, stderr);
      }
      const byCodec = (await read(clusterId, codecs)).records;
      assert.deepEqual(byCodec.map((r) => [text(r.key), r.compression, text(r.value)]), names.flatMap((c) => [1, 2, 3].map((i) => [c, c, codecValue(c, i)])));

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: compacted, messages: [{ key: 'a', value: '1' }, { key: 'a', value: null }, { key: 'b', value: '' }] });
      const tombstones = (await read(clusterId, compacted)).records;
      assert.deepEqual(tombstones.map((r) => [text(r.key), r.value === null ? null : text(r.value)]), [['a', '1'], ['a', null], ['b', '']], 'a tombstone is null, an empty value is empty');

      await producer.send({ topic: moved, messages: Array.from({ length: 6 }, (_, i) => ({ value: `m${i}` })) });
      await admin.fetchTopicMetadata({ topics: [moved] });
      await admin.deleteTopicRecords({ topic: moved, partitions: [{ partition: 0, offset: '4' }] });
      const fromOldest = await read(clusterId, moved);
      assert.deepEqual(fromOldest.records.map((r) => text(r.value)), ['m4', 'm5']);
      assert.deepEqual(fromOldest.summary.partitions.map((p) => [p.from, p.to, p.position]), [[4, 6, 6]]);
      const clamped = await read(clusterId, moved, { start: { from: 'offset', offset: 1 } });
      assert.deepEqual(clamped.records.map((r) => r.offset), [4, 5], 'an offset before the log start is read from the log start');

      const value = Buffer.alloc(10 * 1024 * 1024, 'v');
      const bigProducer = kafka.producer();
      await bigProducer.connect();
      await bigProducer.send({ topic: big, messages: [{ key: 'big', value }], compression: 0 });
      await bigProducer.disconnect();
      const [preview] = (await read(clusterId, big)).records;
      assert.equal(preview?.value?.size, value.length);
      assert.equal(Buffer.from(preview!.value!.base64, 'base64').length, RECORD_PREVIEW_BYTES, 'the stream carries a preview');
      const full = await app.call('messages:record', { id: clusterId, topic: big, partition: 0, offset: 0 });
      const fullValue = (full.value as TopicRecord).value!;
      assert.ok(Buffer.from(fullValue.base64, 'base64').equals(value), 'messages:record answers all of it');
      await producer.disconnect();
    } finally {
      await admin.deleteTopics({ topics: [codecs, compacted, moved, big] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  test('transaction markers are never shown; read_committed leaves out an aborted transaction', async () => {
    const { kafka, admin } = kafkaFor(target.bootstrap);
    await admin.connect();
    const topic = `txn-${target.name}`;
    try {
      await createTopicsReady(admin, [{ topic, numPartitions: 1, replicationFactor: Math.min(3, target.brokers) }]);
      const producer = kafka.producer({ transactionalId: `brook-test-${target.name}`, idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      for (const [value, commit] of [['kept', true], ['dropped', false], ['kept-too', true]] as const) {
        const txn = await producer.transaction();
        await txn.send({ topic, messages: [{ value }] });
        await (commit ? txn.commit() : txn.abort());
      }
      await producer.disconnect();
      // Kafka writes a transaction's markers after EndTxn answers: wait for the last one (offset 5).
      await until('the last commit marker to be written', async () => (await admin.fetchTopicOffsets(topic))[0]?.high === '6');
      const profile = (await app.call('clusters:save', { name: `${target.title} txn`, bootstrapServers: target.bootstrap })).value as { id: string };
      const all = await read(profile.id, topic);
      assert.deepEqual(all.records.map((r) => [text(r.value), r.offset, r.transactional]), [['kept', 0, true], ['dropped', 2, true], ['kept-too', 4, true]], 'markers at offsets 1, 3 and 5 are not records');
      assert.deepEqual(all.summary.partitions.map((p) => [p.to, p.position, p.scanned]), [[6, 6, 3]]);
      const committed = await read(profile.id, topic, { isolation: 'read_committed' });
      assert.deepEqual(committed.records.map((r) => text(r.value)), ['kept', 'kept-too']);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
