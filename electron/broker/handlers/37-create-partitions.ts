// CreatePartitions (key 37), v0-v3 (kafkajs and kafka-python ask for v1). Raises a topic's
// partition count to `count`: not larger than today -> INVALID_PARTITIONS with Kafka's message;
// an unknown topic -> UNKNOWN_TOPIC_OR_PARTITION; a topic named twice -> INVALID_REQUEST. Manual
// assignments, when given, need one replica list per new partition, each naming broker 1 alone
// (INVALID_REPLICA_ASSIGNMENT). validateOnly checks everything and changes nothing.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { Refused, asRefused, checkReplicas } from './topic-lookup';

export default defineHandler({
  apiKey: ApiKey.CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  handle(request, { broker }) {
    const counts = new Map<string, number>();
    for (const t of request.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    return {
      throttleTimeMs: 0,
      results: request.topics.map((t) => {
        try {
          if (counts.get(t.name)! > 1) throw new Refused('INVALID_REQUEST', 'Duplicate topic name.');
          const info = broker.logs.getTopic(t.name);
          if (!info) throw new Refused('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${t.name}' does not exist.`);
          const current = info.partitions;
          if (t.count < current) {
            throw new Refused(
              'INVALID_PARTITIONS',
              `The topic ${t.name} currently has ${current} partition(s); ${t.count} would not be an increase.`,
            );
          }
          if (t.count === current) throw new Refused('INVALID_PARTITIONS', `Topic already has ${current} partition(s).`);
          const added = t.count - current;
          if (t.assignments !== null) {
            if (t.assignments.length !== added) {
              throw new Refused(
                'INVALID_REPLICA_ASSIGNMENT',
                `Attempted to add ${added} additional partition(s), but only ${t.assignments.length} assignment(s) were specified.`,
              );
            }
            for (const a of t.assignments) checkReplicas(broker, a.brokerIds);
          }
          if (!request.validateOnly) {
            broker.logs.createPartitions(t.name, t.count);
            broker.log(`topic ${t.name} now has ${t.count} partition(s)`);
          }
          return { name: t.name, errorCode: ErrorCode.NONE, errorMessage: null };
        } catch (err) {
          const refused = asRefused(broker, err, `adding partitions to ${t.name}`);
          return { name: t.name, errorCode: ErrorCode[refused.errorName], errorMessage: refused.message };
        }
      }),
    };
  },
});
