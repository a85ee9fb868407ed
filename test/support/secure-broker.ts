// A sandbox broker with secured listeners for one test file, and what clients need to reach it: a
// generated CA, the broker's certificate, a client certificate the CA signed, and one listener per
// security protocol (SASL_SSL with SCRAM and PLAIN, SSL with ssl.client.auth=required,
// SASL_PLAINTEXT, and a PLAINTEXT one named INTERNAL). Users: alice:alice-secret, bob:bob:pw.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajsModule, { type SASLOptions } from 'kafkajs';
import { startTestBroker, silentKafkaLog, type TestBroker } from './broker';
import { generateSandboxCertificates, generateClientCertificate, type SandboxCertificates } from '../../electron/broker/tls-certs';

const { Kafka } = kafkajsModule;

export type SecureListener = 'SASL_SSL' | 'SSL' | 'SASL_PLAINTEXT' | 'INTERNAL';

export interface SecureBroker {
  broker: TestBroker;
  certs: SandboxCertificates;
  /** A client certificate signed by the broker's truststore CA (CN=test-client). */
  client: { certPath: string; keyPath: string };
  /** The CA certificate as PEM text. */
  ca: string;
  /** A temp dir (holding the certificates) for client config files; removed by stop(). */
  dir: string;
  ports: Record<SecureListener, number>;
  addr(listener: SecureListener): string;
  /**
   * A kafkajs client of `listener`: TLS trusting the CA on *SSL listeners (with `cert` as its client
   * certificate when given), `sasl` when given; no retries, so a refusal shows at once.
   */
  kafkajs(listener: SecureListener, opts?: { sasl?: SASLOptions; cert?: { certPath: string; keyPath: string }; ssl?: boolean }): InstanceType<typeof Kafka>;
  stop(): Promise<void>;
}

export const alice = { username: 'alice', password: 'alice-secret' };

export async function startSecureBroker(config: Record<string, string> = {}): Promise<SecureBroker> {
  const certDir = mkdtempSync(join(tmpdir(), 'brook-certs-'));
  const certs = generateSandboxCertificates(certDir);
  const client = generateClientCertificate(certDir, certs, 'test-client');
  const ca = readFileSync(certs.caPath, 'utf8');
  const broker = await startTestBroker({
    listeners: 'SASL_SSL://127.0.0.1:0,SSL://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0,INTERNAL://127.0.0.1:0',
    'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT',
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    'brook.sasl.users': `${alice.username}:${alice.password},bob:bob:pw`,
    'ssl.certificate.location': certs.certPath,
    'ssl.key.location': certs.keyPath,
    'ssl.truststore.location': certs.caPath,
    'ssl.client.auth': 'required',
    // A group's first member does not wait for others to join.
    'group.initial.rebalance.delay.ms': '0',
    ...config,
  });
  const ports = Object.fromEntries(broker.running.broker.listeners.map((l) => [l.name, l.port])) as Record<SecureListener, number>;
  const addr = (listener: SecureListener) => `127.0.0.1:${ports[listener]}`;
  return {
    broker,
    certs,
    client,
    ca,
    dir: certDir,
    ports,
    addr,
    kafkajs: (listener, { sasl, cert, ssl = listener.endsWith('SSL') } = {}) =>
      new Kafka({
        clientId: 'security-test',
        brokers: [addr(listener)],
        ssl: ssl ? { ca: [ca], ...(cert && { cert: readFileSync(cert.certPath, 'utf8'), key: readFileSync(cert.keyPath, 'utf8') }) } : false,
        sasl,
        logCreator: silentKafkaLog,
        retry: { retries: 0 },
        connectionTimeout: 3000,
      }),
    async stop() {
      await broker.stop();
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}
