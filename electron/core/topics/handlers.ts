// topics:* handlers: the list of a cluster's topics with their health, from one Metadata request,
// and one topic's partitions with their watermarks.
import type { PartitionInfo, TopicSummary } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import type { Handlers } from '../registry';

type TopicHandlers = Pick<Handlers, 'topics:list' | 'topics:describe'>;

interface MetadataPartition {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

const isInternal = (name: string) => name.startsWith('_');

function partitionInfo(p: MetadataPartition): PartitionInfo {
  return { partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas ?? [] };
}

export function summarize(name: string, partitions: MetadataPartition[]): TopicSummary {
  return {
    name,
    internal: isInternal(name),
    partitions: partitions.length,
    replicationFactor: Math.max(0, ...partitions.map((p) => p.replicas.length)),
    underReplicated: partitions.filter((p) => p.isr.length < p.replicas.length).length,
    offline: partitions.filter((p) => p.leader < 0).length,
  };
}

export function topicHandlers(pool: AdminPool): TopicHandlers {
  return {
    'topics:list': ({ id }) =>
      // No topics named: Metadata for all of them, in one request.
      pool.call(id, 'listing topics', async (admin) => {
        const { topics } = await admin.fetchTopicMetadata();
        return topics.map((t) => summarize(t.name, t.partitions)).sort((a, b) => a.name.localeCompare(b.name));
      }),
    'topics:describe': ({ id, topic }) =>
      pool.call(id, `describing ${topic}`, async (admin) => {
        const [{ topics }, offsets] = await Promise.all([admin.fetchTopicMetadata({ topics: [topic] }), admin.fetchTopicOffsets(topic)]);
        const marks = new Map(offsets.map((o) => [o.partition, o]));
        return {
          name: topic,
          internal: isInternal(topic),
          partitions: (topics[0]?.partitions ?? [])
            .map((p) => ({ ...partitionInfo(p), logStartOffset: Number(marks.get(p.partitionId)?.low ?? 0), highWatermark: Number(marks.get(p.partitionId)?.high ?? 0) }))
            .sort((a, b) => a.partition - b.partition),
        };
      }, topic),
  };
}
