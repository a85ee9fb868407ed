// messages:produce: `repeat` records made from one draft, templates expanded for each, sent by a
// kafkajs producer of its own (idempotent when asked) in batches of BATCH, each batch's records
// told back as a chunk with where they went. The partition of each record is chosen here with
// kafkajs's default partitioner (murmur2 of the key, as Java clients do; round robin without a
// key), so each record's offset is known from its partition's base offset.
import kafkajs, { type Message, type PartitionMetadata } from 'kafkajs';
import { BrookError } from '../../../shared/errors';
import type { ProducedRecord } from '../../../shared/model';
import type { StreamInputParsed } from '../../../shared/streams';
import type { AdminPool } from '../clusters/admin-pool';
import type { StreamContext } from '../live/handlers';
import { unknownTopic } from '../topics/handlers';
import { registerCodecs } from './kafkajs-codecs';
import { compilePayload, compileText } from './templates';

type Input = StreamInputParsed<'messages:produce'>;

const { CompressionTypes, Partitioners } = kafkajs;
const BATCH = 1_000;
const COMPRESSION = { none: CompressionTypes.None, gzip: CompressionTypes.GZIP, snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4, zstd: CompressionTypes.ZSTD } as const;

export function produceStream(pool: AdminPool) {
  return async (input: Input, ctx: StreamContext<'messages:produce'>) => {
    const started = Date.now();
    const { draft, topic } = input;
    if (draft.idempotent && draft.acks !== -1) throw new BrookError({ code: 'INVALID_INPUT', message: 'An idempotent producer waits for all in-sync replicas: acks must be -1 (all)', fields: { 'draft.acks': 'Idempotence needs acks = -1 (all)' } });
    const key = compilePayload(draft.key, 'draft.key');
    const value = compilePayload(draft.value, 'draft.value');
    const headers = draft.headers.map((h, i) => ({ key: compileText(h.key, `draft.headers.${i}.key`), value: compilePayload(h.value, `draft.headers.${i}.value`) }));
    registerCodecs();
    const partitions = await pool.call(input.clusterId, `reading "${topic}"`, async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions ?? [], topic);
    if (partitions.length === 0) throw unknownTopic(topic);
    if (draft.partition !== undefined && !partitions.some((p) => p.partitionId === draft.partition)) {
      throw new BrookError({ code: 'INVALID_INPUT', message: `"${topic}" has no partition ${draft.partition} (it has ${partitions.length})`, fields: { 'draft.partition': 'Not a partition of this topic' } });
    }
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = partitions as PartitionMetadata[];
    const producer = (await pool.kafka(input.clusterId)).producer({ idempotent: draft.idempotent, allowAutoTopicCreation: false, ...(draft.idempotent ? { maxInFlightRequests: 1 } : {}) });
    let first: ProducedRecord | undefined;
    let last: ProducedRecord | undefined;
    let produced = 0;
    try {
      await producer.connect();
      for (let seq = 1; seq <= draft.repeat; ) {
        ctx.signal.throwIfAborted();
        const batch: (Message & { partition: number })[] = [];
        for (; seq <= draft.repeat && batch.length < BATCH; seq++) {
          const message: Message = { key: key(seq), value: value(seq), headers: {} };
          // kafkajs takes headers as an object; repeated keys become an array of values.
          const byKey: Record<string, Buffer[]> = {};
          for (const h of headers) (byKey[h.key(seq)] ??= []).push(h.value(seq) ?? Buffer.alloc(0));
          message.headers = byKey;
          batch.push({ ...message, partition: draft.partition ?? partitioner({ topic, partitionMetadata, message }) });
        }
        const answers = await producer.send({ topic, messages: batch, acks: draft.acks, compression: COMPRESSION[draft.compression] });
        const next = new Map(answers.map((a) => [a.partition, Number(a.baseOffset ?? -1)]));
        const where = batch.map(({ partition }) => {
          const base = next.get(partition) ?? -1;
          if (base >= 0) next.set(partition, base + 1);
          return { partition, offset: base };
        });
        first ??= where[0];
        last = where.at(-1);
        produced += batch.length;
        await ctx.chunk(where);
        ctx.progress({ done: produced, total: draft.repeat });
      }
    } catch (error) {
      if (error instanceof BrookError || (error as Error).name === 'AbortError') throw error;
      throw pool.failure(error, input.clusterId, `producing to "${topic}"`, topic);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
    return { produced, ms: Date.now() - started, ...(first ? { first } : {}), ...(last ? { last } : {}) };
  };
}
