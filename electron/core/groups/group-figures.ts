// groups:figures (a stream): the groups list's figures, a batch of groups of one coordinator at a
// time (group-reading.ts: one DescribeGroups and one OffsetFetch per batch, the watermarks of
// their topics), a few batches ahead of the caller at most, checking for cancellation before each,
// so a cancelled stream stops sending to the cluster at once and a slow caller holds it back.
import type { GroupFigures } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import type { GroupState } from '../clusters/group-states';
import type { LiveHandlers } from '../live/handlers';
import { streamBatches } from '../live/read-ahead';
import { readPartitions, type TopicStates } from '../topics/partitions';
import { listGroups, unknownGroup } from './coordinators';
import { figuresOf, readGroups, topicsOf } from './group-reading';

const failed = (groupId: string, state: string, error: string): GroupFigures => ({
  groupId,
  state,
  members: null,
  protocol: '',
  topics: [],
  partitions: 0,
  lag: null,
  maxLag: null,
  error,
});

async function batchFigures(pool: AdminPool, clusterId: string, batch: GroupState[], signal: AbortSignal): Promise<GroupFigures[]> {
  const coordinator = batch[0]!.coordinator;
  try {
    return await pool.onWire(clusterId, 'reading consumer group figures', async (wire) => {
      const readings = await readGroups(wire, coordinator, batch.map((g) => g.groupId));
      signal.throwIfAborted();
      const topics = [...new Set(readings.flatMap(topicsOf))];
      const states: TopicStates = topics.length ? await readPartitions(wire, topics, signal, { logStart: false }) : { topics: new Map(), brokers: [] };
      return readings.map((r, i) => figuresOf(r, states, batch[i]!.state));
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return batch.map((g) => failed(g.groupId, g.state, `Group "${g.groupId}" could not be read: ${(error as Error).message}`));
  }
}

export function groupFigureHandlers(pool: AdminPool): Pick<LiveHandlers['streams'], 'groups:figures'> {
  return {
    'groups:figures': async ({ clusterId, groups, batchSize }, ctx) => {
      const started = Date.now();
      const listed = await pool.onWire(clusterId, 'listing consumer groups', (wire) => listGroups(wire));
      const byId = new Map(listed.groups.map((g) => [g.groupId, g]));
      const names = groups ?? listed.groups.map((g) => g.groupId);
      // Groups named that no broker lists are answered as unknown, never asked for.
      const unknown = names.filter((n) => !byId.has(n));
      if (unknown.length) await ctx.chunk(unknown.map((groupId) => failed(groupId, 'Dead', unknownGroup(groupId).message)));
      const byCoordinator = new Map<number, GroupState[]>();
      for (const n of names) {
        const g = byId.get(n);
        if (g) byCoordinator.set(g.coordinator, [...(byCoordinator.get(g.coordinator) ?? []), g]);
      }
      const batches: GroupState[][] = [];
      for (const gs of byCoordinator.values()) for (let i = 0; i < gs.length; i += batchSize) batches.push(gs.slice(i, i + batchSize));
      ctx.progress({ done: unknown.length, total: names.length });
      await streamBatches(ctx, batches, (batch) => batchFigures(pool, clusterId, batch, ctx.signal), unknown.length, names.length);
      return { groups: names.length, missing: listed.missing, ms: Date.now() - started };
    },
  };
}
