// messages:record: one record in full, for "show all" of a value a stream sent a preview of.
// One Fetch from the partition's leader at that offset on the cluster's shared wire (no wait at
// the leader: the record is there or it is not).
import { BrookError } from '../../../shared/errors';
import type { AdminPool } from '../clusters/admin-pool';
import type { Handlers } from '../registry';
import { PartitionFetcher } from './partition-fetcher';
import { topicLeaders } from './read-plan';
import { topicRecord } from './topic-record';

const WITHIN_MS = 15_000;

export function recordHandlers(pool: AdminPool): Pick<Handlers, 'messages:record'> {
  return {
    'messages:record': ({ id, topic, partition, offset }) =>
      pool.onWire(id, `reading offset ${offset} of "${topic}"`, async (wire) => {
        const leader = (await topicLeaders(wire, topic)).partitions.find((p) => p.partition === partition);
        if (!leader) throw new BrookError({ code: 'INVALID_INPUT', message: `"${topic}" has no partition ${partition}`, fields: { partition: 'Not a partition of this topic' } });
        const plan = { ...leader, logStartOffset: offset, endOffset: offset + 1, from: offset, to: offset + 1 };
        const fetcher = new PartitionFetcher(wire, topic, [plan], 0, AbortSignal.timeout(WITHIN_MS), (r) => (r.offset === offset ? topicRecord(r, Infinity) : undefined));
        while (!fetcher.finished) {
          const [found] = (await fetcher.next(() => true, 0)).records;
          if (found) return found;
        }
        throw new BrookError({
          code: 'NOT_FOUND',
          message: `Partition ${partition} of "${topic}" holds no record at offset ${offset}`,
          hint: 'It was deleted (retention, compaction, DeleteRecords), is a transaction marker, or lies beyond the end.',
        });
      }),
  };
}
