// The codec table of compression.ts: each codec inflates what its real encoder writes (snappy as a
// bare block and in snappy-java's framing, LZ4 frames from lz4js, zstd frames from the zstd CLI),
// refuses a corrupt payload, and refuses a decompression bomb without allocating its size; and a
// batch's records come out of batchRecords as Kafka's error codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import snappyjs from 'snappyjs';
import lz4js from 'lz4js';
import { inflate, InflatedTooLarge, maxInflatedBytes } from '../../electron/broker/protocol/compression';
import { batchRecords, isKafkaError, readBatchHeader, walkRecords } from '../../electron/broker/protocol/record-batch';
import { crc32c } from '../../electron/broker/protocol/crc32c';
import { lz4Frame, xerialSnappy } from '../support/differential/compression';
import { buildBatch, simpleRecords } from './batch-builder';

const GZIP = 1;
const SNAPPY = 2;
const LZ4 = 3;
const ZSTD = 4;
const MB = 1 << 20;

const text = Buffer.from('Kafka record batch, compressed by the zstd CLI. Kafka record batch, compressed by the zstd CLI.');
/** `text` through the zstd CLI (v1.5.4, -19, from a pipe): a real encoder's frame, no content size, an 8 MB window. */
const ZSTD_TEXT = Buffer.from('KLUv/QRotQEAAkMLEqC7AdCuIm+13Y7epFQfEVVfAw+jiGvr90Xtzly3e5mplQcoG5orr1w+poMkAQDAjBQUOvvXWw==', 'base64');
/** 4,000,000 zero bytes through `zstd --no-content-size`: 143 bytes, a 2 MB window, no size declared. */
const ZSTD_ZEROS = Buffer.from(
  'KLUv/QRYVAAAEAAAAQD7/znAAgIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAAgAQAAIAEAACABAAA0gIAFmZaAM=',
  'base64',
);

/** Incompressible-ish data larger than one LZ4 block (64 KB) and one snappy-java chunk (32 KB). */
const big = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 7919) % 251 ^ (i >> 9)));

function tooLarge(fn: () => unknown): void {
  assert.throws(fn, (e) => e instanceof InflatedTooLarge);
}

function corrupt(fn: () => unknown): void {
  assert.throws(fn, (e) => e instanceof Error && !(e instanceof InflatedTooLarge));
}

test('gzip inflates; a corrupt stream and a bomb are refused', () => {
  assert.ok(inflate(GZIP, gzipSync(big), MB).equals(big));
  const bad = gzipSync(big);
  bad.fill(0xaa, 20, 40);
  corrupt(() => inflate(GZIP, bad, MB));
  tooLarge(() => inflate(GZIP, gzipSync(Buffer.alloc(4 * MB)), MB));
});

test('snappy inflates a bare block (librdkafka) and snappy-java framing (Java producer) of several chunks', () => {
  assert.ok(inflate(SNAPPY, snappyjs.compress(big), MB).equals(big));
  const framed = xerialSnappy(big, 32 * 1024);
  assert.equal(framed.subarray(0, 8).toString('latin1'), '\x82SNAPPY\0');
  assert.equal(framed.readInt32BE(8), 1, 'version');
  assert.ok(inflate(SNAPPY, framed, MB).equals(big));
  assert.ok(inflate(SNAPPY, xerialSnappy(Buffer.alloc(0)), MB).equals(Buffer.alloc(0)));
});

test('snappy: a truncated block, a chunk overrunning the payload, and bombs are refused', () => {
  const block = snappyjs.compress(big);
  corrupt(() => inflate(SNAPPY, block.subarray(0, block.length - 10), MB));
  const framed = xerialSnappy(big);
  framed.writeInt32BE(framed.length, 16);
  corrupt(() => inflate(SNAPPY, framed, MB));
  // A block declaring 4 GB is refused from its length, before anything is allocated.
  tooLarge(() => inflate(SNAPPY, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]), MB));
  tooLarge(() => inflate(SNAPPY, xerialSnappy(Buffer.alloc(4 * MB)), MB));
});

test('lz4 inflates frames of several independent blocks; dependent blocks, a bad descriptor checksum, truncation and bombs are refused', () => {
  const frame = lz4Frame(big);
  assert.equal(frame.readUInt32LE(0), 0x184d2204);
  assert.ok(inflate(LZ4, frame, MB).equals(big));
  // lz4js's own frames leave the block independence flag clear: Kafka refuses those.
  corrupt(() => inflate(LZ4, Buffer.from(lz4js.compress(text)), MB));
  const badChecksum = Buffer.from(frame);
  badChecksum[6] ^= 0xff;
  corrupt(() => inflate(LZ4, badChecksum, MB));
  corrupt(() => inflate(LZ4, frame.subarray(0, frame.length - 4), MB));
  corrupt(() => inflate(LZ4, Buffer.from('not an lz4 frame'), MB));
  tooLarge(() => inflate(LZ4, lz4Frame(Buffer.alloc(4 * MB)), MB));
  // A frame declaring a content size of 1 TB is refused before its blocks are read.
  const declared = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x68, 0x40, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  tooLarge(() => inflate(LZ4, declared, MB));
});

test('zstd inflates a real encoder\'s frame; corruption, truncation and bombs are refused', () => {
  assert.ok(inflate(ZSTD, ZSTD_TEXT, 8 * MB).equals(text));
  const bad = Buffer.from(ZSTD_TEXT);
  bad.fill(0xff, 12, 30);
  corrupt(() => inflate(ZSTD, bad, 8 * MB));
  corrupt(() => inflate(ZSTD, ZSTD_TEXT.subarray(0, ZSTD_TEXT.length - 5), 8 * MB));
  assert.equal(inflate(ZSTD, ZSTD_ZEROS, 8 * MB).length, 4_000_000);
  // Its 2 MB window is more than 1 MB: refused from the frame header.
  tooLarge(() => inflate(ZSTD, ZSTD_ZEROS, MB));
  // Its window fits in 3 MB but its output does not: refused while streaming.
  tooLarge(() => inflate(ZSTD, ZSTD_ZEROS, 3 * MB));
});

test('the inflation bound grows with max.message.bytes, within 64 MiB and 1 GiB', () => {
  assert.equal(maxInflatedBytes(1_048_588), 64 * 1_048_588);
  assert.equal(maxInflatedBytes(1000), 64 * MB);
  assert.equal(maxInflatedBytes(2 ** 31 - 1), 1024 * MB);
});

test('batchRecords: every codec walks to the same records; corrupt is UNKNOWN_SERVER_ERROR (as in Kafka), a bomb INVALID_RECORD', () => {
  const records = simpleRecords(4, 40);
  for (const compression of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
    const batch = buildBatch({ records, compression, baseTimestamp: 5000n });
    const h = readBatchHeader(batch, 0)!;
    const walkable = batchRecords(batch, 0, h, MB);
    assert.ok(!isKafkaError(walkable), compression);
    assert.deepEqual([...walkRecords(walkable, h)].map((r) => [r.offset, r.timestamp, r.hasKey]), records.map((_, i) => [BigInt(i), 5000n + BigInt(i), true]), compression);
  }
  const zstdBatch = (payload: Buffer) => {
    const batch = buildBatch({ records, compression: 'zstd' });
    const out = Buffer.concat([batch.subarray(0, 61), payload]);
    out.writeInt32BE(out.length - 12, 8);
    out.writeUInt32BE(crc32c(out, 21), 17);
    return out;
  };
  const bad = zstdBatch(Buffer.from('garbage, not a zstd frame'));
  const badResult = batchRecords(bad, 0, readBatchHeader(bad, 0)!, MB);
  assert.ok(isKafkaError(badResult) && badResult.error === 'UNKNOWN_SERVER_ERROR');
  const bomb = zstdBatch(ZSTD_ZEROS);
  const bombResult = batchRecords(bomb, 0, readBatchHeader(bomb, 0)!, MB);
  assert.ok(isKafkaError(bombResult) && bombResult.error === 'INVALID_RECORD');
  assert.match(bombResult.message, /^zstd batch: the records inflate past 1048576 bytes$/);
});
