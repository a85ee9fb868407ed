// messages:import: the records of a JSON-lines export produced again, byte for byte: each line's
// key, value, headers (repeated and non-UTF-8 keys too) and timestamp, in one uncompressed batch
// per partition at a time, sent by Brook's own codec so nothing is re-encoded through a client's
// idea of headers (kafkajs's headers are an object of strings). Each record goes to the partition
// it came from. A line that is not an export's record stops the import, saying which line, after
// the records before it were produced.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { BrookError } from '../../../shared/errors';
import type { StreamInputParsed } from '../../../shared/streams';
import { ErrorCode } from '../../broker/protocol/errors';
import { ProduceRequestSpec, ProduceResponseSpec, type ProduceRequest, type ProduceResponse } from '../../broker/protocol/messages.generated';
import { encodeRecordBatch, type RecordToEncode } from '../../broker/protocol/record-encoder';
import type { AdminPool } from '../clusters/admin-pool';
import { api, kafkaErrorName } from '../clusters/wire';
import type { StreamContext } from '../live/handlers';
import { topicLeaders } from './read-plan';
import { RecordLine, toBuffer } from './record-lines';

const produceApi = api<ProduceRequest, ProduceResponse>(ProduceRequestSpec, ProduceResponseSpec);
const BATCH_RECORDS = 500;
const BATCH_BYTES = 1024 * 1024;

interface Pending {
  records: RecordToEncode[];
  bytes: number;
}

export function importStream(pool: AdminPool, exportsDir: string) {
  return async (input: StreamInputParsed<'messages:import'>, ctx: StreamContext<'messages:import'>) => {
    const started = Date.now();
    const path = join(exportsDir, input.file);
    const totalBytes = await stat(path).then((s) => s.size, () => {
      throw new BrookError({ code: 'NOT_FOUND', message: `No export named "${input.file}" in Brook's exports folder`, hint: exportsDir });
    });
    return pool.onWire(input.clusterId, `importing into "${input.topic}"`, async (wire) => {
      let leaders = new Map((await topicLeaders(wire, input.topic)).partitions.map((p) => [p.partition, p.leader]));
      const ranges = new Map<number, { first: number; last: number }>();
      const pending = new Map<number, Pending>();
      let produced = 0;
      let bytes = 0;

      const send = async (partition: number) => {
        const batch = pending.get(partition);
        if (!batch?.records.length) return;
        pending.delete(partition);
        for (let attempt = 0; ; attempt++) {
          const { response } = await wire.send(leaders.get(partition)!, produceApi, {
            transactionalId: null,
            acks: -1,
            timeoutMs: 30_000,
            topicData: [{ name: input.topic, partitionData: [{ index: partition, records: encodeRecordBatch(batch.records) }] }],
          }, [3, 11]);
          const answer = response.responses[0]?.partitionResponses[0];
          const code = answer?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
          if (code === ErrorCode.NOT_LEADER_OR_FOLLOWER && attempt === 0) {
            leaders = new Map((await topicLeaders(wire, input.topic)).partitions.map((p) => [p.partition, p.leader]));
            continue;
          }
          if (code) throw new BrookError({ code: 'KAFKA_ERROR', message: `Partition ${partition} of "${input.topic}" refused ${batch.records.length} records (${kafkaErrorName(code)}) after ${produced} were imported`, ...(answer?.errorMessage ? { detail: answer.errorMessage } : {}) });
          const base = Number(answer!.baseOffset);
          const range = ranges.get(partition);
          ranges.set(partition, { first: range?.first ?? base, last: base + batch.records.length - 1 });
          produced += batch.records.length;
          ctx.progress({ records: produced, bytes, totalBytes });
          return;
        }
      };

      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      let number = 0;
      for await (const text of lines) {
        ctx.signal.throwIfAborted();
        number++;
        bytes += Buffer.byteLength(text) + 1;
        if (!text.trim()) continue;
        const line = parseLine(text, number, input.file, produced);
        if (!leaders.has(line.partition)) throw new BrookError({ code: 'INVALID_INPUT', message: `Line ${number} is a record of partition ${line.partition}; "${input.topic}" has ${leaders.size} partitions`, hint: 'Add partitions to the topic, or import into a topic with as many as the one exported.' });
        const record: RecordToEncode = {
          key: line.key && toBuffer(line.key),
          value: line.value && toBuffer(line.value),
          headers: line.headers.map((h) => ({ key: toBuffer(h.key), value: h.value && toBuffer(h.value) })),
          timestamp: BigInt(line.timestamp),
        };
        const batch = pending.get(line.partition) ?? { records: [], bytes: 0 };
        pending.set(line.partition, batch);
        batch.records.push(record);
        batch.bytes += text.length;
        if (batch.records.length >= BATCH_RECORDS || batch.bytes >= BATCH_BYTES) await send(line.partition);
      }
      for (const partition of [...pending.keys()]) await send(partition);
      return { produced, ms: Date.now() - started, partitions: [...ranges].sort(([a], [b]) => a - b).map(([partition, r]) => ({ partition, ...r })) };
    });
  };
}

function parseLine(text: string, number: number, file: string, produced: number): RecordLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw notARecord(number, file, produced, (error as Error).message);
  }
  const parsed = RecordLine.safeParse(json);
  if (!parsed.success) throw notARecord(number, file, produced, parsed.error.issues.map((i) => `${i.path.join('.') || 'the line'}: ${i.message}`).join('; '));
  return parsed.data;
}

const notARecord = (number: number, file: string, produced: number, why: string) =>
  new BrookError({ code: 'INVALID_INPUT', message: `Line ${number} of "${file}" is not a record of a Brook export (${why}); ${produced} records before it were imported` });
