// topics:figures (a stream) and topic:watch (a subscription): a topic's figures from its
// partitions' watermarks (ListOffsets earliest and latest). The stream reads topics a batch at a
// time, a few at once within a batch, and checks for cancellation before every request it makes, so
// a cancelled stream stops sending to the cluster at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { TopicFigures } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import type { LiveHandlers } from '../live/handlers';

/** Topics read at once within a batch. */
const CONCURRENCY = 8;

async function figuresOf(admin: Admin, topic: string, pool: AdminPool, clusterId: string): Promise<TopicFigures> {
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    let records = 0;
    let endOffsets = 0;
    for (const p of offsets) {
      records += Number(p.high) - Number(p.low);
      endOffsets += Number(p.high);
    }
    return { topic, partitions: offsets.length, records, endOffsets };
  } catch (error) {
    return { topic, partitions: 0, records: 0, endOffsets: 0, error: pool.failure(error, clusterId, `reading ${topic}`, topic).toShape() };
  }
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
        const admin = await pool.get(clusterId);
        const names = topics ?? (await admin.listTopics().catch((e: unknown) => Promise.reject(pool.failure(e, clusterId, 'listing topics')))).sort();
        ctx.progress({ done: 0, total: names.length });
        for (let i = 0; i < names.length; i += batchSize) {
          const batch = await mapLimited(names.slice(i, i + batchSize), CONCURRENCY, ctx.signal, (topic) => figuresOf(admin, topic, pool, clusterId));
          await ctx.chunk(batch);
          ctx.progress({ done: Math.min(names.length, i + batchSize), total: names.length });
        }
        return { topics: names.length, ms: Date.now() - started };
      },
    },
    subscriptions: {
      'topic:watch': async ({ clusterId, topic, intervalMs }, ctx) => {
        const admin = await pool.get(clusterId);
        while (!ctx.signal.aborted) {
          ctx.update(await figuresOf(admin, topic, pool, clusterId));
          await sleep(intervalMs, undefined, { signal: ctx.signal }).catch(() => undefined);
        }
      },
    },
  };
}
