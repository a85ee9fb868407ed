// DescribeConfigs through the wire rather than kafkajs's admin, which fails a whole batch when one
// topic of it has gone and drops the synonyms' sources. Topics go a batch per request to any
// broker, a few batches at once (never a request per topic); a BROKER resource goes to that broker,
// since only it knows its static configs. Sensitive values never leave core.
import { BrookError } from '../../../shared/errors';
import { configSources, type ConfigEntry } from '../../../shared/model';
import {
  DescribeConfigsRequestSpec,
  DescribeConfigsResponseSpec,
  type DescribeConfigsRequest,
  type DescribeConfigsResponse,
  type DescribeConfigsResponseResults,
} from '../../broker/protocol/messages.generated';
import { api, kafkaErrorName, type Wire } from './wire';

export const describeConfigsApi = api<DescribeConfigsRequest, DescribeConfigsResponse>(DescribeConfigsRequestSpec, DescribeConfigsResponseSpec);

/** Kafka's resource types. */
export const TOPIC = 2;
const BROKER = 4;
const DEFAULT_CONFIG = configSources.indexOf('DEFAULT_CONFIG');
const TOPICS_PER_REQUEST = 500;
const REQUESTS_AT_ONCE = 4;

/** Kafka's name for a DescribeConfigs configSource. */
export const sourceName = (source: number) => configSources[source] ?? 'UNKNOWN';

/** Some config keys of many topics: their values per topic, and the topics the cluster refused, with why. */
export async function topicConfigValues(wire: Wire, topics: readonly string[], keys: string[]): Promise<{ values: Map<string, Record<string, string>>; refused: Map<string, string> }> {
  const values = new Map<string, Record<string, string>>();
  const refused = new Map<string, string>();
  const batches: string[][] = [];
  for (let i = 0; i < topics.length; i += TOPICS_PER_REQUEST) batches.push(topics.slice(i, i + TOPICS_PER_REQUEST));
  const next = async (): Promise<void> => {
    const batch = batches.shift();
    if (!batch) return;
    const { response } = await wire.sendAny(describeConfigsApi, {
      resources: batch.map((resourceName) => ({ resourceType: TOPIC, resourceName, configurationKeys: keys })),
      includeSynonyms: false,
      includeDocumentation: false,
    }, [1, 4]);
    for (const r of response.results) {
      if (r.errorCode) {
        refused.set(r.resourceName, kafkaErrorName(r.errorCode));
        continue;
      }
      const found: Record<string, string> = {};
      for (const c of r.configs) if (keys.includes(c.name) && c.value !== null) found[c.name] = c.value;
      values.set(r.resourceName, found);
    }
    return next();
  };
  await Promise.all(Array.from({ length: Math.min(REQUESTS_AT_ONCE, batches.length) }, next));
  return { values, refused };
}

/** Every config of broker nodeId with its source, Kafka's default and its synonyms. */
export async function brokerConfigs(wire: Wire, nodeId: number): Promise<ConfigEntry[]> {
  const { response } = await wire.send(nodeId, describeConfigsApi, {
    resources: [{ resourceType: BROKER, resourceName: String(nodeId), configurationKeys: null }],
    includeSynonyms: true,
    includeDocumentation: false,
  }, [1, 4]);
  const result = response.results[0];
  if (!result) throw new BrookError({ code: 'KAFKA_ERROR', message: `Broker ${nodeId} answered DescribeConfigs without its configs` });
  if (result.errorCode) {
    throw new BrookError({
      code: 'KAFKA_ERROR',
      message: `Broker ${nodeId} refused to describe its configs (${kafkaErrorName(result.errorCode)})${result.errorMessage ? `: ${result.errorMessage}` : ''}`,
      hint: 'The user may lack DescribeConfigs on the cluster: ask for that ACL.',
    });
  }
  return result.configs.map((c) => entry(c)).sort((a, b) => a.name.localeCompare(b.name));
}

function entry(c: DescribeConfigsResponseResults['configs'][number]): ConfigEntry {
  const mask = (value: string | null) => (c.isSensitive ? null : value);
  return {
    name: c.name,
    value: mask(c.value),
    source: sourceName(c.configSource),
    default: mask(c.synonyms.find((s) => s.source === DEFAULT_CONFIG)?.value ?? null),
    readOnly: c.readOnly,
    sensitive: c.isSensitive,
    synonyms: c.synonyms.map((s) => ({ name: s.name, value: mask(s.value), source: sourceName(s.source) })),
  };
}
