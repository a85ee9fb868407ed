// DeleteTopics (key 20), v1-v6 (Kafka 4's minimum is v1; kafkajs asks for v1, kafka-python for v3).
// Up to v5 topics are named; v6 names each by name or by topic id (not both). With
// delete.topic.enable=false every topic gets TOPIC_DELETION_DISABLED (v3+; INVALID_REQUEST before,
// as Kafka answers). An unknown name gives UNKNOWN_TOPIC_OR_PARTITION, an unknown id
// UNKNOWN_TOPIC_ID, a topic named twice INVALID_REQUEST. Internal topics (__consumer_offsets) are
// deleted like any other, as Kafka's broker does (only Kafka's CLI refuses them). Deletion is done
// before the answer, so timeoutMs never expires. errorMessage from v5, topicId from v6.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { Refused, asRefused } from './topic-lookup';

const ZERO_UUID = Buffer.alloc(16);

export default defineHandler({
  apiKey: ApiKey.DeleteTopics,
  minVersion: 1,
  maxVersion: 6,
  handle(request, { broker, version }) {
    const wanted =
      version >= 6 ? request.topics : request.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    const seen = new Map<string, number>();
    const keyOf = (t: { name: string | null; topicId: Buffer }) => (t.name !== null ? `n:${t.name}` : `i:${t.topicId.toString('hex')}`);
    for (const t of wanted) seen.set(keyOf(t), (seen.get(keyOf(t)) ?? 0) + 1);
    return {
      throttleTimeMs: 0,
      responses: wanted.map((t) => {
        let name = t.name;
        let topicId = t.topicId;
        try {
          if (t.name !== null && !t.topicId.equals(ZERO_UUID)) {
            throw new Refused('INVALID_REQUEST', 'You may not specify both topic name and topic id.');
          }
          if (seen.get(keyOf(t))! > 1) {
            throw new Refused('INVALID_REQUEST', t.name !== null ? 'Duplicate topic name.' : 'Duplicate topic id.');
          }
          if (!broker.config.deleteTopicEnable) {
            throw new Refused(
              version >= 3 ? 'TOPIC_DELETION_DISABLED' : 'INVALID_REQUEST',
              'Topic deletion is disabled (delete.topic.enable=false).',
            );
          }
          const info = t.name !== null ? broker.logs.getTopic(t.name) : broker.logs.getTopicById(t.topicId);
          if (!info) {
            throw t.name !== null
              ? new Refused('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.')
              : new Refused('UNKNOWN_TOPIC_ID', 'This server does not host this topic ID.');
          }
          name = info.name;
          topicId = info.topicId;
          broker.logs.deleteTopic(info.name);
          broker.offsets.deleteTopic(info.name);
          broker.log(`deleted topic ${info.name}`);
          return { name, topicId, errorCode: ErrorCode.NONE, errorMessage: null };
        } catch (err) {
          const refused = asRefused(broker, err, `deleting topic ${name ?? topicId.toString('hex')}`);
          return { name, topicId, errorCode: ErrorCode[refused.errorName], errorMessage: refused.message };
        }
      }),
    };
  },
});
