// topics:addPartitions: CreatePartitions over the wire (any broker forwards it to the controller),
// validateOnly first from the UI; Kafka's refusal (INVALID_PARTITIONS, a policy) in its own
// message, beside the count. Once done, the answer waits until the new partitions' leaders answer
// for them, so the drawer shows them at once.
import {
  CreatePartitionsRequestSpec,
  CreatePartitionsResponseSpec,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
} from '../../broker/protocol/messages.generated';
import type { AdminPool } from '../clusters/admin-pool';
import { api, kafkaErrorName } from '../clusters/wire';
import type { Handlers } from '../registry';
import { readPartitions } from './partitions';
import { refused, settled } from './refused';

const createPartitionsApi = api<CreatePartitionsRequest, CreatePartitionsResponse>(CreatePartitionsRequestSpec, CreatePartitionsResponseSpec);

export function addPartitionsHandlers(pool: AdminPool): Pick<Handlers, 'topics:addPartitions'> {
  return {
    'topics:addPartitions': ({ id, topic, count, validateOnly }) =>
      pool.onWire(id, `adding partitions to ${topic}`, async (wire) => {
        const { response } = await wire.sendAny(createPartitionsApi, { topics: [{ name: topic, count, assignments: null }], timeoutMs: 30_000, validateOnly }, [0, 3]);
        const result = response.results.find((r) => r.name === topic);
        if (result?.errorCode) throw refused(topic, kafkaErrorName(result.errorCode), result.errorMessage, 'count', 'A topic\'s partitions can be raised, never lowered: give a number above today\'s.');
        if (!validateOnly) {
          // Metadata names a new partition's leader before the leader hosts it: wait until each answers ListOffsets.
          await settled(
            () => readPartitions(wire, [topic]),
            (states) => {
              const state = states.topics.get(topic);
              return !state?.error && state?.partitions.length === count && state.partitions.every((p) => p.highWatermark >= 0);
            },
          );
        }
        return { partitions: count, added: !validateOnly };
      }),
  };
}
