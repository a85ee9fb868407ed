// Broker settings under Kafka's own server.properties keys, with Kafka's defaults. A key the
// sandbox does not implement is refused by name, so nobody believes a setting took effect when it
// did not.

export interface BrokerConfig {
  nodeId: number;
  listeners: string;
  advertisedListeners: string | null;
  autoCreateTopicsEnable: boolean;
  numPartitions: number;
  defaultReplicationFactor: number;
  deleteTopicEnable: boolean;
  messageMaxBytes: number;
  socketRequestMaxBytes: number;
  logRetentionMs: number;
  logRetentionBytes: number;
  logSegmentBytes: number;
  logRollMs: number;
  logRetentionCheckIntervalMs: number;
  logIndexIntervalBytes: number;
  logMessageTimestampType: 'CreateTime' | 'LogAppendTime';
  groupInitialRebalanceDelayMs: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  offsetsTopicNumPartitions: number;
  offsetsRetentionMinutes: number;
  transactionStateLogNumPartitions: number;
  transactionMaxTimeoutMs: number;
  transactionAbortTimedOutTransactionCleanupIntervalMs: number;
  transactionalIdExpirationMs: number;
  /** Secure listeners: keys documented in server/secure-listeners.ts (TLS) and server/sasl/credentials.ts (SASL). */
  listenerSecurityProtocolMap: string | null;
  saslEnabledMechanisms: string;
  saslUsers: string | null;
  sslKeystoreType: 'PEM';
  sslKeystoreCertificateChain: string | null;
  sslKeystoreKey: string | null;
  sslKeyPassword: string | null;
  sslCertificateLocation: string | null;
  sslKeyLocation: string | null;
  sslTruststoreType: 'PEM';
  sslTruststoreLocation: string | null;
  sslTruststoreCertificates: string | null;
  sslClientAuth: 'required' | 'requested' | 'none';
  sslHandshakeTimeoutMs: number;
  saslAuthenticationTimeoutMs: number;
  /** How many log files may be open at once; null: a quarter of the descriptor limit, at most 1,000. */
  logOpenFilesMax: number | null;
  /** Every key as given, for DescribeConfigs (source STATIC_BROKER_CONFIG). */
  readonly given: Readonly<Record<string, string>>;
}

type Parser = (value: string, key: string) => unknown;

const int: Parser = (v, key) => {
  if (!/^-?\d+$/.test(v.trim())) throw new Error(`${key} must be an integer, got "${v}"`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${key} is out of range: ${v}`);
  return n;
};
const bool: Parser = (v, key) => {
  if (v !== 'true' && v !== 'false') throw new Error(`${key} must be true or false, got "${v}"`);
  return v === 'true';
};
const str: Parser = (v) => v;
const oneOf =
  (...allowed: string[]): Parser =>
  (v, key) => {
    if (!allowed.includes(v)) throw new Error(`${key} must be one of ${allowed.join(', ')}, got "${v}"`);
    return v;
  };
const HOUR = 3_600_000;

/** Kafka key -> [our field, parser, scale to the field's unit]. */
const KEYS: Record<string, [keyof BrokerConfig, Parser, number?]> = {
  'node.id': ['nodeId', int],
  'broker.id': ['nodeId', int],
  listeners: ['listeners', str],
  'advertised.listeners': ['advertisedListeners', str],
  'auto.create.topics.enable': ['autoCreateTopicsEnable', bool],
  'num.partitions': ['numPartitions', int],
  'default.replication.factor': ['defaultReplicationFactor', int],
  'delete.topic.enable': ['deleteTopicEnable', bool],
  'message.max.bytes': ['messageMaxBytes', int],
  'socket.request.max.bytes': ['socketRequestMaxBytes', int],
  'log.retention.ms': ['logRetentionMs', int],
  'log.retention.minutes': ['logRetentionMs', int, 60_000],
  'log.retention.hours': ['logRetentionMs', int, HOUR],
  'log.retention.bytes': ['logRetentionBytes', int],
  'log.segment.bytes': ['logSegmentBytes', int],
  'log.roll.ms': ['logRollMs', int],
  'log.roll.hours': ['logRollMs', int, HOUR],
  'log.retention.check.interval.ms': ['logRetentionCheckIntervalMs', int],
  'log.index.interval.bytes': ['logIndexIntervalBytes', int],
  'log.message.timestamp.type': ['logMessageTimestampType', oneOf('CreateTime', 'LogAppendTime')],
  'group.initial.rebalance.delay.ms': ['groupInitialRebalanceDelayMs', int],
  'group.min.session.timeout.ms': ['groupMinSessionTimeoutMs', int],
  'group.max.session.timeout.ms': ['groupMaxSessionTimeoutMs', int],
  'offsets.topic.num.partitions': ['offsetsTopicNumPartitions', int],
  'offsets.retention.minutes': ['offsetsRetentionMinutes', int],
  'transaction.state.log.num.partitions': ['transactionStateLogNumPartitions', int],
  'transaction.max.timeout.ms': ['transactionMaxTimeoutMs', int],
  'transaction.abort.timed.out.transaction.cleanup.interval.ms': ['transactionAbortTimedOutTransactionCleanupIntervalMs', int],
  'transactional.id.expiration.ms': ['transactionalIdExpirationMs', int],
  'listener.security.protocol.map': ['listenerSecurityProtocolMap', str],
  'sasl.enabled.mechanisms': ['saslEnabledMechanisms', str],
  'brook.sasl.users': ['saslUsers', str],
  'ssl.keystore.type': ['sslKeystoreType', oneOf('PEM')],
  'ssl.keystore.certificate.chain': ['sslKeystoreCertificateChain', str],
  'ssl.keystore.key': ['sslKeystoreKey', str],
  'ssl.key.password': ['sslKeyPassword', str],
  'ssl.certificate.location': ['sslCertificateLocation', str],
  'ssl.key.location': ['sslKeyLocation', str],
  'ssl.truststore.type': ['sslTruststoreType', oneOf('PEM')],
  'ssl.truststore.location': ['sslTruststoreLocation', str],
  'ssl.truststore.certificates': ['sslTruststoreCertificates', str],
  'ssl.client.auth': ['sslClientAuth', oneOf('required', 'requested', 'none')],
  'brook.ssl.handshake.timeout.ms': ['sslHandshakeTimeoutMs', int],
  'brook.sasl.authentication.timeout.ms': ['saslAuthenticationTimeoutMs', int],
  'brook.log.open.files.max': ['logOpenFilesMax', int],
};

/** Keys of a single-node cluster that are accepted when they say what the sandbox already does. */
const ACCEPTED_AS_IS: Record<string, string[]> = {
  'offsets.topic.replication.factor': ['1'],
  'transaction.state.log.replication.factor': ['1'],
  'transaction.state.log.min.isr': ['1'],
  'min.insync.replicas': ['1'],
  'process.roles': ['broker,controller', 'controller,broker', 'broker'],
};

export const defaultBrokerConfig = (): BrokerConfig => ({
  nodeId: 1,
  listeners: 'PLAINTEXT://127.0.0.1:9092',
  advertisedListeners: null,
  autoCreateTopicsEnable: true,
  numPartitions: 1,
  defaultReplicationFactor: 1,
  deleteTopicEnable: true,
  messageMaxBytes: 1_048_588,
  socketRequestMaxBytes: 104_857_600,
  logRetentionMs: 168 * HOUR,
  logRetentionBytes: -1,
  logSegmentBytes: 1_073_741_824,
  logRollMs: 168 * HOUR,
  logRetentionCheckIntervalMs: 300_000,
  logIndexIntervalBytes: 4096,
  logMessageTimestampType: 'CreateTime',
  groupInitialRebalanceDelayMs: 3000,
  groupMinSessionTimeoutMs: 6000,
  groupMaxSessionTimeoutMs: 1_800_000,
  offsetsTopicNumPartitions: 50,
  offsetsRetentionMinutes: 10_080,
  transactionStateLogNumPartitions: 50,
  transactionMaxTimeoutMs: 900_000,
  transactionAbortTimedOutTransactionCleanupIntervalMs: 10_000,
  transactionalIdExpirationMs: 604_800_000,
  listenerSecurityProtocolMap: null,
  saslEnabledMechanisms: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
  saslUsers: null,
  sslKeystoreType: 'PEM',
  sslKeystoreCertificateChain: null,
  sslKeystoreKey: null,
  sslKeyPassword: null,
  sslCertificateLocation: null,
  sslKeyLocation: null,
  sslTruststoreType: 'PEM',
  sslTruststoreLocation: null,
  sslTruststoreCertificates: null,
  sslClientAuth: 'none',
  sslHandshakeTimeoutMs: 10_000,
  saslAuthenticationTimeoutMs: 30_000,
  logOpenFilesMax: null,
  given: {},
});

export const isKnownBrokerKey = (key: string): boolean => key in KEYS || key in ACCEPTED_AS_IS;

/** Applies server.properties-style settings over Kafka's defaults; throws a clear Error on a bad one. */
export function parseBrokerConfig(settings: Record<string, string>): BrokerConfig {
  const config = defaultBrokerConfig() as unknown as Record<string, unknown>;
  // Kafka lets the .ms form win over .minutes and .hours whatever the order they are given in.
  const order = (k: string) => (k.endsWith('.ms') ? 2 : k.endsWith('.minutes') ? 1 : 0);
  const entries = Object.entries(settings).sort(([a], [b]) => order(a) - order(b));
  for (const [key, raw] of entries) {
    const value = raw.trim();
    const accepted = ACCEPTED_AS_IS[key];
    if (accepted) {
      if (!accepted.includes(value)) {
        throw new Error(`${key}=${value} is not possible on the single-node sandbox (it supports ${accepted.join(' or ')})`);
      }
      continue;
    }
    const known = KEYS[key];
    if (!known) throw new Error(`unsupported broker setting "${key}": the sandbox does not implement it`);
    const [field, parse, scale] = known;
    const parsed = parse(value, key);
    config[field] = scale && typeof parsed === 'number' && parsed >= 0 ? parsed * scale : parsed;
  }
  (config as { given: Record<string, string> }).given = { ...settings };
  return config as unknown as BrokerConfig;
}

/** Parses server.properties text: key=value or key: value lines, # and ! comments. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!m) throw new Error(`cannot read the line "${line}" as key=value`);
    out[m[1]] = m[2];
  }
  return out;
}
