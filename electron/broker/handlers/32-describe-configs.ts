// DescribeConfigs (key 32), v1-v4 (Kafka 4's minimum is v1; kafkajs and kafka-python ask for v2).
// TOPIC (2): every topic config Kafka lists (topic-configs.ts) with its value in force: overrides as
// DYNAMIC_TOPIC_CONFIG, values inherited from a broker key set in the broker config as
// STATIC_BROKER_CONFIG, the rest DEFAULT_CONFIG; unknown topic -> UNKNOWN_TOPIC_OR_PARTITION,
// illegal name -> INVALID_TOPIC_EXCEPTION. BROKER (4), named by this node's id: the broker keys
// the sandbox implements, all read-only, STATIC_BROKER_CONFIG when set at start else
// DEFAULT_CONFIG, `listeners` as bound (the port clients reach, not the config's default 9092),
// TLS secrets (ssl.key.password ...) with a null value and isSensitive, as Kafka describes them;
// the name "" (cluster-wide dynamic defaults) has none, so an empty list; another id ->
// INVALID_REQUEST with Kafka's message. BROKER_LOGGER (8) and any other type -> INVALID_REQUEST
// (the sandbox has no loggers to show). configurationKeys filters by name (unknown names are left
// out, as Kafka does). Synonyms only when includeSynonyms; configType from v3; documentation is
// always null.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { topicNameProblem } from '../topic-names';
import {
  ResourceType,
  brokerResourceProblem,
  describeBrokerConfigs,
  describeTopicConfigs,
  type DescribedConfig,
} from '../topic-configs';
import { Refused, asRefused } from './topic-lookup';
import type { Broker } from '../broker';

export default defineHandler({
  apiKey: ApiKey.DescribeConfigs,
  minVersion: 1,
  maxVersion: 4,
  handle(request, { broker }) {
    return {
      throttleTimeMs: 0,
      results: request.resources.map((r) => {
        const base = { resourceType: r.resourceType, resourceName: r.resourceName };
        try {
          const keys = r.configurationKeys === null ? null : new Set(r.configurationKeys);
          const configs = describe(broker, r.resourceType, r.resourceName)
            .filter((c) => keys === null || keys.has(c.name))
            .map((c) => ({ ...c, synonyms: request.includeSynonyms ? c.synonyms : [], documentation: null }));
          return { ...base, errorCode: ErrorCode.NONE, errorMessage: null, configs };
        } catch (err) {
          const refused = asRefused(broker, err, `describing configs of ${r.resourceName}`);
          return { ...base, errorCode: ErrorCode[refused.errorName], errorMessage: refused.message, configs: [] };
        }
      }),
    };
  },
});

function describe(broker: Broker, type: number, name: string): DescribedConfig[] {
  switch (type) {
    case ResourceType.TOPIC: {
      const problem = topicNameProblem(name);
      if (problem) throw new Refused('INVALID_TOPIC_EXCEPTION', problem);
      const info = broker.logs.getTopic(name);
      if (!info) throw new Refused('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${name}' does not exist.`);
      return describeTopicConfigs(info.configs, broker.config);
    }
    case ResourceType.BROKER: {
      const problem = brokerResourceProblem(name, broker.nodeId);
      if (problem) throw new Refused('INVALID_REQUEST', problem);
      return name === '' ? [] : describeBrokerConfigs(broker.config, broker.listenersInForce);
    }
    case ResourceType.BROKER_LOGGER:
      throw new Refused('INVALID_REQUEST', 'Unsupported resource type: BROKER_LOGGER (the sandbox broker has no loggers to describe)');
    default:
      throw new Refused('INVALID_REQUEST', `Unsupported resource type: ${type}`);
  }
}
