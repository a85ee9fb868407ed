// topics:figures (a stream) and topic:watch (a subscription): a topic's figures from its
// partitions' watermarks (ListOffsets earliest and latest). The stream reads topics a batch at a
// time, a few at once within a batch, and checks for cancellation before every request it makes, so
// a cancelled stream stops sending to the cluster at once. A watch on a topic that is deleted ends
// with UNKNOWN_TOPIC.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConfigResourceTypes } from 'kafkajs';

/** Kafka's resource type TOPIC (kafkajs's ConfigResourceTypes.TOPIC, which its ES-module face does not export). */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;
import { BrookError } from '../../../shared/errors';
import type { TopicFigures } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import type { LiveHandlers } from '../live/handlers';

/** Topics read at once within a batch. */
const CONCURRENCY = 8;

const unknownTopic = (topic: string): TopicFigures => ({
  topic,
  partitions: 0,
  records: 0,
  endOffsets: 0,
  error: { code: 'UNKNOWN_TOPIC', message: `Topic "${topic}" does not exist on this cluster (UNKNOWN_TOPIC_OR_PARTITION)`, hint: 'It may have been deleted, or not created yet: refresh the list of topics.' },
});

/** A topic's figures, or why they could not be read. */
async function figuresOf(pool: AdminPool, clusterId: string, topic: string): Promise<TopicFigures> {
  try {
    const offsets = await pool.call(clusterId, `reading ${topic}`, (admin) => admin.fetchTopicOffsets(topic), topic);
    let records = 0;
    let endOffsets = 0;
    for (const p of offsets) {
      records += Number(p.high) - Number(p.low);
      endOffsets += Number(p.high);
    }
    return { topic, partitions: offsets.length, records, endOffsets };
  } catch (error) {
    return { topic, partitions: 0, records: 0, endOffsets: 0, error: (error as BrookError).toShape() };
  }
}

/** retention.ms and cleanup.policy of a batch of topics, in one DescribeConfigs; none when it fails. */
async function configsOf(pool: AdminPool, clusterId: string, topics: string[]): Promise<Map<string, { retentionMs?: number; cleanupPolicy?: string }>> {
  const out = new Map<string, { retentionMs?: number; cleanupPolicy?: string }>();
  if (topics.length === 0) return out;
  try {
    const { resources } = await pool.call(clusterId, 'reading topic configs', (admin) =>
      admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: ['retention.ms', 'cleanup.policy'] })) }),
    );
    for (const r of resources) {
      if (r.errorCode !== 0) continue;
      const value = (key: string) => r.configEntries.find((e) => e.configName === key)?.configValue;
      const retention = value('retention.ms');
      const cleanup = value('cleanup.policy');
      out.set(r.resourceName, { ...(retention !== undefined && retention !== null ? { retentionMs: Number(retention) } : {}), ...(cleanup ? { cleanupPolicy: cleanup } : {}) });
    }
  } catch {
    // Figures without configs (a cluster that refuses DescribeConfigs to this user, say): the columns stay empty.
  }
  return out;
}

async function mapLimited<T, R>(items: T[], limit: number, signal: AbortSignal, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal.throwIfAborted();
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
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
        for (let i = 0; i < names.length; i += batchSize) {
          const slice = names.slice(i, i + batchSize);
          const [batch, configs] = await Promise.all([
            mapLimited(slice, CONCURRENCY, ctx.signal, (topic) => (existing.has(topic) ? figuresOf(pool, clusterId, topic) : Promise.resolve(unknownTopic(topic)))),
            configsOf(pool, clusterId, slice.filter((t) => existing.has(t))),
          ]);
          await ctx.chunk(batch.map((f) => ({ ...f, ...configs.get(f.topic) })));
          ctx.progress({ done: Math.min(names.length, i + batchSize), total: names.length });
        }
        return { topics: names.length, ms: Date.now() - started };
      },
    },
    subscriptions: {
      'topic:watch': async ({ clusterId, topic, intervalMs }, ctx) => {
        while (!ctx.signal.aborted) {
          const figures = await figuresOf(pool, clusterId, topic);
          // A topic deleted while watched ends the watch with the reason: it does not come back by itself.
          if (figures.error?.code === 'UNKNOWN_TOPIC') throw new BrookError(figures.error);
          ctx.update(figures);
          await sleep(intervalMs, undefined, { signal: ctx.signal }).catch(() => undefined);
        }
      },
    },
  };
}
