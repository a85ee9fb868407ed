// How old the next record a group has yet to read is: its timestamp, read with one Fetch per leader
// from the committed offsets (no group joined: replicaId -1, as any reader). A partition whose
// record did not come whole in that answer (a batch larger than its share) is fetched again alone,
// where Kafka returns a first batch whole whatever its size.
import { FetchRequestSpec, FetchResponseSpec, type FetchRequest, type FetchResponse } from '../../broker/protocol/messages.generated';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';
import { fetchedRecords } from '../messages/fetched-records';

const fetchApi = api<FetchRequest, FetchResponse>(FetchRequestSpec, FetchResponseSpec);
const FETCH_VERSIONS: [number, number] = [4, 12];
const SHARE_BYTES = 64 * 1024;
const ALONE_BYTES = 16 * 1024 * 1024;

export interface Unread {
  topic: string;
  partition: number;
  leader: number;
  offset: number;
}

export const unreadKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** The timestamps of the records at `unread` offsets, by unreadKey; failures in `missing`, in Kafka's words. */
export async function nextTimestamps(wire: Wire, unread: Unread[]): Promise<{ timestamps: Map<string, number>; missing: string[] }> {
  const timestamps = new Map<string, number>();
  const missing: string[] = [];
  const fetchFrom = async (leader: number, parts: Unread[], partitionMaxBytes: number): Promise<Unread[]> => {
    const byTopic = new Map<string, Unread[]>();
    for (const u of parts) byTopic.set(u.topic, [...(byTopic.get(u.topic) ?? []), u]);
    const { response } = await wire.send(leader, fetchApi, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: Math.max(partitionMaxBytes, parts.length * SHARE_BYTES),
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [...byTopic].map(([topic, us]) => ({ topic, partitions: us.map((u) => ({ partition: u.partition, currentLeaderEpoch: -1, fetchOffset: BigInt(u.offset), lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes })) })),
      forgottenTopicsData: [],
      rackId: '',
    }, FETCH_VERSIONS);
    const again: Unread[] = [];
    for (const t of response.responses) {
      for (const p of t.partitions) {
        const u = byTopic.get(t.topic)?.find((x) => x.partition === p.partitionIndex);
        if (!u) continue;
        if (p.errorCode) {
          missing.push(`The next record of ${t.topic} [${p.partitionIndex}] could not be read (${kafkaErrorName(p.errorCode)})`);
          continue;
        }
        const data = p.records === null ? null : Buffer.isBuffer(p.records) ? p.records : Buffer.concat(p.records as Buffer[]);
        let first: number | undefined;
        // No end: the next offset may be a transaction marker, which is no record.
        fetchedRecords(data, { partition: u.partition, from: u.offset, until: null, aborted: null }, (r) => {
          first ??= r.timestamp;
          return undefined;
        });
        if (first !== undefined) timestamps.set(unreadKey(u.topic, u.partition), first);
        else if (partitionMaxBytes < ALONE_BYTES && data && data.length >= partitionMaxBytes) again.push(u);
      }
    }
    return again;
  };
  const byLeader = new Map<number, Unread[]>();
  for (const u of unread) if (u.leader >= 0) byLeader.set(u.leader, [...(byLeader.get(u.leader) ?? []), u]);
  await Promise.all(
    [...byLeader].map(async ([leader, parts]) => {
      try {
        const again = await fetchFrom(leader, parts, SHARE_BYTES);
        for (const u of again) await fetchFrom(leader, [u], ALONE_BYTES);
      } catch (error) {
        missing.push(`Broker ${leader} did not give the next records' timestamps (${(error as Error).message})`);
      }
    }),
  );
  return { timestamps, missing };
}
