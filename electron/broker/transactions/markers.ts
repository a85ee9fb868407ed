// Transaction markers as Kafka writes them (its EndTransactionMarker): a control batch of the
// producer (transactional and control attributes, sequence -1) holding one record whose key is
// int16 version 0 + int16 type (0 ABORT, 1 COMMIT) and whose value is int16 version 0 + int32
// coordinator epoch. Appending one ends the producer's transaction on that partition: the last
// stable offset moves past it and an ABORT enters the partition's aborted transactions.
import type { PartitionLog } from '../log';
import { validateProducedRecords, type KafkaErrorResult } from '../protocol/record-batch';
import { encodeRecordBatch } from '../protocol/record-encoder';
import { CONTROL_ABORT, CONTROL_COMMIT } from '../log/transaction-state';

/** One broker that is its own transaction coordinator: the leader epoch of __transaction_state. */
export const COORDINATOR_EPOCH = 0;

export function markerBatch(producerId: bigint, producerEpoch: number, commit: boolean, nowMs: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(commit ? CONTROL_COMMIT : CONTROL_ABORT, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(COORDINATOR_EPOCH, 2);
  return encodeRecordBatch([{ key, value, timestamp: BigInt(nowMs) }], { producerId, producerEpoch, control: true });
}

/** Appends a marker to one partition; null when written. */
export function writeMarker(log: PartitionLog, producerId: bigint, producerEpoch: number, commit: boolean, nowMs: number): KafkaErrorResult | null {
  const validated = validateProducedRecords(markerBatch(producerId, producerEpoch, commit, nowMs), { maxMessageBytes: Number.MAX_SAFE_INTEGER, allowControl: true });
  if ('error' in validated) return validated;
  const res = log.append(validated.batches, nowMs);
  return 'error' in res ? res : null;
}
