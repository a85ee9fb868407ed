// Topics a test makes, with leaders. kafkajs's createTopics({ waitForLeaders }) asks one broker's
// metadata and gives up when a broker that has not heard of the new topic yet answers
// UNKNOWN_TOPIC_OR_PARTITION (seen on 3-broker Kafka), so this asks again until every partition
// has a leader.
import type { Admin, ITopicConfig } from 'kafkajs';
import { until } from './until';

export async function createTopicsReady(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  await admin.createTopics({ topics });
  const names = topics.map((t) => t.topic);
  await until(`topics ${names.join(', ')} to have leaders`, async () => {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: names });
      return meta.every((t) => {
        const wanted = topics.find((x) => x.topic === t.name)?.numPartitions;
        return (wanted === undefined || wanted < 0 || t.partitions.length === wanted) && t.partitions.every((p) => p.leader >= 0);
      });
    } catch {
      return false; // a broker that does not know the topic yet
    }
  }, 60_000);
}
