import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogManager, DEFAULT_LOG_CONFIG } from '../../electron/broker/log';
import { isKafkaError } from '../../electron/broker/protocol/record-batch';
import { buildBatch, produced, simpleRecords } from './batch-builder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-ret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => LogManager.open(dir, { defaults: { ...DEFAULT_LOG_CONFIG } });

function fill(m: LogManager, topic: string, n: number, baseTimestamp: (i: number) => bigint): void {
  const log = m.partition(topic, 0)!;
  for (let i = 0; i < n; i++) {
    const r = log.append(produced(buildBatch({ records: simpleRecords(2, 100), baseTimestamp: baseTimestamp(i) })), Date.now());
    assert.ok(!isKafkaError(r));
  }
}

test('retention.bytes deletes the oldest segments, never the active one, and moves the log start offset', () => {
  const m = open();
  m.createTopic('t', 1, { 'segment.bytes': '1000', 'retention.bytes': '2500' });
  fill(m, 't', 30, () => BigInt(Date.now()));
  const log = m.partition('t', 0)!;
  const before = log.segmentBaseOffsets();
  const sizeBefore = log.sizeBytes();
  assert.ok(sizeBefore > 2500);
  m.enforceRetention(Date.now());
  const after = log.segmentBaseOffsets();
  assert.ok(after.length < before.length);
  assert.equal(log.logStartOffset, after[0]);
  // What is left is at least retention.bytes, and less than that plus the oldest remaining segment.
  assert.ok(log.sizeBytes() >= 2500);
  assert.ok(!existsSync(join(dir, 't-0', '00000000000000000000.log')));
  const r = log.read(0n, 100);
  assert.ok(isKafkaError(r) && r.error === 'OFFSET_OUT_OF_RANGE');
  assert.ok(!isKafkaError(log.read(log.logStartOffset, 100)));
  const lso = log.logStartOffset;
  m.close();
  assert.ok(readFileSync(join(dir, 'log-start-offset-checkpoint'), 'utf8').includes(`t 0 ${lso}`));
  const m2 = open();
  assert.equal(m2.partition('t', 0)!.logStartOffset, lso);
  m2.close();
});

test('retention.ms deletes segments whose newest record is older; -1 keeps them forever', () => {
  const m = open();
  m.createTopic('old', 1, { 'segment.bytes': '1000', 'retention.ms': '60000' });
  m.createTopic('forever', 1, { 'segment.bytes': '1000', 'retention.ms': '-1' });
  const now = Date.now();
  // First 10 batches are two hours old, the rest are fresh.
  const ts = (i: number) => BigInt(i < 10 ? now - 7_200_000 : now);
  fill(m, 'old', 20, ts);
  fill(m, 'forever', 20, ts);
  const oldLog = m.partition('old', 0)!;
  const segsBefore = oldLog.segmentCount;
  m.enforceRetention(now);
  assert.ok(oldLog.segmentCount < segsBefore);
  // Every deleted offset was old; the first remaining segment may hold old and new records.
  assert.ok(oldLog.logStartOffset > 0n && oldLog.logStartOffset <= 20n, `lso ${oldLog.logStartOffset}`);
  assert.equal(m.partition('forever', 0)!.logStartOffset, 0n);
  // Far in the future, everything but the active segment goes.
  m.enforceRetention(now + 10_000_000);
  assert.equal(oldLog.segmentCount, 1);
  assert.equal(oldLog.logEndOffset, 40n);
  m.close();
});

test('deleteRecordsBefore moves the log start offset, deletes whole segments, persists across reopen', () => {
  const m = open();
  m.createTopic('t', 1, { 'segment.bytes': '1000' });
  fill(m, 't', 20, () => 1_700_000_000_000n);
  const log = m.partition('t', 0)!;
  const bases = log.segmentBaseOffsets();
  const target = bases[2] + 1n;
  const r = log.deleteRecordsBefore(target);
  assert.deepEqual(r, { lowWatermark: target });
  assert.deepEqual(log.segmentBaseOffsets(), bases.slice(2));
  const oor = log.deleteRecordsBefore(1000n);
  assert.ok(isKafkaError(oor) && oor.error === 'OFFSET_OUT_OF_RANGE');
  // Reads below the new start are out of range; at it, they start at the batch holding it.
  assert.ok(isKafkaError(log.read(target - 1n, 100)));
  assert.ok(!isKafkaError(log.read(target, 100)));
  assert.deepEqual(log.offsetForTimestamp(0n)?.offset, target);
  m.close();
  const m2 = open();
  const log2 = m2.partition('t', 0)!;
  assert.equal(log2.logStartOffset, target);
  // -1 means the high watermark: everything goes, the log continues at the same offset.
  assert.deepEqual(log2.deleteRecordsBefore(-1n), { lowWatermark: 40n });
  assert.equal(log2.segmentCount, 1);
  assert.equal(log2.sizeBytes(), 0);
  assert.equal(log2.logEndOffset, 40n);
  const a = log2.append(produced(buildBatch({ records: simpleRecords(1) })), Date.now());
  assert.ok(!isKafkaError(a) && a.baseOffset === 40n && a.logStartOffset === 40n);
  m2.close();
  const m3 = open();
  assert.equal(m3.partition('t', 0)!.logStartOffset, 40n);
  assert.equal(m3.partition('t', 0)!.logEndOffset, 41n);
  m3.close();
});
