// kafka-python and confluent-kafka (Debian's packages, run with /usr/bin/python3) against the sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTestBroker, type TestBroker } from '../support/broker';
import { runOk } from '../support/run';

const clients = join(import.meta.dirname, 'clients');
let broker: TestBroker;
before(async () => {
  broker = await startTestBroker();
});
after(() => broker.stop());

const python = async (script: string, topic: string) =>
  JSON.parse(await runOk('/usr/bin/python3', [join(clients, script), broker.bootstrap, topic], { timeoutMs: 60_000 }));

test('kafka-python: admin, producer, consumer with assign() and seek()', async () => {
  const out = await python('kafka_python_client.py', 'kafka-python-topic');
  assert.deepEqual(out.topics, ['kafka-python-topic']);
  assert.equal(out.partitions, 3);
  assert.deepEqual(out.produced, [
    [0, 0],
    [1, 0],
    [2, 0],
  ]);
  // partition 1 holds i = 1, 4, 7, ... at offsets 0, 1, 2, ...; offset 4 is i = 13
  assert.deepEqual(out.seek[0], [4, 'k13', 'v13', [['n', '13']]]);
  assert.equal(out.seek.length, 6);
  assert.equal(out.first, 0);
  assert.equal(out.end, 10);
  assert.equal(out.after_delete, false);
});

test('confluent-kafka: idempotent producer, consumer with assign()', async () => {
  const out = await python('confluent_client.py', 'confluent-topic');
  assert.deepEqual(out.errors, []);
  assert.equal(out.delivered.length, 100);
  assert.equal(out.consumed.length, 40);
  assert.deepEqual(out.consumed[0], [10, 'k21', 'value-21', { i: '21' }]);
});
