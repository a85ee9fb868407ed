// Per-topic log configuration: the broker's defaults overridden by a topic's config keys.
// Keys and defaults are Kafka's (segment.bytes, retention.ms, ...), so CreateTopics and
// DescribeConfigs can speak them unchanged.

export interface LogConfig {
  segmentBytes: number;
  segmentMs: number;
  retentionMs: number;
  retentionBytes: number;
  maxMessageBytes: number;
  messageTimestampType: 'CreateTime' | 'LogAppendTime';
  /** How far a CreateTime record may lie ahead of the broker's clock (Kafka 4: 1 hour). */
  messageTimestampAfterMaxMs: number;
  /** How far a CreateTime record may lie behind it (Kafka: no limit, Long.MAX_VALUE). */
  messageTimestampBeforeMaxMs: number;
  indexIntervalBytes: number;
}

/** Kafka's defaults (log.segment.bytes 1 GiB, log.retention.hours 168, message.max.bytes 1048588 ...). */
export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  maxMessageBytes: 1048588,
  messageTimestampType: 'CreateTime',
  messageTimestampAfterMaxMs: 3_600_000,
  messageTimestampBeforeMaxMs: Number.MAX_VALUE,
  indexIntervalBytes: 4096,
});

/** The topic config keys that shape a log, mapped to LogConfig fields. */
export const LOG_CONFIG_KEYS = {
  'segment.bytes': 'segmentBytes',
  'segment.ms': 'segmentMs',
  'retention.ms': 'retentionMs',
  'retention.bytes': 'retentionBytes',
  'max.message.bytes': 'maxMessageBytes',
  'message.timestamp.type': 'messageTimestampType',
  'message.timestamp.after.max.ms': 'messageTimestampAfterMaxMs',
  'message.timestamp.before.max.ms': 'messageTimestampBeforeMaxMs',
  'index.interval.bytes': 'indexIntervalBytes',
} as const satisfies Record<string, keyof LogConfig>;

/**
 * Resolves a topic's LogConfig. Overrides were validated by the caller (CreateTopics /
 * AlterConfigs); keys that do not shape the log (cleanup.policy, ...) are ignored here, and a value
 * that does not parse falls back to the default rather than breaking the partition.
 */
export function resolveLogConfig(defaults: LogConfig, overrides: Record<string, string>): LogConfig {
  const cfg: LogConfig = { ...defaults };
  for (const [key, field] of Object.entries(LOG_CONFIG_KEYS)) {
    const raw = overrides[key];
    if (raw === undefined) continue;
    if (field === 'messageTimestampType') {
      if (raw === 'CreateTime' || raw === 'LogAppendTime') cfg.messageTimestampType = raw;
      continue;
    }
    const n = Number(raw);
    if (Number.isFinite(n) && Number.isInteger(n)) cfg[field] = n;
  }
  return cfg;
}
