import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../electron/broker/log/config';
import { PartitionLog } from '../../electron/broker/log/partition-log';
import { SegmentCache } from '../../electron/broker/log/segment-cache';
import { isKafkaError } from '../../electron/broker/protocol/record-batch';
import { buildBatch, produced, simpleRecords } from './batch-builder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-pid-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (config: Partial<LogConfig> = {}) =>
  PartitionLog.open({ dir: join(dir, 't-0'), topic: 't', index: 0, config: { ...DEFAULT_LOG_CONFIG, ...config }, cache: new SegmentCache(4) });

const batch = (seq: number, n = 2, epoch = 0, pid = 42n) =>
  produced(buildBatch({ records: simpleRecords(n), producerId: pid, producerEpoch: epoch, baseSequence: seq }));

function send(log: PartitionLog, b: ReturnType<typeof batch>) {
  return log.append(b, Date.now());
}

test('a retried batch returns its original offset and is not appended twice', () => {
  const log = open();
  const r0 = send(log, batch(0));
  const r1 = send(log, batch(2));
  assert.ok(!isKafkaError(r0) && !isKafkaError(r1));
  assert.equal(r1.baseOffset, 2n);
  const dup = send(log, batch(0));
  assert.ok(!isKafkaError(dup));
  assert.equal(dup.baseOffset, 0n);
  assert.equal(log.logEndOffset, 4n);
  // Only the last five batches are remembered.
  for (let s = 4; s < 14; s += 2) send(log, batch(s));
  const old = send(log, batch(2));
  assert.ok(isKafkaError(old) && old.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER');
  const recent = send(log, batch(6));
  assert.ok(!isKafkaError(recent) && recent.baseOffset === 6n);
  log.close();
});

test('gaps are refused; epochs are checked; producer id -1 skips all checks', () => {
  const log = open();
  assert.ok(!isKafkaError(send(log, batch(0))));
  const gap = send(log, batch(5));
  assert.ok(isKafkaError(gap) && gap.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && gap.code === 45);
  const newEpochBadSeq = send(log, batch(2, 2, 1));
  assert.ok(isKafkaError(newEpochBadSeq) && newEpochBadSeq.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER');
  assert.ok(!isKafkaError(send(log, batch(0, 2, 1))));
  const fenced = send(log, batch(2, 2, 0));
  assert.ok(isKafkaError(fenced) && fenced.error === 'INVALID_PRODUCER_EPOCH' && fenced.code === 47);
  // An unknown producer may start anywhere (KIP-360: its state may have been removed).
  assert.ok(!isKafkaError(send(log, batch(100, 2, 0, 7n))));
  for (let i = 0; i < 3; i++) assert.ok(!isKafkaError(log.append(produced(buildBatch({ records: simpleRecords(1) })), Date.now())));
  assert.equal(log.logEndOffset, 9n);
  log.close();
});

test('sequence numbers wrap at int32 max', () => {
  const log = open();
  assert.ok(!isKafkaError(send(log, batch(0x7fffffff - 1, 2))));
  assert.ok(!isKafkaError(send(log, batch(0, 2))));
  log.close();
});

test('producer state is rebuilt on reopen, with and without a snapshot, across segments', () => {
  const cfg = { segmentBytes: 400 };
  const log = open(cfg);
  for (let s = 0; s < 40; s += 2) assert.ok(!isKafkaError(send(log, batch(s))));
  assert.ok(log.segmentCount > 2);
  log.close();
  const log2 = open(cfg);
  const dup = send(log2, batch(38));
  assert.ok(!isKafkaError(dup) && dup.baseOffset === 38n);
  const gap = send(log2, batch(44));
  assert.ok(isKafkaError(gap));
  log2.close();
  // Without any snapshot files the state comes from the batch headers alone.
  for (const f of readdirSync(join(dir, 't-0'))) if (f.endsWith('.brook-producers.json')) rmSync(join(dir, 't-0', f));
  const log3 = open(cfg);
  const dup3 = send(log3, batch(36));
  assert.ok(!isKafkaError(dup3) && dup3.baseOffset === 36n);
  assert.ok(!isKafkaError(send(log3, batch(40))));
  log3.close();
});
