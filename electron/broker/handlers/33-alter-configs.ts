// AlterConfigs (key 33), v0-v2 (kafkajs and kafka-python ask for v0..1). The legacy, non-incremental
// form: a topic's overrides are replaced by exactly the configs given (an empty list removes them
// all). Unknown key, bad or null value -> INVALID_CONFIG; unknown topic ->
// UNKNOWN_TOPIC_OR_PARTITION; a key or resource given twice -> INVALID_REQUEST. A BROKER resource
// of this node accepts an empty list only: broker settings are read at start, so any change is
// refused with INVALID_REQUEST (Kafka's answer for keys it cannot update dynamically).
// BROKER_LOGGER and other types -> INVALID_REQUEST. validateOnly checks and applies nothing.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { normaliseTopicConfigValue, topicConfigsProblem } from '../topic-configs';
import { Refused, alterConfigResource, duplicateResources } from './topic-lookup';

export default defineHandler({
  apiKey: ApiKey.AlterConfigs,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker }) {
    const dupes = duplicateResources(request.resources);
    return {
      throttleTimeMs: 0,
      responses: request.resources.map((r) =>
        alterConfigResource(
          broker,
          r,
          r.configs.map((c) => c.name),
          () => {
            const problem = topicConfigsProblem(r.configs);
            if (problem) throw new Refused('INVALID_CONFIG', problem);
            const next: Record<string, string> = {};
            for (const c of r.configs) next[c.name] = normaliseTopicConfigValue(c.name, c.value!);
            return next;
          },
          request.validateOnly,
          dupes,
        ),
      ),
    };
  },
});
