// __transaction_state as Kafka lays it out: a transactional id's records live in partition
// abs(transactionalId.hashCode()) % transaction.state.log.num.partitions, one record per state
// change (txn-log-records.ts), in magic-2 uncompressed batches. The coordinator writes a change
// before acting on it, so after kill -9 the log says how far each transaction got. On start every
// partition is read once, the last record per id winning; a partition holding far more records
// than live ids is compacted then, as offsets-log.ts does for __consumer_offsets (the live records
// appended again, the log start moved past the older ones).
import type { LogManager, PartitionLog } from '../log';
import { ErrorCode } from '../protocol/errors';
import { iterateBatches, validateProducedRecords } from '../protocol/record-batch';
import { decodeBatchRecords, encodeRecordBatch } from '../protocol/record-encoder';
import { OffsetStoreError } from '../groups/offsets-log';
import { partitionForGroup } from '../groups/offsets-topic';
import { decodeTxnLogKey, decodeTxnLogValue, encodeTxnLogKey, encodeTxnLogValue, type TransactionLogValue } from './txn-log-records';

export const TRANSACTION_STATE_TOPIC = '__transaction_state';
/** The configs Kafka creates __transaction_state with (segment.bytes = transaction.state.log.segment.bytes). */
export const TRANSACTION_STATE_TOPIC_CONFIGS: Readonly<Record<string, string>> = {
  'cleanup.policy': 'compact',
  'segment.bytes': '104857600',
  'compression.type': 'uncompressed',
  'retention.ms': '-1',
};

const READ_CHUNK = 1 << 20;
const COMPACT_SLACK_RECORDS = 10_000;

export class TxnLog {
  constructor(
    private readonly logs: LogManager,
    private readonly numPartitions: number,
    private readonly log: (line: string) => void,
  ) {}

  /** The partition of a transactional id (Kafka hashes it as it hashes group ids). */
  partitionFor(transactionalId: string): number {
    const t = this.logs.getTopic(TRANSACTION_STATE_TOPIC);
    return partitionForGroup(transactionalId, t ? t.partitions : this.numPartitions);
  }

  /** Creates the topic if needed (Kafka does so on the first FindCoordinator for a transactional id). */
  ensureTopic(): void {
    if (this.logs.getTopic(TRANSACTION_STATE_TOPIC)) return;
    this.logs.createTopic(TRANSACTION_STATE_TOPIC, this.numPartitions, { ...TRANSACTION_STATE_TOPIC_CONFIGS });
    this.log(`created ${TRANSACTION_STATE_TOPIC} with ${this.numPartitions} partitions`);
  }

  /** Writes one state change (null: the id expired). Throws OffsetStoreError when the write fails. */
  write(transactionalId: string, value: TransactionLogValue | null, nowMs: number): void {
    this.ensureTopic();
    const p = this.partitionFor(transactionalId);
    const log = this.logs.partition(TRANSACTION_STATE_TOPIC, p);
    if (!log) throw new OffsetStoreError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `${TRANSACTION_STATE_TOPIC}-${p} is not available`);
    const record = { key: encodeTxnLogKey(transactionalId), value: value && encodeTxnLogValue(value), timestamp: BigInt(nowMs) };
    appendRecords(log, [record], nowMs);
  }

  /** Every live id with its last state, read from every partition; compacts partitions that are mostly dead records. */
  load(nowMs = Date.now()): Map<string, TransactionLogValue> {
    const out = new Map<string, TransactionLogValue>();
    for (const log of this.logs.partitions(TRANSACTION_STATE_TOPIC)) {
      const here = new Map<string, TransactionLogValue>();
      let count = 0;
      let at = log.logStartOffset;
      while (at < log.logEndOffset) {
        const res = log.read(at, READ_CHUNK);
        if ('error' in res || res.records.length === 0) break;
        let next = at;
        for (const buf of res.records) {
          for (const { pos, header } of iterateBatches(buf)) {
            next = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
            try {
              for (const rec of decodeBatchRecords(buf, pos, header)) {
                if (rec.offset < at || rec.key === null) continue;
                count++;
                const id = decodeTxnLogKey(rec.key);
                if (rec.value === null) here.delete(id);
                else here.set(id, decodeTxnLogValue(rec.value));
              }
            } catch (err) {
              this.log(`skipping an unreadable batch at ${log.topic}-${log.index}@${header.baseOffset}: ${(err as Error).message}`);
            }
          }
        }
        if (next <= at) break;
        at = next;
      }
      for (const [id, v] of here) out.set(id, v);
      if (count > 2 * here.size + COMPACT_SLACK_RECORDS) this.compact(log, here, nowMs);
    }
    return out;
  }

  private compact(log: PartitionLog, live: Map<string, TransactionLogValue>, nowMs: number): void {
    try {
      const from = log.logEndOffset;
      const records = [...live].map(([id, v]) => ({ key: encodeTxnLogKey(id), value: encodeTxnLogValue(v), timestamp: BigInt(nowMs) }));
      for (let i = 0; i < records.length; i += 500) appendRecords(log, records.slice(i, i + 500), nowMs);
      const res = log.deleteRecordsBefore(from, nowMs);
      if ('error' in res) throw new Error(res.message);
      this.log(`compacted ${log.topic}-${log.index} to ${records.length} live record(s)`);
    } catch (err) {
      this.log(`compacting ${log.topic}-${log.index} failed: ${(err as Error).message}`);
    }
  }
}

function appendRecords(log: PartitionLog, records: Parameters<typeof encodeRecordBatch>[0], nowMs: number): void {
  const validated = validateProducedRecords(encodeRecordBatch(records), { maxMessageBytes: Number.MAX_SAFE_INTEGER });
  if ('error' in validated) throw new OffsetStoreError(validated.code, `encoding transaction records: ${validated.message}`);
  const res = log.append(validated.batches, nowMs);
  if ('error' in res) throw new OffsetStoreError(res.code, `writing ${log.topic}-${log.index}: ${res.message}`);
}
