// CreateTopics (key 19), v2-v7 (Kafka 4's minimum is v2; kafkajs and kafka-python ask for v3, Kafka
// 4's Java admin for v7). Per topic, in Kafka's order: a name given twice -> INVALID_REQUEST, in one
// result (Kafka keys results by name); an illegal name -> INVALID_TOPIC_EXCEPTION; an existing one
// -> TOPIC_ALREADY_EXISTS; a name that differs from an existing one only by '.' vs '_' ->
// INVALID_TOPIC_EXCEPTION; configs checked
// (unknown key, bad or null value -> INVALID_CONFIG); then partitions and replicas: -1 takes
// num.partitions / default.replication.factor, 0 or below -1 is refused, a replication factor above
// 1 cannot be met by one broker (INVALID_REPLICATION_FACTOR), and a manual assignment
// (numPartitions and replicationFactor -1) must name partitions 0..n-1 with broker 1 alone
// (INVALID_REPLICA_ASSIGNMENT). validateOnly checks everything and creates nothing. From v5 a
// result carries numPartitions, replicationFactor and the topic's configs, from v7 its topic id.
import { defineHandler } from './handler';
import { ApiKey, type CreateTopicsRequestTopics } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { Refused, asRefused, checkReplicas } from './topic-lookup';
import { topicNameProblem } from '../topic-names';
import { createdTopicConfigs, normaliseTopicConfigValue, topicConfigsProblem } from '../topic-configs';
import { randomUuid } from '../log/metadata';
import type { Broker } from '../broker';

export default defineHandler({
  apiKey: ApiKey.CreateTopics,
  minVersion: 2,
  maxVersion: 7,
  handle(request, { broker, version }) {
    const counts = new Map<string, number>();
    for (const t of request.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    // Kafka's results are keyed by name: a name given twice is answered once.
    const distinct = request.topics.filter((t, i, all) => all.findIndex((u) => u.name === t.name) === i);
    // One batch: the topics created share one fsync of the registry and of the data directory.
    return broker.logs.batch(() => ({
      throttleTimeMs: 0,
      topics: distinct.map((topic) => {
        try {
          if (counts.get(topic.name)! > 1) throw new Refused('INVALID_REQUEST', 'Duplicate topic name.');
          const plan = planTopic(broker, topic);
          const topicId = request.validateOnly ? randomUuid() : create(broker, topic.name, plan).topicId;
          return {
            name: topic.name,
            topicId,
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            numPartitions: plan.partitions,
            replicationFactor: 1,
            configs:
              version >= 5
                ? createdTopicConfigs(plan.configs, broker.config).map((c) => ({
                    name: c.name,
                    value: c.value,
                    readOnly: c.readOnly,
                    configSource: c.configSource,
                    isSensitive: c.isSensitive,
                  }))
                : [],
          };
        } catch (err) {
          const refused = asRefused(broker, err, `creating topic ${topic.name}`);
          return {
            name: topic.name,
            errorCode: ErrorCode[refused.errorName],
            errorMessage: refused.message,
            numPartitions: -1,
            replicationFactor: -1,
            configs: [],
          };
        }
      }),
    }));
  },
});

function create(broker: Broker, name: string, plan: { partitions: number; configs: Record<string, string> }): { topicId: Buffer } {
  const created = broker.logs.createTopic(name, plan.partitions, plan.configs);
  broker.log(`created topic ${name} with ${plan.partitions} partition(s)`);
  return created;
}

function planTopic(broker: Broker, topic: CreateTopicsRequestTopics): { partitions: number; configs: Record<string, string> } {
  const { name } = topic;
  const nameProblem = topicNameProblem(name);
  if (nameProblem) throw new Refused('INVALID_TOPIC_EXCEPTION', nameProblem);
  if (broker.logs.getTopic(name)) throw new Refused('TOPIC_ALREADY_EXISTS', `Topic '${name}' already exists.`);
  const collides = broker.logs.collidingTopic(name);
  if (collides) throw new Refused('INVALID_TOPIC_EXCEPTION', `Topic '${name}' collides with existing topic: ${collides}`);

  const configProblem = topicConfigsProblem(topic.configs);
  if (configProblem) throw new Refused('INVALID_CONFIG', configProblem);
  const configs: Record<string, string> = {};
  for (const c of topic.configs) configs[c.name] = normaliseTopicConfigValue(c.name, c.value!);

  if (topic.assignments.length > 0) {
    if (topic.replicationFactor !== -1) {
      throw new Refused('INVALID_REPLICATION_FACTOR', 'A manual partition assignment was specified, but replication factor was not set to -1.');
    }
    if (topic.numPartitions !== -1) {
      throw new Refused('INVALID_PARTITIONS', 'A manual partition assignment was specified, but numPartitions was not set to -1.');
    }
    topic.assignments.forEach((a, i) => {
      if (a.partitionIndex !== i) {
        throw new Refused('INVALID_REPLICA_ASSIGNMENT', 'partitions should be a consecutive 0-based integer sequence');
      }
      checkReplicas(broker, a.brokerIds);
    });
    return { partitions: topic.assignments.length, configs };
  }

  if (topic.numPartitions === 0 || topic.numPartitions < -1) {
    throw new Refused('INVALID_PARTITIONS', 'Number of partitions was set to an invalid non-positive value.');
  }
  if (topic.replicationFactor === 0 || topic.replicationFactor < -1) {
    throw new Refused('INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0, or -1 to use the default value.');
  }
  const replicationFactor = topic.replicationFactor === -1 ? broker.config.defaultReplicationFactor : topic.replicationFactor;
  if (replicationFactor > 1) {
    throw new Refused(
      'INVALID_REPLICATION_FACTOR',
      `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ${replicationFactor} cannot be reached because only 1 broker(s) are registered.`,
    );
  }
  const partitions = topic.numPartitions === -1 ? broker.config.numPartitions : topic.numPartitions;
  return { partitions, configs };
}
