// Secure listeners: SASL_SSL (SCRAM-SHA-512 over TLS with a generated CA) and SASL_PLAINTEXT
// (PLAIN, SCRAM-SHA-256) through kafkajs, kcat, kafka-python and confluent-kafka; ssl.client.auth=
// requested; and what is refused: wrong passwords, unknown users, unknown mechanisms, requests before
// authentication, silent TLS clients and half-finished SASL exchanges. Client certificates
// (ssl.client.auth=required) client by client: ssl-client-certificates.test.ts; consumer groups and
// lag over SASL_SSL: sasl-ssl-groups.test.ts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { startTestBroker, type TestBroker } from '../support/broker';
import { alice, startSecureBroker, type SecureBroker, type SecureListener } from '../support/secure-broker';
import { pythonRoundTrip, ROUND_TRIP } from '../support/group-roundtrip';
import { kafkaPythonConfig, kcatArgs, librdkafkaConfig } from '../support/client-security';
import { RawClient } from '../support/raw-client';
import { run, runOk } from '../support/run';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { startSandboxProcess } from '../support/sandbox-process';
import type { SandboxCertificates } from '../../electron/broker/tls-certs';

let sb: SecureBroker;
let broker: TestBroker;
let certs: SandboxCertificates;
let client: { certPath: string; keyPath: string };
let ca: string;
let ports: SecureBroker['ports'];

before(async () => {
  sb = await startSecureBroker({ 'brook.ssl.handshake.timeout.ms': '1000', 'brook.sasl.authentication.timeout.ms': '2000' });
  ({ broker, certs, client, ca, ports } = sb);
});
after(() => sb?.stop());

const addr = (listener: SecureListener) => sb.addr(listener);
const kafkajs = (listener: SecureListener, sasl?: SASLOptions) => sb.kafkajs(listener, { sasl });
const waitFor = async (cond: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
};

test('kafkajs: SCRAM-SHA-512 over SASL_SSL produces and lists topics', async () => {
  const kafka = kafkajs('SASL_SSL', { mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'kafkajs-scram', messages: [{ key: 'k', value: 'over TLS' }] });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  assert.ok((await admin.listTopics()).includes('kafkajs-scram'));
  await admin.disconnect();
  assert.ok(broker.lines.some((l) => /authenticated as alice \(SCRAM-SHA-512\)/.test(l)));
});

for (const mechanism of ['plain', 'scram-sha-256'] as const) {
  test(`kafkajs: ${mechanism} over SASL_PLAINTEXT; a user whose password holds ':'`, async () => {
    const kafka = kafkajs('SASL_PLAINTEXT', { mechanism, username: 'bob', password: 'bob:pw' } as SASLOptions);
    const producer = kafka.producer();
    await producer.connect();
    const [meta] = await producer.send({ topic: `kafkajs-${mechanism}`, messages: [{ value: 'v' }] });
    assert.equal(meta.errorCode, 0);
    await producer.disconnect();
  });
}

test('kcat: SCRAM-SHA-512 over SASL_SSL produces and consumes', async () => {
  const args = ['-b', addr('SASL_SSL'), ...kcatArgs({ protocol: 'SASL_SSL', caPath: certs.caPath, scram: alice })];
  await runOk('kcat', [...args, '-P', '-t', 'kcat-scram', '-p', '0'], { input: 'a\nb\nc\n' });
  assert.equal(await runOk('kcat', [...args, '-C', '-t', 'kcat-scram', '-p', '0', '-o', 'beginning', '-e', '-f', '%o:%s\\n']), '0:a\n1:b\n2:c\n');
});

test('kafka-python: SCRAM-SHA-512 over SASL_SSL (SaslHandshake v0, raw tokens), PLAIN over SASL_PLAINTEXT; produces, consumes in a group and commits', async () => {
  const scram = kafkaPythonConfig({ protocol: 'SASL_SSL', caPath: certs.caPath, scram: alice });
  assert.deepEqual(await pythonRoundTrip('kafka-python', scram, addr('SASL_SSL'), 'kp-scram', 'kp-scram'), { produced: 3, consumed: ROUND_TRIP, committed: 3 });
  const plain = { security_protocol: 'SASL_PLAINTEXT', sasl_mechanism: 'PLAIN', sasl_plain_username: 'bob', sasl_plain_password: 'bob:pw' };
  assert.deepEqual(await pythonRoundTrip('kafka-python', plain, addr('SASL_PLAINTEXT'), 'kp-plain', 'kp-plain'), { produced: 3, consumed: ROUND_TRIP, committed: 3 });
});

test('confluent-kafka: SCRAM-SHA-512 over SASL_SSL produces, consumes in a group and commits', async () => {
  const scram = librdkafkaConfig({ protocol: 'SASL_SSL', caPath: certs.caPath, scram: alice });
  assert.deepEqual(await pythonRoundTrip('confluent', scram, addr('SASL_SSL'), 'ck-scram', 'ck-scram'), { produced: 3, consumed: ROUND_TRIP, committed: 3 });
});

test('a wrong password and an unknown user get the same SASL_AUTHENTICATION_FAILED, then the connection closes; others go on', async () => {
  const good = kafkajs('SASL_SSL', { mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' }).producer();
  await good.connect();
  const messages: string[] = [];
  for (const [username, password] of [
    ['alice', 'wrong'],
    ['mallory', 'alice-secret'],
  ]) {
    for (const mechanism of ['scram-sha-512', 'plain'] as const) {
      const producer = kafkajs('SASL_SSL', { mechanism, username, password } as SASLOptions).producer();
      await assert.rejects(producer.connect(), (err: Error) => {
        messages.push(err.message.replace(/SCRAM-SHA-512|SCRAM SHA512|PLAIN/g, 'M'));
        return /SASL_AUTHENTICATION_FAILED|Authentication failed/i.test(err.message);
      });
    }
  }
  assert.equal(new Set(messages).size, 1, messages.join('\n'));
  assert.doesNotMatch(messages[0], /unknown user|no such user|wrong password/i);

  // Through the raw client: the answer, then the close.
  const raw = await RawClient.connect(ports.SASL_PLAINTEXT);
  assert.equal((await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })).errorCode, ErrorCode.NONE);
  const failed = await raw.request(ApiKey.SaslAuthenticate, 2, { authBytes: Buffer.from('\0alice\0nope') });
  assert.equal(failed.errorCode, ErrorCode.SASL_AUTHENTICATION_FAILED);
  assert.equal(failed.errorMessage, 'Authentication failed: invalid username or password (SASL mechanism PLAIN)');
  assert.ok(await waitFor(() => raw.closed, 3000), 'connection closed after the failure');

  await good.send({ topic: 'still-working', messages: [{ value: 'ok' }] });
  await good.disconnect();
});

test('an unknown mechanism gets UNSUPPORTED_SASL_MECHANISM with the enabled list, and the connection closes', async () => {
  const raw = await RawClient.connect(ports.SASL_PLAINTEXT);
  const res = await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'GSSAPI' });
  assert.equal(res.errorCode, ErrorCode.UNSUPPORTED_SASL_MECHANISM);
  assert.deepEqual(res.mechanisms, ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']);
  assert.ok(await waitFor(() => raw.closed, 3000));
  const kafka = kafkajs('SASL_PLAINTEXT', { mechanism: 'scram-sha-256', username: 'alice', password: 'alice-secret' });
  const admin = kafka.admin();
  await admin.connect();
  await admin.listTopics();
  await admin.disconnect();
});

test('Metadata before authentication on a SASL listener closes the connection; ApiVersions is allowed', async () => {
  const raw = await RawClient.connect(ports.SASL_PLAINTEXT);
  assert.equal((await raw.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' })).errorCode, ErrorCode.NONE);
  await assert.rejects(raw.request(ApiKey.Metadata, 9, { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false }), /connection closed/);
  assert.ok(broker.lines.some((l) => /Metadata before SASL authentication/.test(l)));
});

test('SaslHandshake on a PLAINTEXT listener gets ILLEGAL_SASL_STATE; SaslAuthenticate without a handshake too', async () => {
  const plain = await RawClient.connect(ports.INTERNAL);
  assert.equal((await plain.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })).errorCode, ErrorCode.ILLEGAL_SASL_STATE);
  plain.close();
  const sasl = await RawClient.connect(ports.SASL_PLAINTEXT);
  assert.equal((await sasl.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from('\0alice\0alice-secret') })).errorCode, ErrorCode.ILLEGAL_SASL_STATE);
  assert.ok(await waitFor(() => sasl.closed, 3000));
});

test('SaslHandshake v0 takes raw PLAIN tokens, answered by an empty token', async () => {
  const raw = await RawClient.connect(ports.SASL_PLAINTEXT);
  assert.equal((await raw.request(ApiKey.SaslHandshake, 0, { mechanism: 'PLAIN' })).errorCode, ErrorCode.NONE);
  assert.deepEqual(await raw.sendFrame(Buffer.from('\0alice\0alice-secret')), Buffer.alloc(0));
  const meta = await raw.request(ApiKey.Metadata, 1, { topics: [] });
  assert.equal(meta.brokers.length, 1);
  raw.close();
  const bad = await RawClient.connect(ports.SASL_PLAINTEXT);
  await bad.request(ApiKey.SaslHandshake, 0, { mechanism: 'PLAIN' });
  assert.equal(await bad.sendFrame(Buffer.from('\0alice\0wrong')), null, 'closed without an answer');
});

test('a half-finished SASL exchange times out (brook.sasl.authentication.timeout.ms)', async () => {
  const raw = await RawClient.connect(ports.SASL_PLAINTEXT);
  await raw.request(ApiKey.SaslHandshake, 1, { mechanism: 'SCRAM-SHA-256' });
  const first = await raw.request(ApiKey.SaslAuthenticate, 1, { authBytes: Buffer.from('n,,n=alice,r=abcdef') });
  assert.match(first.authBytes.toString(), /^r=abcdef[^,]+,s=[^,]+,i=4096$/);
  const started = Date.now();
  assert.ok(await waitFor(() => raw.closed, 5000));
  assert.ok(Date.now() - started > 1000);
  assert.ok(broker.lines.some((l) => /SASL authentication did not complete within 2000 ms/.test(l)));
});

test('a TLS client that sends nothing is dropped after the handshake timeout', async () => {
  const { connect } = await import('node:net');
  const socket = connect(ports.SASL_SSL, '127.0.0.1');
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  const started = Date.now();
  assert.ok(await waitFor(() => closed, 5000), 'dropped');
  assert.ok(Date.now() - started >= 900, `dropped after ${Date.now() - started} ms`);
  // A TLS client that does finish the handshake is served as before.
  const tls = tlsConnect({ host: '127.0.0.1', port: ports.SASL_SSL, ca, servername: 'localhost' });
  await new Promise<void>((resolve, reject) => tls.once('secureConnect', resolve).once('error', reject));
  assert.ok(tls.authorized);
  tls.destroy();
});

test('CLI: --tls --sasl-users makes a SASL_SSL listener with a generated CA in <data-dir>/tls', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-cli-tls-'));
  const sandbox = await startSandboxProcess(dataDir, ['--tls', '--sasl-users', 'carol:c4r0l']);
  try {
    const caPath = join(dataDir, 'tls', 'ca.pem');
    const args = ['-b', sandbox.bootstrap, '-X', 'security.protocol=SASL_SSL', '-X', 'sasl.mechanisms=SCRAM-SHA-256', '-X', 'sasl.username=carol', '-X', 'sasl.password=c4r0l', '-X', `ssl.ca.location=${caPath}`];
    await runOk('kcat', [...args, '-P', '-t', 'cli-tls', '-p', '0'], { input: 'hello\n' });
    assert.equal(await runOk('kcat', [...args, '-C', '-t', 'cli-tls', '-p', '0', '-o', 'beginning', '-e', '-f', '%s\\n']), 'hello\n');
    const plaintext = await run('kcat', ['-b', sandbox.bootstrap, '-m', '2', '-L'], { timeoutMs: 15_000 });
    assert.notEqual(plaintext.code, 0, 'a PLAINTEXT client is not served');
  } finally {
    sandbox.child.kill('SIGTERM');
    await sandbox.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('before authentication a request over 512 KiB closes the connection before it is buffered', async () => {
  const { connect } = await import('node:net');
  const socket = connect(ports.SASL_PLAINTEXT, '127.0.0.1');
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  await new Promise((r) => socket.once('connect', r));
  const size = Buffer.alloc(4);
  size.writeInt32BE(10_000_000);
  socket.write(Buffer.concat([size, Buffer.alloc(1000)]));
  assert.ok(await waitFor(() => closed, 3000));
  assert.ok(broker.lines.some((l) => /10000000-byte request before SASL authentication/.test(l)));
});

test('ssl.client.auth=requested: clients with and without a certificate are served; unused settings are logged', async () => {
  const b = await startTestBroker({
    listeners: 'SSL://127.0.0.1:0',
    'ssl.certificate.location': certs.certPath,
    'ssl.key.location': certs.keyPath,
    'ssl.truststore.location': certs.caPath,
    'ssl.client.auth': 'requested',
    'brook.sasl.users': 'alice:x',
  });
  try {
    const args = ['-b', b.bootstrap, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${certs.caPath}`];
    await runOk('kcat', [...args, '-P', '-t', 'requested', '-p', '0'], { input: 'anonymous\n' });
    await runOk('kcat', [...args, '-X', `ssl.certificate.location=${client.certPath}`, '-X', `ssl.key.location=${client.keyPath}`, '-P', '-t', 'requested', '-p', '0'], { input: 'with-cert\n' });
    assert.equal(await runOk('kcat', [...args, '-C', '-t', 'requested', '-p', '0', '-o', 'beginning', '-e', '-f', '%s\\n']), 'anonymous\nwith-cert\n');
    assert.ok(b.lines.some((l) => /brook\.sasl\.users is set but no listener uses SASL/.test(l)));
  } finally {
    await b.stop();
  }
});

test('a SASL listener without users, a TLS listener without a certificate and an unknown mechanism are refused at start', async () => {
  await assert.rejects(startTestBroker({ listeners: 'SASL_PLAINTEXT://127.0.0.1:0' }), /needs users: set brook\.sasl\.users/);
  await assert.rejects(startTestBroker({ listeners: 'SSL://127.0.0.1:0' }), /uses TLS: set ssl\.certificate\.location/);
  await assert.rejects(
    startTestBroker({ listeners: 'SASL_PLAINTEXT://127.0.0.1:0', 'brook.sasl.users': 'a:b', 'sasl.enabled.mechanisms': 'GSSAPI' }),
    /GSSAPI is not supported by the sandbox/,
  );
  await assert.rejects(startTestBroker({ 'ssl.keystore.location': '/x.jks' }), /unsupported broker setting "ssl\.keystore\.location"/);
});
