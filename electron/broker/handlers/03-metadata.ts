// Metadata (key 3), v0-12. This one node leads every partition with itself as the only replica and
// ISR member. A null topic list (or an empty one in v0) means all topics. Unknown topics are created
// when the request allows it (v4+: AllowAutoTopicCreation, always in v0-3) and
// auto.create.topics.enable is on; they are created synchronously, so the answer already lists them.
// Topic ids from v10, lookup by topic id with a null name from v12.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { isInternalTopic, topicNameProblem } from '../topic-names';
import type { Broker } from '../broker';
import type { TopicInfo } from '../log';

const NO_OPERATIONS = -2147483648;
const ZERO_UUID = Buffer.alloc(16);

export default defineHandler({
  apiKey: ApiKey.Metadata,
  minVersion: 0,
  maxVersion: 12,
  handle(request, { broker, version, connection }) {
    const { host, port } = broker.endpoint(connection.listener.name);
    const all = request.topics === null || (version === 0 && request.topics.length === 0);
    const autoCreate = (version < 4 || request.allowAutoTopicCreation) && broker.config.autoCreateTopicsEnable;
    const topics = all
      ? broker.logs.listTopics().map((t) => describeTopic(broker, t))
      : request.topics!.map((requested) => {
          if (requested.name === null) {
            const byId = broker.logs.getTopicById(requested.topicId);
            return byId
              ? describeTopic(broker, byId)
              : { errorCode: ErrorCode.UNKNOWN_TOPIC_ID, name: null, topicId: requested.topicId, partitions: [] };
          }
          const name = requested.name;
          const existing = broker.logs.getTopic(name);
          if (existing) return describeTopic(broker, existing);
          const problem = topicNameProblem(name);
          if (problem) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, name, topicId: ZERO_UUID, partitions: [] };
          if (!autoCreate) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, topicId: ZERO_UUID, partitions: [] };
          const created = broker.logs.createTopic(name, broker.config.numPartitions, {});
          broker.log(`auto-created topic ${name} with ${created.partitions} partition(s)`);
          return describeTopic(broker, created);
        });
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: broker.nodeId, host, port, rack: null }],
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      topics: topics.map((t) => ({ ...t, topicAuthorizedOperations: NO_OPERATIONS })),
      clusterAuthorizedOperations: NO_OPERATIONS,
    };
  },
});

function describeTopic(broker: Broker, t: TopicInfo) {
  const nodes = [broker.nodeId];
  return {
    errorCode: ErrorCode.NONE,
    name: t.name,
    topicId: t.topicId,
    isInternal: isInternalTopic(t.name),
    partitions: Array.from({ length: t.partitions }, (_, partitionIndex) => ({
      errorCode: ErrorCode.NONE,
      partitionIndex,
      leaderId: broker.nodeId,
      leaderEpoch: 0,
      replicaNodes: nodes,
      isrNodes: nodes,
      offlineReplicas: [],
    })),
  };
}
