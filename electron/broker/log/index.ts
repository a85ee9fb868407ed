// The storage layer's public surface for the broker's handlers.
export { LogManager, type TopicInfo, type LogManagerOptions } from './log-manager';
export { PartitionLog, LEADER_EPOCH, type AppendResult, type ReadResult } from './partition-log';
export { DEFAULT_LOG_CONFIG, LOG_CONFIG_KEYS, resolveLogConfig, type LogConfig } from './config';
export { uuidToString, uuidFromString } from './metadata';
