// One client's security, written in the words of each client library: TLS trusting a CA, with or
// without a client certificate, and SCRAM-SHA-512 on SASL_SSL. kafkajs takes it in SecureBroker.kafkajs.
import { readFileSync, writeFileSync } from 'node:fs';

export interface ClientSecurity {
  protocol: 'SSL' | 'SASL_SSL';
  caPath: string;
  cert?: { certPath: string; keyPath: string };
  scram?: { username: string; password: string };
}

/** librdkafka's properties (kcat -X, confluent-kafka). */
export function librdkafkaConfig(s: ClientSecurity): Record<string, string> {
  return {
    'security.protocol': s.protocol,
    'ssl.ca.location': s.caPath,
    ...(s.cert && { 'ssl.certificate.location': s.cert.certPath, 'ssl.key.location': s.cert.keyPath }),
    ...(s.scram && { 'sasl.mechanisms': 'SCRAM-SHA-512', 'sasl.username': s.scram.username, 'sasl.password': s.scram.password }),
  };
}

export const kcatArgs = (s: ClientSecurity): string[] => Object.entries(librdkafkaConfig(s)).flatMap(([k, v]) => ['-X', `${k}=${v}`]);

/** kafka-python's constructor arguments. */
export function kafkaPythonConfig(s: ClientSecurity): Record<string, string> {
  return {
    security_protocol: s.protocol,
    ssl_cafile: s.caPath,
    ...(s.cert && { ssl_certfile: s.cert.certPath, ssl_keyfile: s.cert.keyPath }),
    ...(s.scram && { sasl_mechanism: 'SCRAM-SHA-512', sasl_plain_username: s.scram.username, sasl_plain_password: s.scram.password }),
  };
}

/**
 * The Java clients' properties, written to `path` for --command-config: PEM truststore and keystore
 * (ssl.*.type=PEM). The key goes inline (ssl.keystore.key), since a PEM keystore file needs an
 * encrypted key; a properties value reads "\n" as a line break.
 */
export function writeJavaClientConfig(path: string, s: ClientSecurity): string {
  const inline = (file: string) => readFileSync(file, 'utf8').trim().replace(/\r?\n/g, '\\n');
  const props: Record<string, string> = {
    'security.protocol': s.protocol,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': s.caPath,
    ...(s.cert && {
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.certificate.chain': inline(s.cert.certPath),
      'ssl.keystore.key': inline(s.cert.keyPath),
    }),
    ...(s.scram && {
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${s.scram.username}" password="${s.scram.password}";`,
    }),
  };
  writeFileSync(path, Object.entries(props).map(([k, v]) => `${k}=${v}\n`).join(''));
  return path;
}
