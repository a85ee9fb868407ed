// The records of __transaction_state in Kafka's own format (its transaction-coordinator module's
// TransactionLogKey and TransactionLogValue schemas): key = int16 version 0, then TransactionalId;
// value = int16 version, then the transaction's metadata. Version 1 (flexible, with the tagged
// PreviousProducerId, NextProducerId and ClientTransactionVersion) is what Kafka 4 writes and what
// is written here; version 0 is read too. A null value (tombstone) removes an expired id.
// The schemas are not among the protocol specs the codec is generated from, so they are declared
// here in the generator's shape.
import { decode, encode } from '../protocol/codec';
import { Reader } from '../protocol/reader';
import type { MessageSpec } from '../protocol/schema';
import { Writer } from '../protocol/writer';

const ALL: readonly [number, number] = [0, 0x7fff];

const TransactionLogKeySpec: MessageSpec = {
  name: 'TransactionLogKey',
  kind: 'data',
  valid: [0, 0],
  flexible: null,
  fields: [{ name: 'transactionalId', type: 'string', versions: [0, 0] }],
};

const TransactionLogValueSpec: MessageSpec = {
  name: 'TransactionLogValue',
  kind: 'data',
  valid: [0, 1],
  flexible: [1, 0x7fff],
  fields: [
    { name: 'producerId', type: 'int64', versions: ALL },
    { name: 'previousProducerId', type: 'int64', versions: [1, 0x7fff], tagged: [1, 0x7fff], tag: 0, default: -1n },
    { name: 'nextProducerId', type: 'int64', versions: [1, 0x7fff], tagged: [1, 0x7fff], tag: 1, default: -1n },
    { name: 'producerEpoch', type: 'int16', versions: ALL },
    { name: 'transactionTimeoutMs', type: 'int32', versions: ALL },
    { name: 'transactionStatus', type: 'int8', versions: ALL },
    {
      name: 'transactionPartitions',
      type: 'struct',
      array: true,
      versions: ALL,
      nullable: ALL,
      fields: [
        { name: 'topic', type: 'string', versions: ALL },
        { name: 'partitionIds', type: 'int32', array: true, versions: ALL },
      ],
    },
    { name: 'transactionLastUpdateTimestampMs', type: 'int64', versions: ALL },
    { name: 'transactionStartTimestampMs', type: 'int64', versions: ALL },
    { name: 'clientTransactionVersion', type: 'int16', versions: [1, 0x7fff], tagged: [1, 0x7fff], tag: 2, default: 0 },
  ],
};

export interface TransactionLogValue {
  producerId: bigint;
  previousProducerId: bigint;
  nextProducerId: bigint;
  producerEpoch: number;
  transactionTimeoutMs: number;
  transactionStatus: number;
  transactionPartitions: { topic: string; partitionIds: number[] }[] | null;
  transactionLastUpdateTimestampMs: bigint;
  transactionStartTimestampMs: bigint;
  clientTransactionVersion: number;
}

/** Kafka's TransactionState ids, as stored in TransactionStatus. */
export const TxnState = {
  Empty: 0,
  Ongoing: 1,
  PrepareCommit: 2,
  PrepareAbort: 3,
  CompleteCommit: 4,
  CompleteAbort: 5,
  Dead: 6,
  PrepareEpochFence: 7,
} as const;
export type TxnStateId = (typeof TxnState)[keyof typeof TxnState];

/** The names Kafka's tools print (DescribeTransactions, ListTransactions). */
export const TXN_STATE_NAMES: Record<number, string> = {
  0: 'Empty',
  1: 'Ongoing',
  2: 'PrepareCommit',
  3: 'PrepareAbort',
  4: 'CompleteCommit',
  5: 'CompleteAbort',
  6: 'Dead',
  7: 'PrepareEpochFence',
};

const VALUE_VERSION = 1;

export function encodeTxnLogKey(transactionalId: string): Buffer {
  const w = new Writer(8 + transactionalId.length).int16(0);
  return encode<{ transactionalId: string }>(TransactionLogKeySpec, 0, { transactionalId }, w).toBuffer();
}

export function encodeTxnLogValue(v: TransactionLogValue): Buffer {
  const w = new Writer(64).int16(VALUE_VERSION);
  return encode<TransactionLogValue>(TransactionLogValueSpec, VALUE_VERSION, v, w).toBuffer();
}

/** The transactional id of a key; throws on bytes that are not a TransactionLogKey. */
export function decodeTxnLogKey(key: Buffer): string {
  const r = new Reader(key);
  const version = r.int16();
  if (version !== 0) throw new Error(`TransactionLogKey version ${version} is unknown`);
  return decode<{ transactionalId: string }>(TransactionLogKeySpec, 0, r).transactionalId;
}

export function decodeTxnLogValue(value: Buffer): TransactionLogValue {
  const r = new Reader(value);
  const version = r.int16();
  if (version < 0 || version > 1) throw new Error(`TransactionLogValue version ${version} is unknown`);
  return decode<TransactionLogValue>(TransactionLogValueSpec, version, r);
}
