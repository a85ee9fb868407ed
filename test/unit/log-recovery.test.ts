import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../electron/broker/log/config';
import { PartitionLog } from '../../electron/broker/log/partition-log';
import { SegmentCache } from '../../electron/broker/log/segment-cache';
import { isKafkaError, iterateBatches } from '../../electron/broker/protocol/record-batch';
import { buildBatch, produced, simpleRecords } from './batch-builder';

let dir: string;
let pdir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-rec-'));
  pdir = join(dir, 't-0');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(config: Partial<LogConfig> = {}, logs: string[] = []): PartitionLog {
  return PartitionLog.open({
    dir: pdir,
    topic: 't',
    index: 0,
    config: { ...DEFAULT_LOG_CONFIG, ...config },
    cache: new SegmentCache(4),
    onLog: (m) => logs.push(m),
  });
}

function fill(log: PartitionLog, batches: number, from = 0): void {
  for (let i = 0; i < batches; i++) {
    const r = log.append(produced(buildBatch({ records: simpleRecords(3, 40, (from + i) * 3) })), Date.now());
    assert.ok(!isKafkaError(r));
  }
}

function allOffsets(log: PartitionLog): bigint[] {
  const r = log.read(log.logStartOffset, 1 << 30);
  if (isKafkaError(r)) assert.fail(r.message);
  return r.records.flatMap((b) => [...iterateBatches(b)].map((x) => x.header.baseOffset));
}

const seg0 = () => join(pdir, '00000000000000000000');

test('a torn tail (half a batch, garbage) is truncated on open and appends continue', () => {
  const log = open();
  fill(log, 10);
  log.close();
  const size = statSync(`${seg0()}.log`).size;
  const half = buildBatch({ records: simpleRecords(3) }).subarray(0, 50);
  appendFileSync(`${seg0()}.log`, half);
  const logs: string[] = [];
  const log2 = open({}, logs);
  assert.equal(log2.logEndOffset, 30n);
  assert.equal(statSync(`${seg0()}.log`).size, size);
  assert.ok(logs.some((l) => l.includes('truncated 50 bytes')), logs.join('\n'));
  fill(log2, 1, 10);
  assert.equal(log2.logEndOffset, 33n);
  log2.close();

  // A whole batch with a flipped byte (bad CRC) and trailing garbage.
  const bad = buildBatch({ records: simpleRecords(3), baseOffset: 33n });
  bad[bad.length - 2] ^= 0x55;
  appendFileSync(`${seg0()}.log`, Buffer.concat([bad, Buffer.from('garbage')]));
  const logs3: string[] = [];
  const log3 = open({}, logs3);
  assert.equal(log3.logEndOffset, 33n);
  assert.ok(logs3.some((l) => l.includes('CRC mismatch')), logs3.join('\n'));
  assert.deepEqual(allOffsets(log3), Array.from({ length: 11 }, (_, i) => BigInt(i * 3)));
  log3.close();
});

test('a crash mid-batch in the middle of the last segment drops everything after it', () => {
  const log = open();
  fill(log, 5);
  log.close();
  const bytes = readFileSync(`${seg0()}.log`);
  const cut = [...iterateBatches(bytes)][2].pos + 20;
  truncateSync(`${seg0()}.log`, cut);
  const log2 = open();
  assert.equal(log2.logEndOffset, 6n);
  log2.close();
});

test('deleted or damaged index files are rebuilt, for the last and for older segments', () => {
  const cfg = { segmentBytes: 1200, indexIntervalBytes: 200 };
  const log = open(cfg);
  fill(log, 40);
  const bases = log.segmentBaseOffsets();
  assert.ok(bases.length >= 3);
  log.close();
  const stem = (b: bigint) => join(pdir, b.toString().padStart(20, '0'));
  const want = { idx: readFileSync(`${stem(bases[0])}.index`), tidx: readFileSync(`${stem(bases[0])}.timeindex`) };
  const wantLast = readFileSync(`${stem(bases.at(-1)!)}.index`);
  unlinkSync(`${stem(bases[0])}.index`);
  unlinkSync(`${stem(bases[0])}.timeindex`);
  writeFileSync(`${stem(bases[1])}.index`, Buffer.from([1, 2, 3])); // not a multiple of 8
  unlinkSync(`${stem(bases.at(-1)!)}.index`);
  const logs: string[] = [];
  const log2 = open(cfg, logs);
  assert.deepEqual(allOffsets(log2), Array.from({ length: 40 }, (_, i) => BigInt(i * 3)));
  for (let off = 0n; off < 120n; off += 5n) {
    const r = log2.read(off, 1);
    assert.ok(!isKafkaError(r));
    assert.equal([...iterateBatches(r.records[0])][0].header.baseOffset, off - (off % 3n));
  }
  log2.close();
  assert.deepEqual(readFileSync(`${stem(bases[0])}.index`), want.idx);
  assert.deepEqual(readFileSync(`${stem(bases[0])}.timeindex`), want.tidx);
  assert.equal(readFileSync(`${stem(bases[1])}.index`).length % 8, 0);
  assert.deepEqual(readFileSync(`${stem(bases.at(-1)!)}.index`), wantLast);
  assert.ok(logs.some((l) => l.includes('rebuilding')));
});

test('reopen keeps offsets across several segments', () => {
  const log = open({ segmentBytes: 1000 });
  fill(log, 30);
  const bases = log.segmentBaseOffsets();
  log.close();
  const log2 = open({ segmentBytes: 1000 });
  assert.deepEqual(log2.segmentBaseOffsets(), bases);
  assert.equal(log2.logEndOffset, 90n);
  assert.equal(log2.logStartOffset, 0n);
  assert.deepEqual(log2.maxTimestamp().offset >= 0n, true);
  log2.close();
});
