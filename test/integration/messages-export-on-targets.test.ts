// messages:export and messages:import on every target: a topic exported as JSON lines, imported
// into a new topic and exported again gives the same file byte for byte (null and empty keys and
// values, binary values, repeated header keys, timestamps), as does a hand-written export with
// what no kafkajs producer can write (a header key that is not UTF-8, a null header value). CSV is
// written for spreadsheets; a line that is no record stops an import saying where.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { forEachTarget } from '../support/targets';
import { makeCore, type TestCore } from './support';
import { createTopicsReady } from '../support/create-topics';

let app: TestCore;
before(() => {
  app = makeCore();
});
after(async () => {
  await app.close();
});

const BASE = Date.UTC(2026, 5, 1);

async function exported(clusterId: string, topic: string, format = 'jsonl'): Promise<{ file: string; text: string; records: number }> {
  const end = await app.stream('messages:export', { clusterId, topic, start: { from: 'oldest' }, stop: { at: 'end' }, format }).done;
  assert.ok(end.ok, JSON.stringify(end.error));
  const { file, path, records } = end.value as { file: string; path: string; records: number };
  assert.equal(path, join(app.dir, 'exports', file));
  return { file, text: readFileSync(path, 'utf8'), records };
}

async function imported(clusterId: string, topic: string, file: string) {
  return app.stream('messages:import', { clusterId, topic, file }).done;
}

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  test('export, import into a new topic, export again: the same bytes; CSV; a bad line stops the import', async () => {
    const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    const [source, copy, crafted] = ['source', 'copy', 'crafted'].map((t) => `export-${t}-${target.name}`) as [string, string, string];
    try {
      await createTopicsReady(admin, [source, copy, crafted].map((topic) => ({ topic, numPartitions: 2, replicationFactor: Math.min(3, target.brokers) })));
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: source,
        messages: [
          { partition: 0, key: null, value: 'no key', timestamp: String(BASE) },
          { partition: 0, key: '', value: '', timestamp: String(BASE + 1) },
          { partition: 1, key: 'tombstone', value: null, timestamp: String(BASE + 2) },
          { partition: 1, key: Buffer.from([0xff, 0x00]), value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x80]), timestamp: String(BASE + 3), headers: { h: [Buffer.from('one'), Buffer.from([0xc3, 0x28])], empty: '' } },
          { partition: 0, key: 'json', value: JSON.stringify({ a: [1, 'two'] }), timestamp: String(BASE + 4) },
        ],
      });
      await producer.disconnect();
      const profile = (await app.call('clusters:save', { name: `${target.title} export`, bootstrapServers: target.bootstrap })).value as { id: string };
      const clusterId = profile.id;

      const first = await exported(clusterId, source);
      assert.equal(first.records, 5);
      const lines = first.text.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => [l.partition, l.offset, l.key, l.value]), [
        [0, 0, null, { utf8: 'no key' }],
        [0, 1, { utf8: '' }, { utf8: '' }],
        [1, 0, { utf8: 'tombstone' }, null],
        [1, 1, { base64: Buffer.from([0xff, 0x00]).toString('base64') }, { base64: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x80]).toString('base64') }],
        [0, 2, { utf8: 'json' }, { utf8: '{"a":[1,"two"]}' }],
      ]);
      assert.deepEqual(lines[3].headers, [{ key: { utf8: 'h' }, value: { utf8: 'one' } }, { key: { utf8: 'h' }, value: { base64: Buffer.from([0xc3, 0x28]).toString('base64') } }, { key: { utf8: 'empty' }, value: { utf8: '' } }]);

      const done = await imported(clusterId, copy, first.file);
      assert.ok(done.ok, JSON.stringify(done.error));
      assert.deepEqual((done.value as { produced: number; partitions: unknown }).partitions, [{ partition: 0, first: 0, last: 2 }, { partition: 1, first: 0, last: 1 }]);
      assert.equal((await exported(clusterId, copy)).text, first.text, 'exported again, byte for byte');

      const handMade = [
        { partition: 1, offset: 0, timestamp: BASE + 9, timestampType: 'CreateTime', key: { base64: 'AP8=' }, value: null, headers: [{ key: { base64: '/w==' }, value: null }, { key: { utf8: 'x' }, value: { utf8: '' } }] },
      ].map((l) => JSON.stringify(l) + '\n').join('');
      writeFileSync(join(app.dir, 'exports', 'hand-made.jsonl'), handMade);
      assert.ok((await imported(clusterId, crafted, 'hand-made.jsonl')).ok);
      assert.equal((await exported(clusterId, crafted)).text, handMade);

      const csv = await exported(clusterId, source, 'csv');
      assert.deepEqual(csv.text.split('\n').slice(0, 3), ['partition,offset,timestamp,key,value,headers', `0,0,${new Date(BASE).toISOString()},,no key,`, `0,1,${new Date(BASE + 1).toISOString()},,,`]);
      assert.ok(csv.text.includes('"{""a"":[1,""two""]}"'), 'quotes doubled inside a quoted cell');

      writeFileSync(join(app.dir, 'exports', 'bad.jsonl'), handMade + '{"partition": 0}\n');
      const bad = await imported(clusterId, crafted, 'bad.jsonl');
      assert.equal(bad.error?.code, 'INVALID_INPUT');
      assert.match(bad.error?.message ?? '', /^Line 2 of "bad.jsonl" is not a record of a Brook export \(offset: /);
      const elsewhere = await app.stream('messages:import', { clusterId, topic: crafted, file: '../secret.key' }).done;
      assert.equal(elsewhere.error?.code, 'INVALID_INPUT', 'only files of the exports folder, by name');
      const tail = await app.stream('messages:export', { clusterId, topic: source, start: { from: 'oldest' }, stop: { at: 'never' } }).done;
      assert.equal(tail.error?.code, 'INVALID_INPUT', 'an export ends');
    } finally {
      await admin.deleteTopics({ topics: [source, copy, crafted] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
