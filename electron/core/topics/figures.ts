// topics:figures (a stream) and topic:watch (a subscription): topics' figures from their
// partitions' watermarks, their bytes on disk and two configs. The stream reads topics a batch at
// a time (one Metadata, per broker two ListOffsets and one DescribeLogDirs, see partitions.ts, and
// DescribeConfigs), a few batches ahead of the caller at most, and checks for cancellation before
// every batch and every broker's requests, so a cancelled stream stops sending to the cluster at
// once. A watch on a topic that is deleted ends with UNKNOWN_TOPIC.
import { setTimeout as sleep } from 'node:timers/promises';
import { BrookError } from '../../../shared/errors';
import type { TopicFigures } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import { topicConfigValues } from '../clusters/describe-configs';
import { describeLogDirs, topicBytes } from '../clusters/log-dirs';
import type { LiveHandlers } from '../live/handlers';
import { streamBatches } from '../live/read-ahead';
import { readPartitions } from './partitions';

const unknownTopic = (topic: string): TopicFigures => ({
  topic,
  partitions: 0,
  records: 0,
  endOffsets: 0,
  error: { code: 'UNKNOWN_TOPIC', message: `Topic "${topic}" does not exist on this cluster (UNKNOWN_TOPIC_OR_PARTITION)`, hint: 'It may have been deleted, or not created yet: refresh the list of topics.' },
});

/** The figures of a batch of topics: one Metadata, two ListOffsets and one DescribeLogDirs per broker. */
async function figuresOf(pool: AdminPool, clusterId: string, topics: string[], signal?: AbortSignal): Promise<TopicFigures[]> {
  try {
    return await pool.onWire(clusterId, 'reading topic figures', async (wire) => {
      const { topics: states, brokers } = await readPartitions(wire, topics, signal);
      signal?.throwIfAborted();
      const known = [...states.values()].filter((s) => !s.error);
      const disk = known.length ? await describeLogDirs(wire, known, brokers).catch(() => undefined) : undefined;
      return topics.map((topic) => {
        const state = states.get(topic);
        if (!state || state.error === 'UNKNOWN_TOPIC_OR_PARTITION') return unknownTopic(topic);
        if (state.error) return { topic, partitions: state.partitions.length, records: 0, endOffsets: 0, error: { code: 'KAFKA_ERROR', message: `The cluster could not read "${topic}" (${state.error})` } };
        let records = 0;
        let endOffsets = 0;
        for (const p of state.partitions) {
          records += Math.max(0, p.highWatermark - p.logStartOffset);
          endOffsets += Math.max(0, p.highWatermark);
        }
        const bytes = disk ? topicBytes(disk, topic) : undefined;
        // Only the brokers holding a replica of this topic leave its bytes short.
        const missing = (disk?.missing ?? []).filter((m) => state.partitions.some((p) => p.replicas.includes(m.broker)));
        return {
          topic,
          partitions: state.partitions.length,
          records,
          endOffsets,
          ...(bytes !== undefined ? { bytes } : {}),
          ...(missing.length ? { bytesMissing: missing.map((m) => m.broker) } : {}),
        };
      });
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const shape = (error as BrookError).toShape?.() ?? { code: 'KAFKA_ERROR' as const, message: (error as Error).message };
    return topics.map((topic) => ({ topic, partitions: 0, records: 0, endOffsets: 0, error: shape }));
  }
}

/** retention.ms and cleanup.policy of a batch of topics; none when the cluster refuses them. */
async function configsOf(pool: AdminPool, clusterId: string, topics: string[]): Promise<Map<string, { retentionMs?: number; cleanupPolicy?: string }>> {
  const out = new Map<string, { retentionMs?: number; cleanupPolicy?: string }>();
  if (topics.length === 0) return out;
  try {
    const { values } = await pool.onWire(clusterId, 'reading topic configs', (wire) => topicConfigValues(wire, topics, ['retention.ms', 'cleanup.policy']));
    for (const [topic, v] of values) {
      const retention = v['retention.ms'];
      const cleanup = v['cleanup.policy'];
      out.set(topic, { ...(retention !== undefined ? { retentionMs: Number(retention) } : {}), ...(cleanup ? { cleanupPolicy: cleanup } : {}) });
    }
  } catch {
    // Figures without configs (a cluster that refuses DescribeConfigs to this user, say): the columns stay empty.
  }
  return out;
}

export function topicFigureHandlers(pool: AdminPool): { streams: Pick<LiveHandlers['streams'], 'topics:figures'>; subscriptions: Pick<LiveHandlers['subscriptions'], 'topic:watch'> } {
  return {
    streams: {
      'topics:figures': async ({ clusterId, topics, batchSize }, ctx) => {
        const started = Date.now();
        // Topics named that the cluster does not have are answered from its list, never asked for:
        // asking kafkajs about a missing topic can spoil its client for the others (see retire()).
        const existing = new Set(await pool.call(clusterId, 'listing topics', (admin) => admin.listTopics()));
        const names = topics ?? [...existing].sort();
        ctx.progress({ done: 0, total: names.length });
        const read = async (slice: string[]): Promise<TopicFigures[]> => {
          const present = slice.filter((t) => existing.has(t));
          const [batch, configs] = await Promise.all([figuresOf(pool, clusterId, present, ctx.signal), configsOf(pool, clusterId, present)]);
          const byTopic = new Map(batch.map((f) => [f.topic, f]));
          return slice.map((topic) => ({ ...(byTopic.get(topic) ?? unknownTopic(topic)), ...configs.get(topic) }));
        };
        const batches: string[][] = [];
        for (let i = 0; i < names.length; i += batchSize) batches.push(names.slice(i, i + batchSize));
        await streamBatches(ctx, batches, read, 0, names.length);
        return { topics: names.length, ms: Date.now() - started };
      },
    },
    subscriptions: {
      'topic:watch': async ({ clusterId, topic, intervalMs }, ctx) => {
        while (!ctx.signal.aborted) {
          const [figures] = await figuresOf(pool, clusterId, [topic], ctx.signal);
          // A topic deleted while watched ends the watch with the reason: it does not come back by itself.
          if (figures.error?.code === 'UNKNOWN_TOPIC') throw new BrookError(figures.error);
          ctx.update(figures);
          await sleep(intervalMs, undefined, { signal: ctx.signal }).catch(() => undefined);
        }
      },
    },
  };
}
