// topics:configs and topics:alterConfigs. Every config of a topic from DescribeConfigs with
// synonyms (an override's next synonym is what it hides, so a reset is shown before it is made),
// and changes through IncrementalAlterConfigs (API 44, which kafkajs does not make): SET for a
// value, DELETE to drop an override. Kafka answers a refusal per resource, not per key, so it is
// put beside the change its message names (INVALID_CONFIG: "Invalid value x for configuration y").
import {
  IncrementalAlterConfigsRequestSpec,
  IncrementalAlterConfigsResponseSpec,
  type IncrementalAlterConfigsRequest,
  type IncrementalAlterConfigsResponse,
} from '../../broker/protocol/messages.generated';
import { configTypes, type ConfigChange, type TopicConfig, type TopicConfigs } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import { TOPIC, describeConfigsApi, sourceName } from '../clusters/describe-configs';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';
import type { Handlers } from '../registry';
import { refused, settled } from './refused';

const alterConfigsApi = api<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>(IncrementalAlterConfigsRequestSpec, IncrementalAlterConfigsResponseSpec);

/** IncrementalAlterConfigs operations. */
const SET = 0;
const DELETE = 1;

export async function describeTopicConfigs(wire: Wire, topic: string, names: string[] | null = null): Promise<TopicConfigs> {
  const { response } = await wire.sendAny(describeConfigsApi, {
    resources: [{ resourceType: TOPIC, resourceName: topic, configurationKeys: names }],
    includeSynonyms: true,
    includeDocumentation: false,
  }, [1, 4]);
  const result = response.results[0];
  if (!result) throw refused(topic, 'UNKNOWN_SERVER_ERROR', 'The cluster answered DescribeConfigs without the topic');
  if (result.errorCode) throw refused(topic, kafkaErrorName(result.errorCode), result.errorMessage);
  const configs = result.configs.map((c): TopicConfig => {
    const source = sourceName(c.configSource);
    // An override is its own first synonym; the next one is what the topic has without it.
    const hidden = source === 'DYNAMIC_TOPIC_CONFIG' ? c.synonyms.find((s) => sourceName(s.source) !== 'DYNAMIC_TOPIC_CONFIG') : undefined;
    return {
      name: c.name,
      value: c.value,
      source,
      readOnly: c.readOnly,
      sensitive: c.isSensitive,
      type: configTypes[c.configType] ?? 'UNKNOWN',
      ...(hidden ? { inherited: { name: hidden.name, value: hidden.value, source: sourceName(hidden.source) } } : {}),
    };
  });
  return { topic, configs: configs.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Whether a reading shows the change made. */
function shows(configs: TopicConfigs, change: ConfigChange): boolean {
  const now = configs.configs.find((c) => c.name === change.name);
  if ('reset' in change) return now?.source !== 'DYNAMIC_TOPIC_CONFIG';
  return now?.source === 'DYNAMIC_TOPIC_CONFIG' && now.value === change.value;
}

export function topicConfigHandlers(pool: AdminPool): Pick<Handlers, 'topics:configs' | 'topics:alterConfigs'> {
  return {
    'topics:configs': ({ id, topic }) => pool.onWire(id, `reading the configs of ${topic}`, (wire) => describeTopicConfigs(wire, topic)),
    'topics:alterConfigs': ({ id, topic, changes, validateOnly }) =>
      pool.onWire(id, `changing the configs of ${topic}`, async (wire) => {
        const { response } = await wire.sendAny(alterConfigsApi, {
          resources: [{
            resourceType: TOPIC,
            resourceName: topic,
            configs: changes.map((c) => ('reset' in c ? { name: c.name, configOperation: DELETE, value: null } : { name: c.name, configOperation: SET, value: c.value })),
          }],
          validateOnly,
        }, [0, 1]);
        const result = response.responses[0];
        if (result?.errorCode) {
          const named = changes.findIndex((c) => result.errorMessage?.includes(c.name));
          throw refused(topic, kafkaErrorName(result.errorCode), result.errorMessage, `changes.${Math.max(0, named)}.value`);
        }
        const read = () => describeTopicConfigs(wire, topic);
        return validateOnly ? read() : settled(read, (now) => changes.every((c) => shows(now, c)));
      }),
  };
}
