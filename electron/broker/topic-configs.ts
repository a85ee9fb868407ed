// Kafka's topic config keys (org.apache.kafka.common.config.TopicConfig as Kafka 4.x lists them),
// with their types, Kafka's defaults, validation, and the broker key each one falls back to; and the
// broker's own keys as DescribeConfigs reports them. Only some keys change what the sandbox does
// (those in log/config.ts LOG_CONFIG_KEYS); the rest are accepted, stored and described as Kafka
// would, without effect (cleanup.policy=compact is stored but the log is never compacted).
import { defaultBrokerConfig, type BrokerConfig } from './config';

/** DescribeConfigs ConfigSource. */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

/** DescribeConfigs ConfigType (v3+). */
export const ConfigType = {
  UNKNOWN: 0,
  BOOLEAN: 1,
  STRING: 2,
  INT: 3,
  SHORT: 4,
  LONG: 5,
  DOUBLE: 6,
  LIST: 7,
  CLASS: 8,
  PASSWORD: 9,
} as const;

export type ConfigTypeName = keyof typeof ConfigType;

/** ConfigResource types as the protocol numbers them. */
export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

const LONG_MAX = '9223372036854775807';
const INT_MAX = 2147483647;

interface TopicKey {
  type: ConfigTypeName;
  /** Kafka's default when no broker key supplies one. */
  default: string;
  /** The broker keys this falls back to, most specific first (as Kafka lists synonyms). */
  broker?: string[];
  min?: number;
  max?: number;
  /** Allowed values (for LIST: allowed items). */
  oneOf?: string[];
  /** Whether the sandbox acts on it; described either way. */
  note?: string;
}

export const TOPIC_CONFIG_KEYS: Readonly<Record<string, TopicKey>> = {
  'cleanup.policy': {
    type: 'LIST',
    default: 'delete',
    broker: ['log.cleanup.policy'],
    oneOf: ['compact', 'delete'],
    note: 'compact is stored but not enforced: the sandbox never compacts',
  },
  'compression.type': {
    type: 'STRING',
    default: 'producer',
    broker: ['compression.type'],
    oneOf: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
  },
  'compression.gzip.level': { type: 'INT', default: '-1', broker: ['compression.gzip.level'], min: -1, max: 9 },
  'compression.lz4.level': { type: 'INT', default: '9', broker: ['compression.lz4.level'], min: 1, max: 17 },
  'compression.zstd.level': { type: 'INT', default: '3', broker: ['compression.zstd.level'], min: -131072, max: 22 },
  'delete.retention.ms': { type: 'LONG', default: '86400000', broker: ['log.cleaner.delete.retention.ms'], min: 0 },
  'file.delete.delay.ms': { type: 'LONG', default: '60000', broker: ['log.segment.delete.delay.ms'], min: 0 },
  'flush.messages': { type: 'LONG', default: LONG_MAX, broker: ['log.flush.interval.messages'], min: 1 },
  'flush.ms': { type: 'LONG', default: LONG_MAX, broker: ['log.flush.interval.ms'], min: 0 },
  'follower.replication.throttled.replicas': { type: 'LIST', default: '' },
  'index.interval.bytes': { type: 'INT', default: '4096', broker: ['log.index.interval.bytes'], min: 0 },
  'leader.replication.throttled.replicas': { type: 'LIST', default: '' },
  'local.retention.bytes': { type: 'LONG', default: '-2', broker: ['log.local.retention.bytes'], min: -2 },
  'local.retention.ms': { type: 'LONG', default: '-2', broker: ['log.local.retention.ms'], min: -2 },
  'max.compaction.lag.ms': { type: 'LONG', default: LONG_MAX, broker: ['log.cleaner.max.compaction.lag.ms'], min: 1 },
  'max.message.bytes': { type: 'INT', default: '1048588', broker: ['message.max.bytes'], min: 0 },
  'message.timestamp.after.max.ms': {
    type: 'LONG',
    default: '3600000',
    broker: ['log.message.timestamp.after.max.ms'],
    min: 0,
  },
  'message.timestamp.before.max.ms': {
    type: 'LONG',
    default: LONG_MAX,
    broker: ['log.message.timestamp.before.max.ms'],
    min: 0,
  },
  'message.timestamp.type': {
    type: 'STRING',
    default: 'CreateTime',
    broker: ['log.message.timestamp.type'],
    oneOf: ['CreateTime', 'LogAppendTime'],
  },
  'min.cleanable.dirty.ratio': {
    type: 'DOUBLE',
    default: '0.5',
    broker: ['log.cleaner.min.cleanable.ratio'],
    min: 0,
    max: 1,
  },
  'min.compaction.lag.ms': { type: 'LONG', default: '0', broker: ['log.cleaner.min.compaction.lag.ms'], min: 0 },
  'min.insync.replicas': { type: 'INT', default: '1', broker: ['min.insync.replicas'], min: 1 },
  preallocate: { type: 'BOOLEAN', default: 'false', broker: ['log.preallocate'] },
  'remote.log.copy.disable': { type: 'BOOLEAN', default: 'false' },
  'remote.log.delete.on.disable': { type: 'BOOLEAN', default: 'false' },
  'remote.storage.enable': { type: 'BOOLEAN', default: 'false' },
  'retention.bytes': { type: 'LONG', default: '-1', broker: ['log.retention.bytes'] },
  'retention.ms': {
    type: 'LONG',
    default: '604800000',
    broker: ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'],
    min: -1,
  },
  // Kafka 4 (KIP-1030) refuses segments under 1 MiB.
  'segment.bytes': { type: 'INT', default: '1073741824', broker: ['log.segment.bytes'], min: 1048576 },
  'segment.index.bytes': { type: 'INT', default: '10485760', broker: ['log.index.size.max.bytes'], min: 4 },
  'segment.jitter.ms': { type: 'LONG', default: '0', broker: ['log.roll.jitter.ms', 'log.roll.jitter.hours'], min: 0 },
  'segment.ms': { type: 'LONG', default: '604800000', broker: ['log.roll.ms', 'log.roll.hours'], min: 1 },
  'unclean.leader.election.enable': {
    type: 'BOOLEAN',
    default: 'false',
    broker: ['unclean.leader.election.enable'],
  },
};

export const isTopicConfigKey = (key: string): boolean => Object.hasOwn(TOPIC_CONFIG_KEYS, key);

const invalid = (value: string, key: string, why: string) => `Invalid value ${value} for configuration ${key}: ${why}`;

/** Why a topic config key/value is not acceptable (Kafka's wording where it has one), or null. */
export function topicConfigProblem(key: string, value: string | null): string | null {
  if (!isTopicConfigKey(key)) return `Unknown topic config name: ${key}`;
  if (value === null) return `Null value not supported for topic configs: ${key}`;
  const spec = TOPIC_CONFIG_KEYS[key];
  const v = value.trim();
  switch (spec.type) {
    case 'BOOLEAN':
      if (!/^(true|false)$/i.test(v)) return invalid(value, key, 'Expected value to be either true or false');
      return null;
    case 'INT':
    case 'LONG': {
      if (!/^-?\d+$/.test(v)) return invalid(value, key, `Not a number of type ${spec.type}`);
      const n = BigInt(v);
      const [lo, hi] = spec.type === 'INT' ? [-2147483648n, BigInt(INT_MAX)] : [-(2n ** 63n), 2n ** 63n - 1n];
      if (n < lo || n > hi) return invalid(value, key, `Not a number of type ${spec.type}`);
      if (spec.min !== undefined && n < BigInt(spec.min)) return invalid(value, key, `Value must be at least ${spec.min}`);
      if (spec.max !== undefined && n > BigInt(spec.max)) return invalid(value, key, `Value must be no more than ${spec.max}`);
      return null;
    }
    case 'DOUBLE': {
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) return invalid(value, key, 'Not a number of type DOUBLE');
      if (spec.min !== undefined && n < spec.min) return invalid(value, key, `Value must be at least ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) return invalid(value, key, `Value must be no more than ${spec.max}`);
      return null;
    }
    case 'LIST': {
      if (!spec.oneOf) return null;
      const items = splitList(v);
      const bad = items.find((i) => !spec.oneOf!.includes(i));
      if (bad !== undefined) return invalid(`[${items.join(', ')}]`, key, `String must be one of: ${spec.oneOf.join(', ')}`);
      return null;
    }
    default:
      if (spec.oneOf && !spec.oneOf.includes(v)) return invalid(value, key, `String must be one of: ${spec.oneOf.join(', ')}`);
      return null;
  }
}

const splitList = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The first problem in a set of topic configs, or null. */
export function topicConfigsProblem(configs: Iterable<{ name: string; value: string | null }>): string | null {
  for (const c of configs) {
    const p = topicConfigProblem(c.name, c.value);
    if (p) return p;
  }
  return null;
}

/** A value as Kafka stores it (lists normalised to comma-separated, booleans lower-case). */
export function normaliseTopicConfigValue(key: string, value: string): string {
  const spec = TOPIC_CONFIG_KEYS[key];
  if (!spec) return value;
  if (spec.type === 'LIST') return splitList(value).join(',');
  if (spec.type === 'BOOLEAN') return value.trim().toLowerCase();
  return value.trim();
}

/** Appends to or subtracts from a LIST config (IncrementalAlterConfigs APPEND / SUBTRACT). */
export function editList(current: string, items: string, op: 'append' | 'subtract'): string {
  const have = splitList(current);
  const change = splitList(items);
  const out = op === 'append' ? [...have, ...change.filter((i) => !have.includes(i))] : have.filter((i) => !change.includes(i));
  return out.join(',');
}

// ---- broker keys ------------------------------------------------------------------------------

interface BrokerKey {
  type: ConfigTypeName;
  /** The value in force, from the parsed config; null when Kafka would report null. */
  value: (c: BrokerConfig) => string | null;
  /** A secret: as in Kafka, described with a null value and isSensitive, whether set or not. */
  sensitive?: true;
}

const num = (f: (c: BrokerConfig) => number) => (c: BrokerConfig) => String(f(c));
/** Keys Kafka shows with their own value: the value given, else Kafka's default for that key. */
const givenOr = (key: string, fallback: string | null) => (c: BrokerConfig) => c.given[key]?.trim() ?? fallback;

/** The broker keys the sandbox implements (config.ts), as DescribeConfigs on a BROKER reports them. */
export const BROKER_CONFIG_KEYS: Readonly<Record<string, BrokerKey>> = {
  'advertised.listeners': { type: 'STRING', value: (c) => c.advertisedListeners },
  'auto.create.topics.enable': { type: 'BOOLEAN', value: (c) => String(c.autoCreateTopicsEnable) },
  'broker.id': { type: 'INT', value: num((c) => c.nodeId) },
  'default.replication.factor': { type: 'INT', value: num((c) => c.defaultReplicationFactor) },
  'delete.topic.enable': { type: 'BOOLEAN', value: (c) => String(c.deleteTopicEnable) },
  'group.initial.rebalance.delay.ms': { type: 'INT', value: num((c) => c.groupInitialRebalanceDelayMs) },
  'group.max.session.timeout.ms': { type: 'INT', value: num((c) => c.groupMaxSessionTimeoutMs) },
  'group.min.session.timeout.ms': { type: 'INT', value: num((c) => c.groupMinSessionTimeoutMs) },
  listeners: { type: 'STRING', value: (c) => c.listeners },
  'log.index.interval.bytes': { type: 'INT', value: num((c) => c.logIndexIntervalBytes) },
  'log.message.timestamp.type': { type: 'STRING', value: (c) => c.logMessageTimestampType },
  'log.retention.bytes': { type: 'LONG', value: num((c) => c.logRetentionBytes) },
  'log.retention.check.interval.ms': { type: 'LONG', value: num((c) => c.logRetentionCheckIntervalMs) },
  'log.retention.hours': { type: 'INT', value: givenOr('log.retention.hours', '168') },
  'log.retention.minutes': { type: 'INT', value: givenOr('log.retention.minutes', null) },
  'log.retention.ms': { type: 'LONG', value: givenOr('log.retention.ms', null) },
  'log.roll.hours': { type: 'INT', value: givenOr('log.roll.hours', '168') },
  'log.roll.ms': { type: 'LONG', value: givenOr('log.roll.ms', null) },
  'log.segment.bytes': { type: 'INT', value: num((c) => c.logSegmentBytes) },
  'message.max.bytes': { type: 'INT', value: num((c) => c.messageMaxBytes) },
  'min.insync.replicas': { type: 'INT', value: () => '1' },
  'node.id': { type: 'INT', value: num((c) => c.nodeId) },
  'num.partitions': { type: 'INT', value: num((c) => c.numPartitions) },
  'offsets.retention.minutes': { type: 'INT', value: num((c) => c.offsetsRetentionMinutes) },
  'offsets.topic.num.partitions': { type: 'INT', value: num((c) => c.offsetsTopicNumPartitions) },
  'offsets.topic.replication.factor': { type: 'SHORT', value: () => '1' },
  'process.roles': { type: 'LIST', value: givenOr('process.roles', 'broker,controller') },
  'socket.request.max.bytes': { type: 'INT', value: num((c) => c.socketRequestMaxBytes) },
  'ssl.key.password': { type: 'PASSWORD', value: () => null, sensitive: true },
  'ssl.keystore.certificate.chain': { type: 'PASSWORD', value: () => null, sensitive: true },
  'ssl.keystore.key': { type: 'PASSWORD', value: () => null, sensitive: true },
  'ssl.truststore.certificates': { type: 'PASSWORD', value: () => null, sensitive: true },
  'transaction.state.log.min.isr': { type: 'INT', value: () => '1' },
  'transaction.state.log.replication.factor': { type: 'SHORT', value: () => '1' },
};

export interface DescribedConfig {
  name: string;
  value: string | null;
  readOnly: boolean;
  configSource: number;
  isSensitive: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
  configType: number;
}

/** The value a topic inherits for `key` from the broker when it has no override. */
function brokerDefaultForTopic(key: string, spec: TopicKey, c: BrokerConfig): string {
  switch (key) {
    case 'retention.ms':
      return String(c.logRetentionMs);
    case 'retention.bytes':
      return String(c.logRetentionBytes);
    case 'segment.bytes':
      return String(c.logSegmentBytes);
    case 'segment.ms':
      return String(c.logRollMs);
    case 'max.message.bytes':
      return String(c.messageMaxBytes);
    case 'message.timestamp.type':
      return c.logMessageTimestampType;
    case 'index.interval.bytes':
      return String(c.logIndexIntervalBytes);
    default:
      return spec.default;
  }
}

/**
 * Cluster-wide dynamic defaults every Kafka 4 cluster holds from its first start: with eligible
 * leader replicas on (KIP-966, the default for new clusters) the controller writes a cluster-level
 * min.insync.replicas, so Kafka reports the key as DYNAMIC_DEFAULT_BROKER_CONFIG.
 */
const CLUSTER_DYNAMIC_DEFAULTS: Readonly<Record<string, string>> = { 'min.insync.replicas': '1' };

/**
 * Broker synonyms of a topic key, as Kafka's ConfigHelper lists them: the cluster's dynamic
 * defaults, then the keys set in the broker config, then the default; and, like Kafka, nothing
 * before the first synonym named for the key's own broker key. So retention.ms inherits
 * log.retention.hours=24 with no synonyms at all (Kafka 4.3.1 answers so), as log.retention.ms is
 * unset.
 */
function brokerSynonyms(spec: TopicKey, c: BrokerConfig): DescribedConfig['synonyms'] {
  const out = allBrokerSynonyms(spec, c);
  const first = out.findIndex((s) => s.name === spec.broker?.[0]);
  return first < 0 ? [] : out.slice(first);
}

/** Every broker synonym set anywhere, in Kafka's order, before ConfigHelper drops any. */
function allBrokerSynonyms(spec: TopicKey, c: BrokerConfig): DescribedConfig['synonyms'] {
  const out: DescribedConfig['synonyms'] = [];
  const keys = spec.broker ?? [];
  for (const k of keys) {
    const value = CLUSTER_DYNAMIC_DEFAULTS[k];
    if (value !== undefined) out.push({ name: k, value, source: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG });
  }
  for (const k of keys) {
    const given = c.given[k];
    if (given !== undefined) out.push({ name: k, value: given.trim(), source: ConfigSource.STATIC_BROKER_CONFIG });
  }
  // Kafka names the key holding the default last (log.retention.hours, log.roll.hours).
  const last = keys[keys.length - 1];
  if (last !== undefined) {
    const known = BROKER_CONFIG_KEYS[last];
    const value = known ? known.value(BROKER_DEFAULTS) : spec.default;
    if (value !== null) out.push({ name: last, value, source: ConfigSource.DEFAULT_CONFIG });
  }
  return out;
}

const BROKER_DEFAULTS = defaultBrokerConfig();

/**
 * Every config of a topic with the given overrides, as DescribeConfigs reports it: overrides as
 * DYNAMIC_TOPIC_CONFIG, inherited values with the source of their first synonym (DEFAULT_CONFIG when
 * there is none), as Kafka does. Synonyms are always filled; the caller drops them when not asked for.
 */
export function describeTopicConfigs(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): DescribedConfig[] {
  return Object.keys(TOPIC_CONFIG_KEYS)
    .sort()
    .map((name) => {
      const spec = TOPIC_CONFIG_KEYS[name];
      const synonyms = brokerSynonyms(spec, broker);
      const override = overrides[name];
      let value: string;
      let source: number;
      if (override !== undefined) {
        value = override;
        source = ConfigSource.DYNAMIC_TOPIC_CONFIG;
        synonyms.unshift({ name, value: override, source });
      } else {
        value = brokerDefaultForTopic(name, spec, broker);
        source = synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG;
      }
      return { name, value, readOnly: false, configSource: source, isSensitive: false, synonyms, configType: ConfigType[spec.type] };
    });
}

/**
 * A new topic's configs as CreateTopics v5+ reports them. Kafka's controller resolves the sources
 * itself (KafkaConfigSchema): an inherited value takes the source of the first synonym set anywhere,
 * with nothing dropped, so retention.ms under a static log.retention.hours is STATIC_BROKER_CONFIG
 * here while DescribeConfigs calls it DEFAULT_CONFIG (Kafka 4.3.1 answers both so).
 */
export function createdTopicConfigs(overrides: Readonly<Record<string, string>>, broker: BrokerConfig): DescribedConfig[] {
  return describeTopicConfigs(overrides, broker).map((c) =>
    c.configSource === ConfigSource.DYNAMIC_TOPIC_CONFIG
      ? c
      : { ...c, configSource: allBrokerSynonyms(TOPIC_CONFIG_KEYS[c.name], broker)[0]?.source ?? ConfigSource.DEFAULT_CONFIG },
  );
}

/**
 * Every broker key the sandbox implements, as DescribeConfigs reports it for this node. `listeners`
 * is the one the node listens on: the host and port given at start (--host, --port, port 0 resolved)
 * override the config's first listener, so the config's text alone would name a port nobody serves.
 */
export function describeBrokerConfigs(broker: BrokerConfig, listeners: string): DescribedConfig[] {
  return Object.keys(BROKER_CONFIG_KEYS)
    .sort()
    .map((name) => {
      const spec = BROKER_CONFIG_KEYS[name];
      const value = name === 'listeners' ? listeners : spec.value(broker);
      const given = broker.given[name] !== undefined || value !== spec.value(BROKER_DEFAULTS);
      const source = given ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG;
      return {
        name,
        value,
        // The sandbox cannot change any broker setting while it runs.
        readOnly: true,
        configSource: source,
        isSensitive: spec.sensitive ?? false,
        // Kafka lists no synonym for a secret that is not set.
        synonyms: spec.sensitive && !given ? [] : [{ name, value, source }],
        configType: ConfigType[spec.type],
      };
    });
}

/** Why a BROKER resource name does not name this node (Kafka's wording), or null; "" is the cluster default. */
export function brokerResourceProblem(name: string, nodeId: number): string | null {
  if (name === '') return null;
  if (!/^-?\d+$/.test(name)) return `Broker id must be an integer, but it is: ${name}`;
  if (Number(name) !== nodeId) return `Unexpected broker id, expected ${nodeId} or empty string, but received ${name}`;
  return null;
}
