import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  checkBatchCrc,
  iterateBatches,
  readBatchHeader,
  walkRecords,
  producedRecordProblems,
  batchRecords,
  isKafkaError,
  setBaseOffset,
  setLogAppendTime,
  validateProducedRecords,
  type BatchHeader,
  type ProducedBatch,
} from '../../electron/broker/protocol/record-batch';
import { buildBatch, simpleRecords } from './batch-builder';

const require = createRequire(import.meta.url);
const opts = { maxMessageBytes: 1 << 20 };

function ok(records: Buffer): ProducedBatch[] {
  const res = validateProducedRecords(records, opts);
  if ('error' in res) assert.fail(`unexpected ${res.error}: ${res.message}`);
  return res.batches;
}

function walkable(buf: Buffer, h: BatchHeader): Buffer {
  const records = batchRecords(buf, 0, h, 1 << 20);
  if (isKafkaError(records)) assert.fail(`unexpected ${records.error}: ${records.message}`);
  return records;
}

function err(records: Buffer, o = opts): string {
  const res = validateProducedRecords(records, o);
  assert.ok('error' in res, 'expected an error');
  assert.equal(res.code, { CORRUPT_MESSAGE: 2, INVALID_RECORD: 87, MESSAGE_TOO_LARGE: 10, UNSUPPORTED_FOR_MESSAGE_FORMAT: 43, RECORD_LIST_TOO_LARGE: 18 }[res.error as string]);
  return res.error;
}

test('a batch encoded by kafkajs (a real client encoder) validates, header fields parsed', async () => {
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
    RecordBatch: (o: object) => Promise<{ buffer: Buffer }>;
  };
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (o: object) => unknown;
  const enc = await RecordBatch({
    firstTimestamp: 1_700_000_000_000,
    maxTimestamp: 1_700_000_000_002,
    lastOffsetDelta: 2,
    records: [0, 1, 2].map((i) => Record({ offsetDelta: i, timestampDelta: i, key: Buffer.from(`k${i}`), value: Buffer.from(`value-${i}`), headers: { h: 'x' } })),
  });
  // kafkajs writes firstOffset then the rest as length-prefixed bytes: exactly Kafka's layout.
  const batches = ok(enc.buffer);
  assert.equal(batches.length, 1);
  assert.equal(batches[0].recordCount, 3);
  assert.equal(batches[0].baseTimestamp, 1_700_000_000_000n);
  assert.equal(batches[0].maxTimestamp, 1_700_000_000_002n);
  assert.equal(batches[0].producerId, -1n);
  assert.equal(batches[0].bytes.buffer, enc.buffer.buffer, 'a view, not a copy');
  const ts = [...walkRecords(walkable(batches[0].bytes, batches[0]), batches[0])];
  assert.deepEqual(ts.map((t) => t.offset), [0n, 1n, 2n]);
  assert.deepEqual(ts.map((t) => t.timestamp), [1_700_000_000_000n, 1_700_000_000_001n, 1_700_000_000_002n]);
});

test('several batches are split and each keeps its exact bytes', () => {
  const a = buildBatch({ records: simpleRecords(3) });
  const b = buildBatch({ records: simpleRecords(1), compression: 'gzip' });
  const batches = ok(Buffer.concat([a, b]));
  assert.equal(batches.length, 2);
  assert.deepEqual(batches[0].bytes, a);
  assert.deepEqual(batches[1].bytes, b);
  assert.equal(batches[1].compression, 1);
});

test('validation errors', () => {
  const good = buildBatch({ records: simpleRecords(3) });
  const badCrc = Buffer.from(good);
  badCrc[good.length - 1] ^= 0xff;
  assert.equal(err(badCrc), 'CORRUPT_MESSAGE');
  assert.equal(err(good.subarray(0, good.length - 1)), 'CORRUPT_MESSAGE');
  assert.equal(err(good.subarray(0, 40)), 'CORRUPT_MESSAGE');
  assert.equal(err(good.subarray(0, 10)), 'CORRUPT_MESSAGE');
  for (const magic of [0, 1]) assert.equal(err(buildBatch({ records: simpleRecords(1), magic })), 'UNSUPPORTED_FOR_MESSAGE_FORMAT');
  assert.equal(err(buildBatch({ records: simpleRecords(1), magic: 3 })), 'CORRUPT_MESSAGE');
  assert.equal(err(buildBatch({ records: simpleRecords(2), isControl: true })), 'INVALID_RECORD');
  assert.equal(err(buildBatch({ records: simpleRecords(3), lastOffsetDelta: 5 })), 'INVALID_RECORD');
  assert.equal(err(buildBatch({ records: simpleRecords(3), lastOffsetDelta: 3, recordCount: 4 })), 'INVALID_RECORD');
  assert.equal(err(buildBatch({ records: [], lastOffsetDelta: -1 })), 'INVALID_RECORD');
  assert.equal(err(good, { maxMessageBytes: good.length - 1 }), 'MESSAGE_TOO_LARGE');
  assert.equal(err(good, { maxMessageBytes: 1 << 20, segmentBytes: 10 } as typeof opts), 'RECORD_LIST_TOO_LARGE');
  // A valid batch followed by a corrupt one fails the whole set.
  assert.equal(err(Buffer.concat([good, badCrc])), 'CORRUPT_MESSAGE');
  assert.deepEqual(ok(Buffer.alloc(0)), []);
  assert.equal(ok(good).length, 1);
});

test('setBaseOffset keeps the CRC valid; setLogAppendTime rewrites maxTimestamp, the attribute bit and the CRC', () => {
  const buf = buildBatch({ records: simpleRecords(2), baseTimestamp: 1000n });
  setBaseOffset(buf, 0, 12345n);
  assert.equal(readBatchHeader(buf, 0)!.baseOffset, 12345n);
  assert.ok(checkBatchCrc(buf, 0, buf.length));
  setLogAppendTime(buf, 0, buf.length, 99_999n);
  const h = readBatchHeader(buf, 0)!;
  assert.equal(h.timestampType, 1);
  assert.equal(h.maxTimestamp, 99_999n);
  assert.equal(h.baseTimestamp, 1000n);
  assert.ok(checkBatchCrc(buf, 0, buf.length));
  assert.deepEqual([...walkRecords(walkable(buf, h), h)].map((r) => r.timestamp), [99_999n, 99_999n]);
});

test('iterateBatches walks a buffer and stops at an incomplete batch', () => {
  const a = buildBatch({ records: simpleRecords(2), baseOffset: 0n });
  const b = buildBatch({ records: simpleRecords(3), baseOffset: 2n });
  const all = Buffer.concat([a, b, b.subarray(0, 30)]);
  const seen = [...iterateBatches(all)].map((x) => [x.pos, x.header.baseOffset]);
  assert.deepEqual(seen, [
    [0, 0n],
    [a.length, 2n],
  ]);
});

test('producedRecordProblems finds late and keyless records exactly as a bigint walk of every record does', () => {
  const base = 1_700_000_000_000n;
  const now = Number(base);
  const before = 86_400_000;
  const after = 3_600_000;
  // Deltas around both bounds, and far past 2^53 either way, where doubles lose exactness.
  const deltas = [0n, -5_000n, 3_600_000n, 3_600_001n, -86_400_000n, -86_400_001n, 1n << 60n, -(1n << 60n), (1n << 62n) + 1n, -(1n << 62n) - 3n, 123n];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 300; i++) deltas.push(BigInt(Math.floor((random() - 0.5) * 2 * 10 ** (1 + Math.floor(random() * 17)))));
  const records = deltas.map((d, i) => ({ key: i % 3 === 0 ? null : `k${i}`, value: `v${i}`, timestampDelta: d }));
  const buf = buildBatch({ records, baseTimestamp: base, maxTimestamp: base });
  const [batch] = ok(buf);
  const walked = [...walkRecords(walkable(buf, batch), batch)];
  assert.equal(walked.length, deltas.length);
  const expectedLate = walked.flatMap((r, i) => (r.timestamp - BigInt(now) > BigInt(after) || BigInt(now) - r.timestamp > BigInt(before) ? [i] : []));
  const expectedKeyless = walked.flatMap((r, i) => (r.hasKey ? [] : [i]));
  assert.ok(expectedLate.length > 10 && expectedLate.length < deltas.length - 10, 'some records late, some not');
  const found = producedRecordProblems(batch, walkable(buf, batch), now, before, after, true);
  assert.deepEqual(found.late, expectedLate);
  assert.deepEqual(found.keyless, expectedKeyless);
  assert.deepEqual(producedRecordProblems(batch, walkable(buf, batch), now, before, after, false).keyless, [], 'keys are checked only for compacted topics');
});
