// topics:purge: DeleteRecords to each partition's leader, moving its log start offset up to an
// offset (or to the high watermark: everything). The preview reads the partitions and says what
// would go without writing anything; the UI then applies exactly the preview's offsets, so records
// produced in between are kept. Kafka refuses DeleteRecords on a topic whose cleanup.policy lacks
// "delete" (POLICY_VIOLATION); the preview says so first, from the topic's config.
import { BrookError } from '../../../shared/errors';
import type { PurgedPartition, PurgeResult } from '../../../shared/model';
import {
  DeleteRecordsRequestSpec,
  DeleteRecordsResponseSpec,
  type DeleteRecordsRequest,
  type DeleteRecordsResponse,
} from '../../broker/protocol/messages.generated';
import type { AdminPool } from '../clusters/admin-pool';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';
import type { Handlers } from '../registry';
import { describeTopicConfigs } from './configs';
import { readPartitions, type PartitionState } from './partitions';
import { unknownTopic } from './refused';

const deleteRecordsApi = api<DeleteRecordsRequest, DeleteRecordsResponse>(DeleteRecordsRequestSpec, DeleteRecordsResponseSpec);

/** Kafka's own words (Partition.deleteRecordsOnLeader) for a partition it will not delete from. */
const policyRefusal = (topic: string, partition: number) => `Records of partition ${topic}-${partition} can not be deleted due to the configured policy (POLICY_VIOLATION)`;
const policyHint = 'Its cleanup.policy is compact: Kafka removes its records by compaction only. To delete by offset, set cleanup.policy to compact,delete in the Configs tab.';

/** What a purge of `partitions` to `offsets` (none: to their high watermarks) deletes; bad offsets beside their fields. */
function plan(topic: string, partitions: PartitionState[], offsets: Record<string, number> | undefined): PurgedPartition[] {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(offsets ?? {})) {
    if (!partitions[Number(key)]) fields[`offsets.${key}`] = `${topic} has no partition ${key} (UNKNOWN_TOPIC_OR_PARTITION)`;
  }
  const out = partitions
    .filter((p) => offsets === undefined || offsets[String(p.partition)] !== undefined)
    .map((p) => {
      const field = `offsets.${p.partition}`;
      if (p.leader < 0 || p.highWatermark < 0) fields[field] = `Partition ${p.partition} has no leader to delete on (LEADER_NOT_AVAILABLE)`;
      const target = offsets ? offsets[String(p.partition)]! : p.highWatermark;
      if (target > p.highWatermark) fields[field] = `Past the high watermark, ${p.highWatermark} (OFFSET_OUT_OF_RANGE)`;
      // An offset below the log start offset deletes nothing: Kafka never lowers it.
      const newLogStartOffset = Math.max(p.logStartOffset, target);
      return { partition: p.partition, logStartOffset: p.logStartOffset, highWatermark: p.highWatermark, newLogStartOffset, deleted: newLogStartOffset - p.logStartOffset };
    });
  if (Object.keys(fields).length) {
    throw new BrookError({ code: 'INVALID_INPUT', message: Object.values(fields)[0]!, hint: 'Give each partition an offset between its log start offset and its high watermark.', fields });
  }
  return out;
}

/** Sends each leader one DeleteRecords for its partitions; fills in the new log start offsets or Kafka's refusals. */
async function apply(wire: Wire, topic: string, partitions: PartitionState[], planned: PurgedPartition[]): Promise<PurgedPartition[]> {
  const byLeader = new Map<number, PurgedPartition[]>();
  for (const p of planned.filter((q) => q.deleted > 0)) {
    const leader = partitions[p.partition]!.leader;
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), p]);
  }
  const done = new Map<number, PurgedPartition>();
  await Promise.all([...byLeader].map(async ([leader, led]) => {
    const { response } = await wire.send(leader, deleteRecordsApi, {
      topics: [{ name: topic, partitions: led.map((p) => ({ partitionIndex: p.partition, offset: BigInt(p.newLogStartOffset) })) }],
      timeoutMs: 30_000,
    }, [0, 2]);
    for (const p of response.topics.flatMap((t) => t.partitions)) {
      const asked = led.find((q) => q.partition === p.partitionIndex);
      if (!asked) continue;
      if (p.errorCode) {
        const name = kafkaErrorName(p.errorCode);
        done.set(p.partitionIndex, { ...asked, newLogStartOffset: asked.logStartOffset, deleted: 0, error: name === 'POLICY_VIOLATION' ? policyRefusal(topic, p.partitionIndex) : name });
      } else {
        const low = Number(p.lowWatermark);
        done.set(p.partitionIndex, { ...asked, newLogStartOffset: low, deleted: Math.max(0, low - asked.logStartOffset) });
      }
    }
  }));
  return planned.map((p) => done.get(p.partition) ?? (p.deleted > 0 ? { ...p, newLogStartOffset: p.logStartOffset, deleted: 0, error: 'NO_ANSWER' } : p));
}

export function purgeHandlers(pool: AdminPool): Pick<Handlers, 'topics:purge'> {
  return {
    'topics:purge': ({ id, topic, offsets, preview }) =>
      pool.onWire(id, `deleting records of ${topic}`, async (wire): Promise<PurgeResult> => {
        const state = (await readPartitions(wire, [topic])).topics.get(topic);
        if (!state || state.error === 'UNKNOWN_TOPIC_OR_PARTITION') throw unknownTopic(topic);
        const planned = plan(topic, state.partitions, offsets);
        let partitions = planned;
        if (preview) {
          const policy = (await describeTopicConfigs(wire, topic, ['cleanup.policy'])).configs[0]?.value ?? 'delete';
          if (!policy.split(',').map((s) => s.trim()).includes('delete')) {
            throw new BrookError({ code: 'KAFKA_ERROR', message: policyRefusal(topic, planned[0]?.partition ?? 0), hint: policyHint });
          }
        } else {
          partitions = await apply(wire, topic, state.partitions, planned);
          const refusals = partitions.filter((p) => p.error);
          // Nothing deleted anywhere: the refusal is the answer.
          if (refusals.length && !partitions.some((p) => p.deleted > 0)) {
            const first = refusals[0]!.error!;
            throw new BrookError({ code: 'KAFKA_ERROR', message: /\(\w+\)$/.test(first) ? first : `Kafka did not delete records of ${topic}-${refusals[0]!.partition} (${first})`, ...(/POLICY_VIOLATION/.test(first) ? { hint: policyHint } : {}) });
          }
        }
        return { topic, applied: !preview, partitions, deleted: partitions.reduce((n, p) => n + p.deleted, 0) };
      }),
  };
}
