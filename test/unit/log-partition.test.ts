import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../electron/broker/log/config';
import { PartitionLog, type AppendResult, type ReadResult } from '../../electron/broker/log/partition-log';
import { SegmentCache } from '../../electron/broker/log/segment-cache';
import { readBatchHeader, iterateBatches, isKafkaError } from '../../electron/broker/protocol/record-batch';
import { buildBatch, produced, simpleRecords } from './batch-builder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(config: Partial<LogConfig> = {}, cache = new SegmentCache(4)): PartitionLog {
  return PartitionLog.open({ dir: join(dir, 't-0'), topic: 't', index: 0, config: { ...DEFAULT_LOG_CONFIG, ...config }, cache });
}

function appendOk(log: PartitionLog, buf: Buffer, now = 1_700_000_000_000): AppendResult {
  const r = log.append(produced(buf), now);
  if (isKafkaError(r)) assert.fail(`${r.error}: ${r.message}`);
  return r;
}

function readOk(log: PartitionLog, offset: bigint, maxBytes = 1 << 20): ReadResult {
  const r = log.read(offset, maxBytes);
  if (isKafkaError(r)) assert.fail(`${r.error}: ${r.message}`);
  return r;
}

function baseOffsets(r: ReadResult): bigint[] {
  return r.records.flatMap((b) => [...iterateBatches(b)].map((x) => x.header.baseOffset));
}

test('append then read returns the same bytes, with base offsets rewritten', () => {
  const log = open();
  const a = buildBatch({ records: simpleRecords(3) });
  const b = buildBatch({ records: simpleRecords(2), compression: 'gzip' });
  assert.equal(appendOk(log, a).baseOffset, 0n);
  const rb = appendOk(log, b);
  assert.equal(rb.baseOffset, 3n);
  assert.equal(rb.logAppendTime, -1n);
  assert.equal(log.logEndOffset, 5n);
  const r = readOk(log, 0n);
  assert.equal(r.highWatermark, 5n);
  assert.equal(r.logStartOffset, 0n);
  const all = Buffer.concat(r.records);
  const expectA = Buffer.from(a);
  expectA.writeInt32BE(0, 12); // partitionLeaderEpoch set by the broker
  const expectB = Buffer.from(b);
  expectB.writeBigInt64BE(3n, 0);
  expectB.writeInt32BE(0, 12);
  assert.deepEqual(all, Buffer.concat([expectA, expectB]));
  // Fetching at the log end returns nothing; past it or below the start is out of range.
  assert.deepEqual(readOk(log, 5n).records, []);
  const oor = log.read(6n, 100);
  assert.ok(isKafkaError(oor) && oor.error === 'OFFSET_OUT_OF_RANGE' && oor.code === 1);
  assert.ok(isKafkaError(log.read(-1n, 100)));
  log.close();
});

test('read from a middle offset starts at the batch holding it; maxBytes is honoured but one batch always returned', () => {
  const log = open({ indexIntervalBytes: 100 });
  const sizes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const buf = buildBatch({ records: simpleRecords(4, 20, i * 4) });
    sizes.push(buf.length);
    appendOk(log, buf);
  }
  for (const off of [0n, 1n, 3n, 4n, 77n, 150n, 199n]) {
    const r = readOk(log, off);
    const first = baseOffsets(r)[0];
    assert.equal(first, off - (off % 4n), `fetch ${off}`);
    assert.equal(baseOffsets(r).at(-1), 196n);
  }
  // maxBytes of 2.5 batches: two whole batches.
  const r = readOk(log, 40n, Math.floor(sizes[0] * 2.5));
  assert.deepEqual(baseOffsets(r), [40n, 44n]);
  // maxBytes smaller than one batch: still that one batch (KIP-74).
  const one = readOk(log, 41n, 1);
  assert.deepEqual(baseOffsets(one), [40n]);
  assert.equal(one.records[0].length, sizes[10]);
  log.close();
});

test('segments roll on segment.bytes and reads cross segments; index files are Kafka binary', () => {
  const log = open({ segmentBytes: 2000, indexIntervalBytes: 300 });
  let ts = 1_700_000_000_000n;
  for (let i = 0; i < 40; i++) {
    appendOk(log, buildBatch({ records: simpleRecords(2, 50, i * 2), baseTimestamp: ts }));
    ts += 10n;
  }
  assert.ok(log.segmentCount > 3, `segments: ${log.segmentCount}`);
  const bases = log.segmentBaseOffsets();
  assert.equal(bases[0], 0n);
  const all = readOk(log, 0n, 1 << 20);
  assert.deepEqual(baseOffsets(all), Array.from({ length: 40 }, (_, i) => BigInt(i * 2)));
  // Starting in the second segment.
  const mid = readOk(log, bases[1] + 1n, 1 << 20);
  assert.equal(baseOffsets(mid)[0], bases[1]);
  log.close();

  const names = readdirSync(join(dir, 't-0')).sort();
  assert.ok(names.includes('00000000000000000000.log'));
  assert.ok(names.includes('00000000000000000000.index'));
  assert.ok(names.includes('00000000000000000000.timeindex'));
  const base1 = bases[1].toString().padStart(20, '0');
  assert.ok(names.includes(`${base1}.log`));
  // Verify every .index entry against the log: (relative offset = last offset of the batch at
  // position, position = start of that batch), increasing; .timeindex entries increasing.
  for (const base of bases) {
    const stem = join(dir, 't-0', base.toString().padStart(20, '0'));
    const logBytes = readFileSync(`${stem}.log`);
    const idx = readFileSync(`${stem}.index`);
    const tidx = readFileSync(`${stem}.timeindex`);
    assert.equal(idx.length % 8, 0);
    assert.equal(tidx.length % 12, 0);
    if (base !== bases.at(-1)) assert.ok(idx.length >= 8, 'closed segments have index entries');
    for (let i = 0; i < idx.length; i += 8) {
      const rel = idx.readInt32BE(i);
      const pos = idx.readInt32BE(i + 4);
      const h = readBatchHeader(logBytes, pos)!;
      assert.equal(BigInt(rel), h.baseOffset + BigInt(h.lastOffsetDelta) - base);
    }
    let prev = -1n;
    for (let i = 0; i < tidx.length; i += 12) {
      const t = tidx.readBigInt64BE(i);
      assert.ok(t > prev);
      prev = t;
    }
    if (base !== bases.at(-1)) {
      // The last time index entry of a rolled segment is its max timestamp.
      let max = -1n;
      for (const { header } of iterateBatches(logBytes)) if (header.maxTimestamp > max) max = header.maxTimestamp;
      assert.equal(prev, max);
    }
  }
});

test('segment.ms rolls a segment by age', () => {
  const log = open({ segmentMs: 1000 });
  const t0 = 1_700_000_000_000;
  log.append(produced(buildBatch({ records: simpleRecords(1) })), t0);
  // The segment's creation time is the wall clock when it was created; use a far-future append.
  log.append(produced(buildBatch({ records: simpleRecords(1) })), Date.now() + 5000);
  assert.equal(log.segmentCount, 2);
  log.close();
});

test('LogAppendTime stamps the broker time and returns it', () => {
  const log = open({ messageTimestampType: 'LogAppendTime' });
  const r = appendOk(log, buildBatch({ records: simpleRecords(2), baseTimestamp: 5n }), 1_800_000_000_000);
  assert.equal(r.logAppendTime, 1_800_000_000_000n);
  const h = readBatchHeader(readOk(log, 0n).records[0], 0)!;
  assert.equal(h.timestampType, 1);
  assert.equal(h.maxTimestamp, 1_800_000_000_000n);
  assert.deepEqual(log.maxTimestamp(), { offset: 0n, timestamp: 1_800_000_000_000n });
  log.close();
});

test('offsetForTimestamp and maxTimestamp', () => {
  const log = open({ segmentBytes: 1500, indexIntervalBytes: 200 });
  const t0 = 1_700_000_000_000n;
  // 30 batches of 3 records, record timestamps t0 + 10*i + j.
  for (let i = 0; i < 30; i++) {
    appendOk(log, buildBatch({ records: simpleRecords(3, 30).map((r, j) => ({ ...r, timestampDelta: j })), baseTimestamp: t0 + BigInt(10 * i) }));
  }
  assert.ok(log.segmentCount > 2);
  assert.deepEqual(log.offsetForTimestamp(0n), { offset: 0n, timestamp: t0 });
  assert.deepEqual(log.offsetForTimestamp(t0 + 1n), { offset: 1n, timestamp: t0 + 1n });
  assert.deepEqual(log.offsetForTimestamp(t0 + 3n), { offset: 3n, timestamp: t0 + 10n });
  assert.deepEqual(log.offsetForTimestamp(t0 + 152n), { offset: 47n, timestamp: t0 + 152n });
  assert.deepEqual(log.offsetForTimestamp(t0 + 292n), { offset: 89n, timestamp: t0 + 292n });
  assert.equal(log.offsetForTimestamp(t0 + 293n), null);
  assert.deepEqual(log.maxTimestamp(), { offset: 89n, timestamp: t0 + 292n });
  // Compressed batches are inflated to find the exact record, as Kafka does.
  for (const [i, compression] of (['gzip', 'snappy', 'lz4', 'zstd'] as const).entries()) {
    const base = t0 + 1000n * BigInt(i + 1);
    const first = 90n + 3n * BigInt(i);
    appendOk(log, buildBatch({ records: simpleRecords(3), baseTimestamp: base, compression }));
    assert.deepEqual(log.offsetForTimestamp(base + 1n), { offset: first + 1n, timestamp: base + 1n }, compression);
    assert.deepEqual(log.maxTimestamp(), { offset: first + 2n, timestamp: base + 2n }, compression);
  }
  log.close();
});

test('many segments with a tiny fd cache still read correctly', () => {
  const cache = new SegmentCache(2);
  const log = open({ segmentBytes: 500 }, cache);
  for (let i = 0; i < 60; i++) appendOk(log, buildBatch({ records: simpleRecords(1, 100, i) }));
  assert.ok(log.segmentCount > 10);
  for (let off = 0n; off < 60n; off += 7n) assert.equal(baseOffsets(readOk(log, off, 1))[0], off);
  assert.ok(cache.size <= 2);
  log.close();
});

test('onAppend listeners fire after appends and can unsubscribe', () => {
  const log = open();
  let n = 0;
  const off = log.onAppend(() => n++);
  appendOk(log, buildBatch({ records: simpleRecords(1) }));
  off();
  appendOk(log, buildBatch({ records: simpleRecords(1) }));
  assert.equal(n, 1);
  log.close();
});
