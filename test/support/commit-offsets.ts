// Offsets committed for a group as an admin (generation -1, no member), over one raw connection to
// a one-broker cluster (the sandbox: it coordinates every group). kafkajs's setOffsets joins the
// group and waits about 5 s for a fetch each time; fixtures with many groups spent minutes there.
import assert from 'node:assert/strict';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { RawClient } from './raw-client';

export async function commitOffsets(port: number, commits: { groupId: string; topic: string; partitions: { partition: number; offset: number }[] }[]): Promise<void> {
  const raw = await RawClient.connect(port);
  try {
    for (const { groupId, topic, partitions } of commits) {
      const r = await raw.request(ApiKey.OffsetCommit, 8, {
        groupId,
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        topics: [{ name: topic, partitions: partitions.map((p) => ({ partitionIndex: p.partition, committedOffset: BigInt(p.offset), committedLeaderEpoch: -1, committedMetadata: null })) }],
      });
      for (const p of r.topics[0]?.partitions ?? []) assert.equal(p.errorCode, 0, `OffsetCommit of ${groupId} on ${topic} [${p.partitionIndex}]`);
    }
  } finally {
    raw.close();
  }
}
