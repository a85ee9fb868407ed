// SSL listeners with ssl.client.auth=required, client by client (kafkajs, kcat, kafka-python,
// confluent-kafka, the Java console tools): with a certificate the CA signed, each produces, reads in
// a consumer group and commits, and the broker holds the commit; without one, the same client is
// refused and the broker logs the failed TLS handshake.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSecureBroker, type SecureBroker } from '../support/secure-broker';
import { kafkaPythonConfig, kcatArgs, librdkafkaConfig, writeJavaClientConfig, type ClientSecurity } from '../support/client-security';
import { ROUND_TRIP, committedAndLatest, javaRoundTrip, kafkajsRoundTrip, kcatRoundTrip, pythonRoundTrip } from '../support/group-roundtrip';
import { run } from '../support/run';
import { realKafkaAvailable } from '../support/kafka-target';

let sb: SecureBroker;
let withCert: ClientSecurity;
let withoutCert: ClientSecurity;
before(async () => {
  sb = await startSecureBroker();
  withoutCert = { protocol: 'SSL', caPath: sb.certs.caPath };
  withCert = { ...withoutCert, cert: sb.client };
});
after(() => sb.stop());

/** Runs `refused` and returns what the broker logged meanwhile. */
async function brokerLinesDuring(refused: () => Promise<void>): Promise<string[]> {
  const mark = sb.broker.lines.length;
  await refused();
  return sb.broker.lines.slice(mark);
}

/** The group committed every record read, as the broker tells it over the same SSL listener. */
async function assertCommittedAll(group: string, topic: string) {
  assert.deepEqual(await committedAndLatest(sb.kafkajs('SSL', { cert: sb.client }), group, topic), { committed: ROUND_TRIP.length, latest: ROUND_TRIP.length });
}

const refusedHandshake = (lines: string[]) => lines.some((l) => /TLS handshake with 127\.0\.0\.1:\d+ failed: .*peer did not return a certificate/.test(l));

test('kafkajs: SSL with a client certificate produces, reads in a group and commits; without one it is refused', async () => {
  assert.deepEqual(await kafkajsRoundTrip(sb.kafkajs('SSL', { cert: sb.client }), 'kafkajs-ssl', 'kafkajs-ssl-group'), ROUND_TRIP);
  await assertCommittedAll('kafkajs-ssl-group', 'kafkajs-ssl');
  const lines = await brokerLinesDuring(async () => {
    const producer = sb.kafkajs('SSL').producer();
    await assert.rejects(producer.connect(), /Connection error: .*tlsv13 alert certificate required/);
  });
  assert.ok(refusedHandshake(lines), lines.join('\n'));
});

test('kcat: SSL with ssl.certificate.location/ssl.key.location produces, reads with -G and commits; without them it is refused', async () => {
  assert.deepEqual(await kcatRoundTrip(withCert, sb.addr('SSL'), 'kcat-ssl', 'kcat-ssl-group'), ROUND_TRIP);
  await assertCommittedAll('kcat-ssl-group', 'kcat-ssl');
  const lines = await brokerLinesDuring(async () => {
    const refused = await run('kcat', ['-b', sb.addr('SSL'), ...kcatArgs(withoutCert), '-m', '3', '-L'], { timeoutMs: 20_000 });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /Receive failed: .*tlsv13 alert certificate required/);
  });
  assert.ok(refusedHandshake(lines), lines.join('\n'));
});

test('kafka-python: SSL with ssl_certfile/ssl_keyfile produces, reads in a group and commits; without them it is refused', async () => {
  const out = await pythonRoundTrip('kafka-python', kafkaPythonConfig(withCert), sb.addr('SSL'), 'kp-ssl', 'kp-ssl-group');
  assert.deepEqual(out, { produced: 3, consumed: ROUND_TRIP, committed: 3 });
  await assertCommittedAll('kp-ssl-group', 'kp-ssl');
  const lines = await brokerLinesDuring(() =>
    // kafka-python writes ApiVersions as soon as its side of the handshake is done: it reads the
    // broker's alert, or, when that write comes after the broker closed, fails the write.
    assert.rejects(
      pythonRoundTrip('kafka-python', kafkaPythonConfig(withoutCert), sb.addr('SSL'), 'kp-ssl-refused', 'kp-ssl-refused'),
      /^Error: SSLError: \[SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED\]|^Error: SSLEOFError: EOF occurred in violation of protocol/,
    ),
  );
  assert.ok(refusedHandshake(lines), lines.join('\n'));
});

test('confluent-kafka: SSL with ssl.certificate.location/ssl.key.location produces, reads in a group and commits; without them it is refused', async () => {
  const out = await pythonRoundTrip('confluent', librdkafkaConfig(withCert), sb.addr('SSL'), 'ck-ssl', 'ck-ssl-group');
  assert.deepEqual(out, { produced: 3, consumed: ROUND_TRIP, committed: 3 });
  await assertCommittedAll('ck-ssl-group', 'ck-ssl');
  const lines = await brokerLinesDuring(() =>
    assert.rejects(pythonRoundTrip('confluent', librdkafkaConfig(withoutCert), sb.addr('SSL'), 'ck-ssl-refused', 'ck-ssl-refused'), /_TRANSPORT.*Receive failed: .*tlsv13 alert certificate required/),
  );
  assert.ok(refusedHandshake(lines), lines.join('\n'));
});

test('Java clients (Kafka 4.3.1): SSL with a PEM keystore produces, reads in a group and commits; without one they are refused', async (t) => {
  const avail = realKafkaAvailable();
  if (!avail.ok) return t.skip(avail.reason);
  const config = writeJavaClientConfig(join(sb.dir, 'java-ssl.properties'), withCert);
  assert.deepEqual(await javaRoundTrip(config, sb.addr('SSL'), 'java-ssl', 'java-ssl-group'), ROUND_TRIP);
  await assertCommittedAll('java-ssl-group', 'java-ssl');
  const noCert = writeJavaClientConfig(join(sb.dir, 'java-ssl-no-cert.properties'), withoutCert);
  const lines = await brokerLinesDuring(() => assert.rejects(javaRoundTrip(noCert, sb.addr('SSL'), 'java-ssl-refused', 'java-ssl-refused'), /SslAuthenticationException[^]*Received fatal alert: certificate_required/));
  assert.ok(refusedHandshake(lines), lines.join('\n'));
});
