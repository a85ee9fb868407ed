// topics:create and topics:delete. A refusal comes back beside the field it is about, in Kafka's
// name for it: a taken name under the name, a replication factor above the brokers under the
// replication factor, a refused config under the configs.
import { BrookError } from '../../../shared/errors';
import type { AdminPool } from '../clusters/admin-pool';
import type { Handlers } from '../registry';

type ChangeHandlers = Pick<Handlers, 'topics:create' | 'topics:delete'>;

/** Kafka's error names for a refused topic, with the form field each is about and what it means. */
const refusals: Record<string, [field: string, message: string]> = {
  TOPIC_ALREADY_EXISTS: ['name', 'A topic of this name exists (TOPIC_ALREADY_EXISTS)'],
  INVALID_TOPIC_EXCEPTION: ['name', 'The cluster refused this name (INVALID_TOPIC_EXCEPTION)'],
  INVALID_REPLICATION_FACTOR: ['replicationFactor', 'More replicas than the cluster has brokers, or fewer than 1 (INVALID_REPLICATION_FACTOR)'],
  INVALID_PARTITIONS: ['partitions', 'The cluster refused this number of partitions (INVALID_PARTITIONS)'],
  INVALID_CONFIG: ['configs', 'The cluster refused a config (INVALID_CONFIG)'],
  POLICY_VIOLATION: ['configs', "The cluster's create-topic policy refused it (POLICY_VIOLATION)"],
};

function refusal(error: unknown): BrookError | undefined {
  const errors = (error as { errors?: unknown[] }).errors ?? [error];
  for (const e of errors) {
    const known = refusals[(e as { type?: string }).type ?? ''];
    if (known) {
      const [field, message] = known;
      return new BrookError({ code: 'INVALID_INPUT', message, hint: 'Change it and try again.', fields: { [field]: message }, detail: (e as Error).message });
    }
  }
  return undefined;
}

export function topicChangeHandlers(pool: AdminPool): ChangeHandlers {
  return {
    'topics:create': async ({ id, topic, validateOnly }) => {
      const created = await pool.call(id, `creating ${topic.name}`, (admin) =>
        admin.createTopics({
          validateOnly,
          waitForLeaders: !validateOnly,
          topics: [{ topic: topic.name, numPartitions: topic.partitions, replicationFactor: topic.replicationFactor, configEntries: Object.entries(topic.configs).map(([name, value]) => ({ name, value })) }],
        }).catch((error: unknown) => Promise.reject(refusal(error) ?? error)),
      );
      // kafkajs answers false, not an error, when the name is taken.
      if (!created) throw refusal({ type: 'TOPIC_ALREADY_EXISTS' })!;
      return { created: !validateOnly };
    },
    'topics:delete': async ({ id, topic }) => {
      try {
        await pool.call(id, `deleting ${topic}`, (admin) => admin.deleteTopics({ topics: [topic] }), topic);
      } catch (error) {
        // kafkajs reads metadata again after the delete, and fails when others still ask about the
        // topic: the delete went through if the cluster no longer lists it.
        if ((error as BrookError).code !== 'UNKNOWN_TOPIC') throw error;
        const topics = await pool.call(id, 'listing topics', (admin) => admin.listTopics());
        if (topics.includes(topic)) throw error;
      }
      return { deleted: true };
    },
  };
}
