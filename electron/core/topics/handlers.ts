// topics:* handlers: the list of a cluster's topics with their health, from one Metadata request,
// and one topic's partitions with their watermarks and the leaders' bytes on disk.
import type { TopicSummary } from '../../../shared/model';
import { BrookError } from '../../../shared/errors';
import type { AdminPool } from '../clusters/admin-pool';
import { describeLogDirs } from '../clusters/log-dirs';
import type { Handlers } from '../registry';
import { metadata, readPartitions } from './partitions';

type TopicHandlers = Pick<Handlers, 'topics:list' | 'topics:describe'>;

interface MetadataPartition {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

const isInternal = (name: string) => name.startsWith('_');

/** What a screen about one topic says when the topic is gone. */
export const unknownTopic = (topic: string) =>
  new BrookError({ code: 'UNKNOWN_TOPIC', message: `Topic "${topic}" does not exist on this cluster (UNKNOWN_TOPIC_OR_PARTITION)`, hint: 'It may have been deleted: go back to the list of topics and refresh it.' });

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
      pool.onWire(id, 'listing topics', async (wire) => {
        const { topics } = await metadata(wire, null);
        return topics
          .filter((t) => t.errorCode === 0 && t.name)
          .map((t) => summarize(t.name!, t.partitions.map((p) => ({ partitionId: p.partitionIndex, leader: p.leaderId, replicas: p.replicaNodes, isr: p.isrNodes }))))
          .sort((a, b) => a.name.localeCompare(b.name));
      }),
    'topics:describe': ({ id, topic }) =>
      pool.onWire(id, `describing ${topic}`, async (wire) => {
        const { topics, brokers } = await readPartitions(wire, [topic]);
        const state = topics.get(topic);
        if (!state || state.error === 'UNKNOWN_TOPIC_OR_PARTITION') {
          throw unknownTopic(topic);
        }
        const disk = await describeLogDirs(wire, [state], brokers).catch(() => undefined);
        const sizes = disk?.sizes.get(topic);
        return {
          name: topic,
          internal: isInternal(topic),
          partitions: state.partitions.map((p) => {
            const bytes = sizes?.get(p.partition)?.get(p.leader);
            return { ...p, ...(bytes !== undefined ? { bytes } : {}) };
          }),
        };
      }),
  };
}
