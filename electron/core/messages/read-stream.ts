// messages:read, the stream behind browsing, the live tail and search (see read-loop.ts). It reads
// on a wire of its own (its own connections: a tail's long-polling Fetch never queues the screens'
// requests behind it) and sends the contract's records, big bytes previewed, in chunks the caller
// acknowledges.
import type { ReadSummary } from '../../../shared/model';
import type { StreamInputParsed } from '../../../shared/streams';
import type { AdminPool } from '../clusters/admin-pool';
import type { StreamContext } from '../live/handlers';
import { readTopic } from './read-loop';
import { topicRecord } from './topic-record';

export function readStream(pool: AdminPool) {
  return async (input: StreamInputParsed<'messages:read'>, ctx: StreamContext<'messages:read'>): Promise<ReadSummary> => {
    const read = readTopic(input);
    return pool.onOwnWire(input.clusterId, `reading "${input.topic}"`, (wire) =>
      read(wire, () => pool.get(input.clusterId), { signal: ctx.signal, keep: (r) => topicRecord(r), deliver: (records) => ctx.chunk(records), progress: (p) => ctx.progress(p) }),
    );
  };
}
