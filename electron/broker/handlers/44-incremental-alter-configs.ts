// IncrementalAlterConfigs (key 44), v0-v1 (Kafka 4's Java admin and kafka-topics/kafka-configs use
// it; kafkajs and kafka-python do not). Per key: SET (0) overrides, DELETE (1) removes the
// override, APPEND (2) / SUBTRACT (3) add or remove items of a LIST config (starting from its value
// in force); APPEND/SUBTRACT on another type -> INVALID_CONFIG. Unknown key, bad or null value ->
// INVALID_CONFIG; unknown operation, key or resource given twice -> INVALID_REQUEST; unknown topic
// -> UNKNOWN_TOPIC_OR_PARTITION. A BROKER resource of this node accepts no change (INVALID_REQUEST:
// the sandbox reads its settings at start only). validateOnly checks and applies nothing.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import {
  TOPIC_CONFIG_KEYS,
  describeTopicConfigs,
  editList,
  isTopicConfigKey,
  normaliseTopicConfigValue,
  topicConfigProblem,
} from '../topic-configs';
import { Refused, alterConfigResource, duplicateResources } from './topic-lookup';

const SET = 0;
const DELETE = 1;
const APPEND = 2;
const SUBTRACT = 3;
const OP_NAMES = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

export default defineHandler({
  apiKey: ApiKey.IncrementalAlterConfigs,
  minVersion: 0,
  maxVersion: 1,
  handle(request, { broker }) {
    const dupes = duplicateResources(request.resources);
    return {
      throttleTimeMs: 0,
      responses: request.resources.map((r) =>
        alterConfigResource(
          broker,
          r,
          r.configs.map((c) => c.name),
          (current) => {
            const next: Record<string, string> = { ...current };
            for (const c of r.configs) {
              if (c.configOperation < SET || c.configOperation > SUBTRACT) {
                throw new Refused('INVALID_REQUEST', `Unknown operation type ${c.configOperation}`);
              }
              if (c.configOperation === DELETE) {
                if (!isTopicConfigKey(c.name)) throw new Refused('INVALID_CONFIG', `Unknown topic config name: ${c.name}`);
                delete next[c.name];
                continue;
              }
              const problem = topicConfigProblem(c.name, c.value);
              if (problem) throw new Refused('INVALID_CONFIG', problem);
              if (c.configOperation === SET) {
                next[c.name] = normaliseTopicConfigValue(c.name, c.value!);
                continue;
              }
              if (TOPIC_CONFIG_KEYS[c.name].type !== 'LIST') {
                throw new Refused('INVALID_CONFIG', `Can't ${OP_NAMES[c.configOperation]} to key ${c.name} because its type is not LIST.`);
              }
              const inForce =
                next[c.name] ?? describeTopicConfigs({}, broker.config).find((d) => d.name === c.name)?.value ?? '';
              next[c.name] = editList(inForce, c.value!, c.configOperation === APPEND ? 'append' : 'subtract');
            }
            return next;
          },
          request.validateOnly,
          dupes,
        ),
      ),
    };
  },
});
