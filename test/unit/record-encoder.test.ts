import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBatchCrc, readBatchHeader, validateProducedRecords } from '../../electron/broker/protocol/record-batch';
import { decodeRecords, encodeRecordBatch } from '../../electron/broker/protocol/record-encoder';
import { buildBatch } from './batch-builder';
import {
  decodeCoordinatorKey,
  decodeOffsetValue,
  encodeOffsetKey,
  encodeOffsetValue,
  javaStringHashCode,
  partitionForGroup,
} from '../../electron/broker/groups/offsets-topic';

test('encodes a magic-2 batch the broker accepts, with a valid CRC-32C, and decodes it back', () => {
  const batch = encodeRecordBatch([
    { key: Buffer.from('k1'), value: Buffer.from('v1'), timestamp: 1_700_000_000_000n, headers: [{ key: 'h', value: Buffer.from('x') }] },
    { key: Buffer.from('k2'), value: null, timestamp: 1_700_000_000_005n },
    { key: null, value: Buffer.alloc(300, 7), timestamp: 1_699_999_999_999n, headers: [{ key: 'n', value: null }] },
  ]);
  const res = validateProducedRecords(batch, { maxMessageBytes: 1 << 20 });
  assert.ok(!('error' in res), 'error' in res ? res.message : '');
  const h = readBatchHeader(batch, 0)!;
  assert.equal(h.magic, 2);
  assert.equal(h.recordCount, 3);
  assert.equal(h.lastOffsetDelta, 2);
  assert.equal(h.compression, 0);
  assert.equal(h.baseTimestamp, 1_699_999_999_999n);
  assert.equal(h.maxTimestamp, 1_700_000_000_005n);
  assert.equal(h.producerId, -1n);
  assert.ok(checkBatchCrc(batch, 0, h.size));
  const recs = [...decodeRecords(batch)];
  assert.equal(recs.length, 3);
  assert.deepEqual(recs[0].key, Buffer.from('k1'));
  assert.deepEqual(recs[0].value, Buffer.from('v1'));
  assert.deepEqual(recs[0].headers, [{ key: 'h', value: Buffer.from('x') }]);
  assert.equal(recs[0].timestamp, 1_700_000_000_000n);
  assert.equal(recs[1].value, null);
  assert.equal(recs[1].offset, 1n);
  assert.equal(recs[2].key, null);
  assert.equal(recs[2].value!.length, 300);
  assert.deepEqual(recs[2].headers, [{ key: 'n', value: null }]);
});

test('encodes records byte for byte as the test batch builder (a client) does', () => {
  const ts = 1_700_000_000_000n;
  const mine = encodeRecordBatch([
    { key: Buffer.from('a'), value: Buffer.from('b'), timestamp: ts },
    { key: Buffer.from('c'), value: null, timestamp: ts + 3n, headers: [{ key: 'hk', value: Buffer.from('hv') }] },
  ]);
  const theirs = buildBatch({
    baseTimestamp: ts,
    records: [
      { key: 'a', value: 'b' },
      { key: 'c', value: null, timestampDelta: 3, headers: [{ key: 'hk', value: 'hv' }] },
    ],
  });
  assert.deepEqual(mine, theirs);
});

test('an empty batch is refused', () => {
  assert.throws(() => encodeRecordBatch([]), RangeError);
});

test('Java String.hashCode and the __consumer_offsets partition of a group', () => {
  assert.equal(javaStringHashCode(''), 0);
  assert.equal(javaStringHashCode('hello'), 99162322);
  assert.equal(javaStringHashCode('polygenelubricants'), -2147483648);
  assert.equal(partitionForGroup('polygenelubricants', 50), 0); // Utils.abs(MIN_VALUE) = 0
  assert.equal(partitionForGroup('hello', 50), 99162322 % 50);
  // A negative hash: "console-consumer-1" style ids hash anywhere; abs, not & 0x7fffffff.
  const neg = javaStringHashCode('Aa-negative-group-id!');
  if (neg < 0) assert.equal(partitionForGroup('Aa-negative-group-id!', 50), Math.abs(neg) % 50);
});

test('offset commit keys and values use Kafka key version 1 and value version 3', () => {
  const key = encodeOffsetKey('g', 'topic', 3);
  assert.equal(key.readInt16BE(0), 1);
  // int16 version, string group, string topic, int32 partition
  assert.deepEqual(key, Buffer.from([0, 1, 0, 1, 0x67, 0, 5, ...Buffer.from('topic'), 0, 0, 0, 3]));
  assert.deepEqual(decodeCoordinatorKey(key), { type: 'offset', group: 'g', topic: 'topic', partition: 3 });
  const value = encodeOffsetValue({ offset: 42n, leaderEpoch: 7, metadata: 'm', commitTimestamp: 1000n });
  assert.equal(value.readInt16BE(0), 3);
  assert.deepEqual(decodeOffsetValue(value), { offset: 42n, leaderEpoch: 7, metadata: 'm', commitTimestamp: 1000n });
  assert.deepEqual(decodeCoordinatorKey(Buffer.from([0, 2, 0, 1, 0x67])), { type: 'group', group: 'g' });
});
