// messages:read, messages:record and messages:produce on every target: the sandbox, Kafka 4.3.1
// and Kafka with 3 brokers must show the same records from every start (oldest, newest, offset,
// timestamp, a group's committed offsets), merged in timestamp order, found by the same filters;
// a tail sees what is produced while it runs; browsing never joins or creates a group.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kafka, type Admin } from 'kafkajs';
import type { ReadSummary, TopicRecord } from '../../shared/model';
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

const BASE = Date.UTC(2026, 0, 1);
const text = (b: { base64: string } | null) => (b === null ? null : Buffer.from(b.base64, 'base64').toString('utf8'));

/** Every record of a finished read, and its summary; fails with the stream's error. */
async function read(clusterId: string, topic: string, rest: Record<string, unknown>): Promise<{ records: TopicRecord[]; summary: ReadSummary }> {
  const run = app.stream<TopicRecord[]>('messages:read', { clusterId, topic, stop: { at: 'end' }, start: { from: 'oldest' }, ...rest });
  const end = await run.done;
  assert.ok(end.ok, JSON.stringify(end.error));
  return { records: run.chunks.flat(), summary: end.value as ReadSummary };
}

/** What browsing must leave as it was: the groups and the offsets topic's end offsets. */
async function groupsState(admin: Admin) {
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
  const offsets = await admin.fetchTopicOffsets('__consumer_offsets').catch(() => []);
  return { groups, offsetsEnd: offsets.reduce((n, p) => n + Number(p.high), 0) };
}

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  test('messages:read from every start, merged by time, filtered; messages:record; messages:produce; no group joined or created', async () => {
    const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    const topic = `messages-${target.name}`;
    const group = `messages-position-${target.name}`;
    try {
      await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: Math.min(3, target.brokers) }]);
      const producer = kafka.producer();
      await producer.connect();
      // Record i goes to partition i % 3 at time BASE + i s: merged by time they read 0..29.
      await producer.send({
        topic,
        messages: Array.from({ length: 30 }, (_, i) => ({
          partition: i % 3,
          timestamp: String(BASE + i * 1000),
          key: `k${i}`,
          value: i === 13 ? null : JSON.stringify({ n: i, name: `rec-${i}` }),
          headers: { trace: `t${i}`, ...(i === 7 ? { bin: Buffer.from([0, 255, 1]) } : {}) },
        })),
      });
      await producer.disconnect();
      await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '8' }, { partition: 1, offset: '2' }] });
      const profile = (await app.call('clusters:save', { name: target.title, bootstrapServers: target.bootstrap })).value as { id: string };
      const clusterId = profile.id;
      const before = await groupsState(admin);

      const all = await read(clusterId, topic, {});
      assert.deepEqual(all.records.map((r) => text(r.key)), Array.from({ length: 30 }, (_, i) => `k${i}`), 'merged in timestamp order');
      const r7 = all.records[7]!;
      assert.deepEqual([r7.partition, r7.offset, r7.timestamp, r7.timestampType, r7.compression, r7.transactional], [1, 2, BASE + 7000, 'CreateTime', 'none', false]);
      assert.deepEqual(r7.headers.map((h) => [text(h.key), h.value && Buffer.from(h.value.base64, 'base64').toString('hex')]), [['trace', Buffer.from('t7').toString('hex')], ['bin', '00ff01']]);
      assert.equal(all.records[13]!.value, null, 'a null value stays null');
      assert.ok(r7.leaderEpoch >= 0 && r7.batchBytes > 61 && r7.batchRecords >= 1, JSON.stringify(r7));
      assert.deepEqual({ scanned: all.summary.scanned, matched: all.summary.matched, skipped: all.summary.skipped, stoppedBy: all.summary.stoppedBy }, { scanned: 30, matched: 30, skipped: 0, stoppedBy: 'end' });
      assert.deepEqual(all.summary.partitions.map((p) => [p.partition, p.from, p.to, p.position, p.scanned, p.removed]), [[0, 0, 10, 10, 10, 0], [1, 0, 10, 10, 10, 0], [2, 0, 10, 10, 10, 0]]);

      const keys = async (rest: Record<string, unknown>) => (await read(clusterId, topic, rest)).records.map((r) => text(r.key));
      assert.deepEqual(await keys({ start: { from: 'newest', count: 4 } }), ['k26', 'k27', 'k28', 'k29']);
      assert.deepEqual(await keys({ start: { from: 'offset', offset: 7 }, partitions: [1] }), ['k22', 'k25', 'k28']);
      assert.deepEqual(await keys({ start: { from: 'timestamp', timestamp: BASE + 26_500 } }), ['k27', 'k28', 'k29']);
      assert.deepEqual(await keys({ start: { from: 'oldest' }, stop: { at: 'count', count: 3 } }), ['k0', 'k1', 'k2']);
      // The group's committed offsets: partition 0 from 8 (records 24, 27), 1 from 2 (7 ... 28), 2 from its start.
      const fromGroup = await keys({ start: { from: 'group', groupId: group } });
      assert.deepEqual(fromGroup.filter((k) => Number(k!.slice(1)) % 3 !== 2), ['k7', 'k10', 'k13', 'k16', 'k19', 'k22', 'k24', 'k25', 'k27', 'k28']);
      assert.equal(fromGroup.length, 20);

      const found = async (filter: unknown) => (await read(clusterId, topic, { filter })).records.map((r) => text(r.key)).sort();
      assert.deepEqual(await found({ conditions: [{ field: 'value', op: 'contains', value: 'rec-2' }] }), ['k2', 'k20', 'k21', 'k22', 'k23', 'k24', 'k25', 'k26', 'k27', 'k28', 'k29']);
      assert.deepEqual(await found({ conditions: [{ field: 'value', path: '$.n', op: 'gt', value: '26' }] }), ['k27', 'k28', 'k29']);
      assert.deepEqual(await found({ conditions: [{ field: 'header', header: 'trace', op: 'equals', value: 'T7' }], ignoreCase: true }), ['k7']);
      assert.deepEqual(await found({ match: 'or', conditions: [{ field: 'key', op: 'regex', value: '^k1[0-2]$' }, { field: 'partition', op: 'equals', value: '2' }, { field: 'offset', op: 'gt', value: '8' }] }).then((k) => k.length), 14, 'k10-k12, the 10 of partition 2 (k11, k29 among them), offset 9 of each');
      const search = await read(clusterId, topic, { filter: { conditions: [{ field: 'value', path: '$.n', op: 'exists' }] }, valueDecoder: 'json' });
      assert.deepEqual([search.summary.matched, search.summary.skipped], [29, 0], 'a null value is no match, and not undecodable');
      const ints = await read(clusterId, topic, { filter: { conditions: [{ field: 'key', op: 'equals', value: '1' }] }, keyDecoder: 'int32' });
      assert.deepEqual([ints.summary.matched, ints.summary.skipped], [0, 30], 'keys that are not 4 bytes are counted as undecodable');

      const badRegex = app.stream('messages:read', { clusterId, topic, start: { from: 'oldest' }, stop: { at: 'end' }, filter: { conditions: [{ field: 'value', op: 'regex', value: '(' }] } });
      const refused = await badRegex.done;
      assert.equal(refused.error?.code, 'INVALID_INPUT');
      assert.match(refused.error?.message ?? '', /^Condition 1: not a regular expression/);
      assert.deepEqual(Object.keys(refused.error?.fields ?? {}), ['filter.conditions.0']);
      const missing = await app.stream('messages:read', { clusterId, topic: 'no-such-topic', start: { from: 'oldest' }, stop: { at: 'end' } }).done;
      assert.equal(missing.error?.code, 'UNKNOWN_TOPIC');

      const full = await app.call('messages:record', { id: clusterId, topic, partition: 1, offset: 2 });
      assert.deepEqual(full.value, r7);
      const gone = await app.call('messages:record', { id: clusterId, topic, partition: 1, offset: 99 });
      assert.equal(gone.error?.code, 'NOT_FOUND');

      assert.deepEqual(await groupsState(admin), before, 'browsing joined or created no group and committed nothing');

      const produced = app.stream<{ partition: number; offset: number }[]>('messages:produce', {
        clusterId,
        topic,
        draft: { partition: 2, key: { encoding: 'text', data: 'p{{seq}}' }, value: { encoding: 'json', data: '{"seq":{{seq}},"id":"{{uuid}}"}' }, headers: [{ key: 'h', value: { encoding: 'hex', data: '00ff' } }], compression: 'gzip', repeat: 12 },
      });
      const produceEnd = await produced.done;
      assert.ok(produceEnd.ok, JSON.stringify(produceEnd.error));
      assert.deepEqual(produced.chunks.flat().map((p) => [p.partition, p.offset]), Array.from({ length: 12 }, (_, i) => [2, 10 + i]));
      const back = await read(clusterId, topic, { partitions: [2], start: { from: 'offset', offset: 10 } });
      assert.deepEqual(back.records.map((r) => [text(r.key), JSON.parse(text(r.value)!).seq, r.compression, r.headers[0]?.value?.base64]), Array.from({ length: 12 }, (_, i) => [`p${i + 1}`, i + 1, 'gzip', Buffer.from([0, 255]).toString('base64')]));
      const badJson = await app.stream('messages:produce', { clusterId, topic, draft: { key: null, value: { encoding: 'json', data: '{"a": {{seq}' } } }).done;
      assert.equal(badJson.error?.code, 'INVALID_INPUT');
      assert.deepEqual(Object.keys(badJson.error?.fields ?? {}), ['draft.value']);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  test('messages:read as a live tail: caught up, then the records produced meanwhile; cancel ends it; the topic deleted ends it', async () => {
    const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    const topic = `tail-${target.name}`;
    const producer = kafka.producer();
    let deleted = false;
    try {
      await createTopicsReady(admin, [{ topic, numPartitions: 2, replicationFactor: Math.min(3, target.brokers) }]);
      await producer.connect();
      await producer.send({ topic, messages: [{ partition: 0, value: 'old' }] });
      const profile = (await app.call('clusters:save', { name: `${target.title} tail`, bootstrapServers: target.bootstrap })).value as { id: string };
      const tail = app.stream<TopicRecord[]>('messages:read', { clusterId: profile.id, topic, start: { from: 'newest', count: 10 }, stop: { at: 'never' } });
      await until('the newest record, then caught up', () => tail.chunks.flat().length === 1 && tail.progress.some((p) => (p as { caughtUp: boolean }).caughtUp));
      await producer.send({ topic, messages: [{ partition: 0, value: 'new-0' }, { partition: 1, value: 'new-1' }] });
      await until(() => `the records produced while tailing; got ${JSON.stringify(tail.chunks.flat().map((r) => text(r.value)))}`, () => tail.chunks.flat().length === 3);
      assert.deepEqual(tail.chunks.flat().map((r) => text(r.value)).sort(), ['new-0', 'new-1', 'old']);
      tail.cancel();
      assert.equal((await tail.done).error?.code, 'CANCELLED');

      const orphan = app.stream<TopicRecord[]>('messages:read', { clusterId: profile.id, topic, start: { from: 'now' }, stop: { at: 'never' } });
      await until('a second tail caught up', () => orphan.progress.some((p) => (p as { caughtUp: boolean }).caughtUp));
      // From now, unfiltered: bounded reads merge partitions by time, a tail must not.
      await producer.send({ topic, messages: [{ partition: 1, value: 'after-now' }] });
      await until('the record produced after "now"', () => orphan.chunks.flat().some((r) => text(r.value) === 'after-now'));
      await admin.deleteTopics({ topics: [topic] });
      deleted = true;
      const ended = await orphan.done;
      assert.equal(ended.error?.code, 'UNKNOWN_TOPIC', `a topic deleted while tailed ends the tail saying so: ${JSON.stringify(ended.error)}`);
    } finally {
      await producer.disconnect();
      // kafkajs retries deleting a topic that is gone for seconds.
      if (!deleted) await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
