// groups:watch on every target: two views watching one cluster are told their own groups' lag,
// only what changed; lag that grows while commits stand still is stalled after the watch's time;
// a commit clears it; a group deleted while watched is gone and no longer polled; its history is
// read back by Brook started again on the same folder.
import assert from 'node:assert/strict';
import { Kafka } from 'kafkajs';
import type { GroupLag, GroupLagUpdate } from '../../../shared/model';
import { silentKafkaLog } from '../../support/broker';
import type { Target } from '../../support/targets';
import { sleep, until } from '../../support/until';
import { makeCore, type WatchRun } from '../support';
import { createTopicsReady } from '../../support/create-topics';

/** What a watch was last told of each group. */
function latest(run: WatchRun<GroupLagUpdate>): Map<string, GroupLag> {
  const out = new Map<string, GroupLag>();
  for (const u of run.updates) for (const g of u.changed) out.set(g.groupId, g);
  return out;
}

export const watchingLagTitle = 'groups:watch: each view its groups, only changes, stalled lag, a deleted group gone';

export async function watchingLag(target: Target): Promise<void> {
  // A Brook of its own, to be closed and started again on the same folder.
  const app = makeCore();
  let closed = false;
  const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `watched-${target.name}`;
  const [behind, caughtUp] = ['behind', 'caught-up'].map((g) => `${g}-${target.name}`) as [string, string];
  const runs: WatchRun<GroupLagUpdate>[] = [];
  try {
    await createTopicsReady(admin, [{ topic, numPartitions: 2, replicationFactor: Math.min(3, target.brokers) }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [0, 0, 1, 1].map((partition, i) => ({ partition, value: `w${i}` })) });
    await admin.setOffsets({ groupId: behind, topic, partitions: [{ partition: 0, offset: '0' }, { partition: 1, offset: '0' }] });
    await admin.setOffsets({ groupId: caughtUp, topic, partitions: [{ partition: 1, offset: '2' }] });
    const clusterId = ((await app.call('clusters:save', { name: `${target.title} lag`, bootstrapServers: target.bootstrap })).value as { id: string }).id;

    const both = app.watch<GroupLagUpdate>('groups:watch', { clusterId, groups: [behind, caughtUp], intervalMs: 1_000, stalledAfterMs: 1_000 });
    const one = app.watch<GroupLagUpdate>('groups:watch', { clusterId, groups: [behind], intervalMs: 1_000 });
    runs.push(both, one);
    await until('both views to hear of their groups', () => latest(both).size === 2 && latest(one).size === 1);
    assert.deepEqual([...latest(both).values()].map((g) => [g.groupId, g.state, g.lag, g.maxLag]).sort(), [[behind, 'Empty', 4, 2], [caughtUp, 'Empty', 0, 0]].sort());
    assert.deepEqual(one.updates[0]!.changed.map((g) => g.groupId), [behind]);
    assert.deepEqual(latest(one).get(behind)?.partitions, [{ topic, partition: 0, committedOffset: 0, logEndOffset: 2, lag: 2 }, { topic, partition: 1, committedOffset: 0, logEndOffset: 2, lag: 2 }]);

    // Nothing moves: nothing is sent, tick after tick.
    const heard = one.updates.length;
    await sleep(3_000);
    assert.equal(one.updates.length, heard, 'no update without a change');

    // Records arrive while the commits stand still: the lag grows, and then it is stalled, for the view that asked after 1 s.
    await producer.send({ topic, messages: [{ partition: 0, value: 'x' }, { partition: 0, value: 'y' }, { partition: 0, value: 'z' }] });
    await until('the lag to grow', () => latest(one).get(behind)?.lag === 7);
    assert.ok(both.updates.slice(1).every((u) => u.changed.every((g) => g.groupId === behind)), `only the group that changed is sent again: ${JSON.stringify(both.updates)}`);
    await until('the growing lag to be stalled', () => latest(both).get(behind)?.stalled === true);
    assert.equal(latest(one).get(behind)?.stalled, false, 'the other view allows 2 minutes');

    // A commit moves: lag 0, no longer stalled.
    await admin.setOffsets({ groupId: behind, topic, partitions: [{ partition: 0, offset: '5' }, { partition: 1, offset: '2' }] });
    await until('the commit to clear it', () => latest(both).get(behind)?.lag === 0 && latest(both).get(behind)?.stalled === false);

    // A group deleted while watched is gone, for the view that watched it.
    await admin.deleteGroups([caughtUp]);
    await until('the deleted group to be gone', () => both.updates.some((u) => u.gone.includes(caughtUp)));
    assert.ok(one.updates.every((u) => u.gone.length === 0));
    await producer.disconnect();

    for (const r of runs) r.end();
    await until('every watch released', () => app.core.live().watches === 0);

    // What the watch saw outlives Brook: started again on the same folder, it reads the curve back.
    const since = Date.now() - 10 * 60_000;
    await app.core.dispose();
    closed = true;
    const again = makeCore({ dir: app.dir });
    try {
      const history = await again.call('groups:history', { id: clusterId, groupId: behind, from: since });
      assert.ok(history.ok, JSON.stringify(history.error));
      const { bucketMs, points } = history.value as { bucketMs: number; points: { lag: number; maxLag: number }[] };
      assert.equal(bucketMs, 60_000);
      assert.ok(points.length >= 1 && points.at(-1)!.lag === 0 && Math.max(...points.map((p) => p.maxLag)) === 7, JSON.stringify(points));
    } finally {
      await again.close();
    }
  } finally {
    for (const r of runs) r.end();
    await admin.disconnect();
    if (!closed) await app.close();
  }
}
