// kafkajs clients built from a ConnectionSpec, logging through Brook's logger (kafkajs is noisy).
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { Logger } from '../logger';
import type { ConnectionSpec } from './connection';

export interface ClientTuning {
  clientId?: string;
  connectionTimeout?: number;
  requestTimeout?: number;
  retries?: number;
}

export function kafkaClient(spec: ConnectionSpec, logger: Logger, tuning: ClientTuning = {}): Kafka {
  const config: KafkaConfig = {
    clientId: tuning.clientId ?? 'brook',
    brokers: spec.brokers,
    connectionTimeout: tuning.connectionTimeout ?? 5_000,
    authenticationTimeout: tuning.connectionTimeout ?? 5_000,
    requestTimeout: tuning.requestTimeout ?? 15_000,
    retry: { retries: tuning.retries ?? 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    logLevel: logLevel.INFO,
    logCreator: () => ({ level, log }) => {
      const text = `${log.message}${log.error ? `: ${String(log.error)}` : ''}`;
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.debug(text);
      else logger.debug(text);
    },
  };
  if (spec.tls) config.ssl = spec.tls;
  if (spec.sasl) {
    const { mechanism, username, password } = spec.sasl;
    config.sasl = (
      mechanism === 'PLAIN' ? { mechanism: 'plain', username, password }
      : mechanism === 'SCRAM-SHA-256' ? { mechanism: 'scram-sha-256', username, password }
      : { mechanism: 'scram-sha-512', username, password }
    ) satisfies SASLOptions;
  }
  return new Kafka(config);
}
