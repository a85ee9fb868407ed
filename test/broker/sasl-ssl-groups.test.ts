// Consumer groups over SASL_SSL with SCRAM-SHA-512, client by client (kafkajs, kcat -G,
// kafka-python, confluent-kafka, the Java console consumer): the group reads what was produced and
// commits; after a few more records, the lag (ListOffsets latest minus the OffsetFetch committed
// offset, asked over the same listener) is exactly the number of records not yet read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alice, startSecureBroker, type SecureBroker } from '../support/secure-broker';
import { kafkaPythonConfig, librdkafkaConfig, writeJavaClientConfig, type ClientSecurity } from '../support/client-security';
import { ROUND_TRIP, committedAndLatest, javaRoundTrip, kafkajsRoundTrip, kcatRoundTrip, pythonRoundTrip } from '../support/group-roundtrip';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';

let sb: SecureBroker;
let scram: ClientSecurity;
before(async () => {
  sb = await startSecureBroker();
  scram = { protocol: 'SASL_SSL', caPath: sb.certs.caPath, scram: alice };
});
after(() => sb.stop());

const kafkajs = () => sb.kafkajs('SASL_SSL', { sasl: { mechanism: 'scram-sha-512', ...alice } });
const UNREAD = ['four', 'five'];

/** The group committed all it read; after UNREAD are produced, its lag is their count. */
async function assertLagCountsUnread(group: string, topic: string) {
  assert.deepEqual(await committedAndLatest(kafkajs(), group, topic), { committed: ROUND_TRIP.length, latest: ROUND_TRIP.length });
  const producer = kafkajs().producer();
  await producer.connect();
  await producer.send({ topic, messages: UNREAD.map((value) => ({ value, partition: 0 })) });
  await producer.disconnect();
  const { committed, latest } = await committedAndLatest(kafkajs(), group, topic);
  assert.equal(committed, ROUND_TRIP.length);
  assert.equal(latest - committed, UNREAD.length);
}

test('kafkajs: a consumer group over SASL_SSL (SCRAM-SHA-512) reads, commits, and its lag counts what is unread', async () => {
  assert.deepEqual(await kafkajsRoundTrip(kafkajs(), 'kafkajs-scram-group', 'kafkajs-scram'), ROUND_TRIP);
  await assertLagCountsUnread('kafkajs-scram', 'kafkajs-scram-group');
});

test('kcat -G: a balanced consumer over SASL_SSL (SCRAM-SHA-512) reads, commits, and its lag counts what is unread', async () => {
  assert.deepEqual(await kcatRoundTrip(scram, sb.addr('SASL_SSL'), 'kcat-scram-group', 'kcat-scram'), ROUND_TRIP);
  await assertLagCountsUnread('kcat-scram', 'kcat-scram-group');
});

for (const [client, config] of [
  ['kafka-python', () => kafkaPythonConfig(scram)],
  ['confluent', () => librdkafkaConfig(scram)],
] as const) {
  test(`${client}: a consumer group over SASL_SSL (SCRAM-SHA-512) reads, commits, and its lag counts what is unread`, async () => {
    const topic = `${client}-scram-group`;
    const out = await pythonRoundTrip(client, config(), sb.addr('SASL_SSL'), topic, `${client}-scram`);
    assert.deepEqual(out, { produced: 3, consumed: ROUND_TRIP, committed: 3 });
    await assertLagCountsUnread(`${client}-scram`, topic);
  });
}

test('Java clients (Kafka 4.3.1): the console consumer in a group over SASL_SSL (SCRAM-SHA-512) commits; kafka-consumer-groups shows the same lag', async (t) => {
  const avail = realKafkaAvailable();
  if (!avail.ok) return t.skip(avail.reason);
  const config = writeJavaClientConfig(join(sb.dir, 'java-scram.properties'), scram);
  assert.deepEqual(await javaRoundTrip(config, sb.addr('SASL_SSL'), 'java-scram-group', 'java-scram'), ROUND_TRIP);
  await assertLagCountsUnread('java-scram', 'java-scram-group');
  const described = await kafkaTool('kafka-consumer-groups', ['--bootstrap-server', sb.addr('SASL_SSL'), '--command-config', config, '--describe', '--group', 'java-scram']);
  assert.equal(described.code, 0, described.stderr);
  assert.match(described.stdout, /^java-scram\s+java-scram-group\s+0\s+3\s+5\s+2\s/m);
});
