// groups:previewReset equals `kafka-consumer-groups --reset-offsets --dry-run` in every mode and
// scope on every target; groups:resetOffsets writes it; a group with members is refused with
// Kafka's reason and nothing is written; offsets of one topic and whole groups are deleted as Kafka
// allows (not while a member reads them).
import assert from 'node:assert/strict';
import { Kafka, type Consumer } from 'kafkajs';
import type { ResetPlan, ResetScope, ResetTarget } from '../../../shared/model';
import { silentKafkaLog } from '../../support/broker';
import { kafkaDescribe, newOffsets } from '../../support/consumer-groups-tool';
import { kafkaTool } from '../../support/kafka-target';
import type { Target } from '../../support/targets';
import { until } from '../../support/until';
import type { TestCore } from '../support';
import { createTopicsReady } from '../../support/create-topics';

/** The tool's words for a scope and a mode. */
function toolArgs(topic: string, scope: ResetScope, target: ResetTarget): string[] {
  const where = scope.topic ? ['--topic', scope.partitions ? `${topic}:${scope.partitions.join(',')}` : topic] : ['--all-topics'];
  const how: Record<ResetTarget['to'], () => string[]> = {
    earliest: () => ['--to-earliest'],
    latest: () => ['--to-latest'],
    datetime: () => ['--to-datetime', new Date((target as { timestamp: number }).timestamp).toISOString().replace('Z', '+00:00')],
    duration: () => ['--by-duration', `PT${(target as { ms: number }).ms / 1000}S`],
    offset: () => ['--to-offset', String((target as { offset: number }).offset)],
    shift: () => ['--shift-by', String((target as { by: number }).by)],
  };
  return [...where, ...how[target.to]()];
}

async function dryRun(t: Target, group: string, topic: string, scope: ResetScope, target: ResetTarget): Promise<[number, string][]> {
  const { code, stdout, stderr } = await kafkaTool('kafka-consumer-groups', ['--bootstrap-server', t.bootstrap[0]!, '--reset-offsets', '--group', group, ...toolArgs(topic, scope, target), '--dry-run'], { timeoutMs: 90_000 });
  assert.equal(code, 0, stderr);
  return newOffsets(stdout);
}

export const resettingOffsetsTitle = 'offset resets previewed as Kafka dry-runs them, applied, refused while members read; offsets and groups deleted';

export async function resettingOffsets(target: Target, app: TestCore): Promise<void> {
  const kafka = new Kafka({ brokers: target.bootstrap, logCreator: silentKafkaLog });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `resettable-${target.name}`;
  const [idle, busy] = ['idle', 'busy'].map((g) => `${g}-${target.name}`) as [string, string];
  let consumer: Consumer | undefined;
  try {
    await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: Math.min(3, target.brokers) }]);
    const producer = kafka.producer();
    await producer.connect();
    const base = Date.now() - 30 * 60_000;
    await producer.send({ topic, messages: [0, 1, 2].flatMap((partition) => Array.from({ length: 10 }, (_, i) => ({ partition, value: `r${i}`, timestamp: String(base + i * 1000) }))) });
    await producer.disconnect();
    await admin.fetchTopicMetadata({ topics: [topic] }); // kafkajs deletes records only of topics it has metadata of
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 2, offset: '3' }] });
    // An idle group with commits on partitions 0 and 1 only.
    await admin.setOffsets({ groupId: idle, topic, partitions: [{ partition: 0, offset: '4' }, { partition: 1, offset: '10' }] });
    const id = ((await app.call('clusters:save', { name: `${target.title} resets`, bootstrapServers: target.bootstrap })).value as { id: string }).id;

    const cases: [ResetScope, ResetTarget][] = [
      [{}, { to: 'earliest' }],
      [{}, { to: 'latest' }],
      [{}, { to: 'datetime', timestamp: base + 5500 }],
      [{}, { to: 'duration', ms: 3_600_000 }],
      [{}, { to: 'offset', offset: 7 }],
      [{}, { to: 'shift', by: -6 }],
      [{ topic }, { to: 'earliest' }],
      [{ topic }, { to: 'offset', offset: 1 }],
      [{ topic }, { to: 'datetime', timestamp: Date.now() }],
      [{ topic, partitions: [0, 2] }, { to: 'latest' }],
    ];
    for (const [scope, to] of cases) {
      const preview = await app.call('groups:previewReset', { id, groupId: idle, scope, target: to });
      assert.ok(preview.ok, JSON.stringify(preview.error));
      const plan = preview.value as ResetPlan;
      assert.equal(plan.refused, undefined);
      assert.deepEqual(plan.rows.map((r) => [r.partition, String(r.next)]), await dryRun(target, idle, topic, scope, to), JSON.stringify([scope, to]));
      for (const r of plan.rows) assert.equal(r.lagAfter, r.logEndOffset - r.next);
    }
    const noCommit = await app.call('groups:previewReset', { id, groupId: idle, scope: { topic }, target: { to: 'shift', by: 1 } });
    assert.match(noCommit.error?.message ?? '', new RegExp(`Cannot shift offset for partition ${topic}-2 since there is no current committed offset`));

    const applied = await app.call('groups:resetOffsets', { id, groupId: idle, scope: {}, target: { to: 'datetime', timestamp: base + 5500 } });
    assert.ok(applied.ok, JSON.stringify(applied.error));
    assert.deepEqual((await kafkaDescribe(target.bootstrap[0]!, topic, idle)).get(idle)?.map((r) => r.slice(0, 2)), [['0', '6'], ['1', '6']]);

    // A group with a member: previews say why, resets and deletes are refused, nothing is written.
    consumer = kafka.consumer({ groupId: busy, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommitInterval: 100, eachMessage: async () => undefined });
    let seen = '';
    await until('the busy group to commit', async () => {
      const partitions = (await admin.fetchOffsets({ groupId: busy, topics: [topic] }))[0]?.partitions ?? [];
      seen = JSON.stringify(partitions);
      return partitions.every((p) => p.offset === '10');
    }, 60_000).catch((error: Error) => assert.fail(`${error.message}: ${seen}`));
    const busyPlan = (await app.call('groups:previewReset', { id, groupId: busy, scope: {}, target: { to: 'earliest' } })).value as ResetPlan;
    assert.match(busyPlan.refused ?? '', /can only be reset if the group '.*' is inactive, but the current state is Stable: 1 member/);
    assert.equal(busyPlan.members.length, 1);
    const refused = await app.call('groups:resetOffsets', { id, groupId: busy, scope: {}, target: { to: 'earliest' } });
    assert.equal(refused.error?.code, 'KAFKA_ERROR');
    assert.ok(((await admin.fetchOffsets({ groupId: busy, topics: [topic] }))[0]?.partitions ?? []).every((p) => p.offset === '10'), 'nothing was written');
    assert.match((await app.call('groups:deleteOffsets', { id, groupId: busy, topic })).error?.message ?? '', /GROUP_SUBSCRIBED_TO_TOPIC/);
    assert.match((await app.call('groups:delete', { id, groupId: busy })).error?.message ?? '', /NON_EMPTY_GROUP/);
    await consumer.disconnect();
    consumer = undefined;

    assert.deepEqual((await app.call('groups:deleteOffsets', { id, groupId: busy, topic })).value, { partitions: [0, 1, 2] });
    assert.deepEqual((await admin.fetchOffsets({ groupId: busy, topics: [topic] }))[0]?.partitions.map((p) => p.offset), ['-1', '-1', '-1']);
    assert.deepEqual((await app.call('groups:delete', { id, groupId: idle })).value, { deleted: true });
    assert.equal((await app.call('groups:describe', { id, groupId: idle })).error?.code, 'UNKNOWN_GROUP');
  } finally {
    await consumer?.disconnect();
    await admin.disconnect();
  }
}
