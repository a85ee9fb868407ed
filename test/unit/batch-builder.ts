// Test helper: encodes Kafka v2 record batches (magic 2) the way a client does, with varint record
// fields and a CRC-32C. Shared by the storage tests and usable by handler tests.

import { crc32c } from '../../electron/broker/protocol/crc32c';
import { validateProducedRecords, type Compression, type ProducedBatch } from '../../electron/broker/protocol/record-batch';
import { COMPRESSION_ID, compress } from '../support/differential/compression';

export interface TestRecord {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: { key: string; value: Buffer | string | null }[];
  timestampDelta?: number | bigint;
}

export interface BuildBatchOptions {
  records: TestRecord[];
  baseOffset?: bigint;
  baseTimestamp?: bigint;
  /** Defaults to the largest baseTimestamp + timestampDelta. */
  maxTimestamp?: bigint;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  partitionLeaderEpoch?: number;
  compression?: Compression;
  isTransactional?: boolean;
  isControl?: boolean;
  /** Override fields to build invalid batches. */
  magic?: number;
  lastOffsetDelta?: number;
  recordCount?: number;
}

function varint(n: number): Buffer {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  const out: number[] = [];
  while (z > 0x7f) {
    out.push((z & 0x7f) | 0x80);
    z >>>= 7;
  }
  out.push(z);
  return Buffer.from(out);
}

function varlong(n: bigint): Buffer {
  let z = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
  const out: number[] = [];
  while (z > 0x7fn) {
    out.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  out.push(Number(z));
  return Buffer.from(out);
}

function bytesField(v: Buffer | string | null | undefined): Buffer {
  if (v === null || v === undefined) return varint(-1);
  const b = typeof v === 'string' ? Buffer.from(v) : v;
  return Buffer.concat([varint(b.length), b]);
}

export function encodeRecord(r: TestRecord, offsetDelta: number): Buffer {
  const headers = r.headers ?? [];
  const body = Buffer.concat([
    Buffer.from([0]),
    varlong(BigInt(r.timestampDelta ?? 0)),
    varint(offsetDelta),
    bytesField(r.key),
    bytesField(r.value),
    varint(headers.length),
    ...headers.flatMap((h) => [bytesField(h.key), bytesField(h.value)]),
  ]);
  return Buffer.concat([varint(body.length), body]);
}

export function buildBatch(opts: BuildBatchOptions): Buffer {
  const baseTimestamp = opts.baseTimestamp ?? 1_700_000_000_000n;
  const recs = opts.records.map((r, i) => encodeRecord(r, i));
  const compression = opts.compression ?? 'none';
  const payload = compress(compression, Buffer.concat(recs));
  const maxDelta = opts.records.reduce((m, r) => Math.max(m, Number(r.timestampDelta ?? 0)), 0);
  const attributes =
    COMPRESSION_ID[compression] | (opts.isTransactional ? 0x10 : 0) | (opts.isControl ? 0x20 : 0);
  const h = Buffer.alloc(61);
  h.writeBigInt64BE(opts.baseOffset ?? 0n, 0);
  h.writeInt32BE(61 - 12 + payload.length, 8);
  h.writeInt32BE(opts.partitionLeaderEpoch ?? -1, 12);
  h.writeInt8(opts.magic ?? 2, 16);
  h.writeInt16BE(attributes, 21);
  h.writeInt32BE(opts.lastOffsetDelta ?? opts.records.length - 1, 23);
  h.writeBigInt64BE(baseTimestamp, 27);
  h.writeBigInt64BE(opts.maxTimestamp ?? baseTimestamp + BigInt(maxDelta), 35);
  h.writeBigInt64BE(opts.producerId ?? -1n, 43);
  h.writeInt16BE(opts.producerEpoch ?? -1, 51);
  h.writeInt32BE(opts.baseSequence ?? -1, 53);
  h.writeInt32BE(opts.recordCount ?? opts.records.length, 57);
  const batch = Buffer.concat([h, payload]);
  batch.writeUInt32BE(crc32c(batch, 21), 17);
  return batch;
}

/** n records with a `value` of `size` bytes ("v<i>" padded), timestamps baseTimestamp + i. */
export function simpleRecords(n: number, size = 10, from = 0): TestRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `k${from + i}`,
    value: `v${from + i}`.padEnd(size, '.'),
    timestampDelta: i,
  }));
}

/** Validates encoded batches the way the Produce handler does, failing loudly on an error. */
export function produced(...bufs: Buffer[]): ProducedBatch[] {
  const res = validateProducedRecords(Buffer.concat(bufs), { maxMessageBytes: 1 << 30 });
  if ('error' in res) throw new Error(`${res.error}: ${res.message}`);
  return res.batches;
}
