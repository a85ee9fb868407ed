// Records inside compressed batches, over TCP. librdkafka (confluent-kafka, as inside kcat) produces
// one batch per codec whose records carry different timestamps; ListOffsets by timestamp (kcat -Q
// and a raw request) and by max timestamp answer the exact record inside it, as Kafka does, not
// the batch's first offset. Produce inflates
// every codec for its checks: a keyless record to a compacted topic and a timestamp out of range
// are blamed on the right record, a payload that does not decode is UNKNOWN_SERVER_ERROR (what
// Kafka 4.3.1 answers) and a decompression bomb INVALID_RECORD.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestBroker, type TestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { runOk } from '../support/run';
import { produceWithTimestamps, storedBatches } from '../support/client-batches';
import { buildBatch } from '../unit/batch-builder';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { readBatchHeader } from '../../electron/broker/protocol/record-batch';
import { crc32c } from '../../electron/broker/protocol/crc32c';
import { COMPRESSION_ID } from '../support/differential/compression';

let broker: TestBroker;
let client: RawClient;
before(async () => {
  broker = await startTestBroker({ 'num.partitions': '1' });
  client = await RawClient.connect(broker.port);
});
after(async () => {
  client.close();
  await broker.stop();
});

const kcat = (args: string[], input?: string) => runOk('kcat', ['-b', broker.bootstrap, ...args], { input });

async function listOffset(topic: string, timestamp: bigint): Promise<{ offset: bigint; timestamp: bigint }> {
  const res = await client.request(ApiKey.ListOffsets, 7, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp }] }],
  });
  const p = res.topics[0].partitions[0];
  assert.equal(p.errorCode, ErrorCode.NONE);
  return { offset: p.offset, timestamp: p.timestamp };
}

for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
  test(`librdkafka ${codec} batch: ListOffsets by timestamp and max timestamp find the exact record inside the batch`, async () => {
    const topic = `inside-${codec}`;
    const t0 = Date.now() - 60_000;
    await produceWithTimestamps(broker.bootstrap, topic, 0, 'none', [t0 - 1000]);
    // Out of order, with a repeat: the largest timestamp is the third record's.
    await produceWithTimestamps(broker.bootstrap, topic, 0, codec, [t0, t0 + 10, t0 + 30, t0 + 10, t0 + 20]);
    const batches = storedBatches(broker.dataDir, topic, 0).map((b) => readBatchHeader(b, 0)!);
    assert.deepEqual(batches.map((h) => [h.baseOffset, h.compression, h.recordCount]), [[0n, 0, 1], [1n, COMPRESSION_ID[codec], 5]]);

    // The timestamps as librdkafka decodes them, record by record.
    const consumed = await kcat(['-C', '-t', topic, '-p', '0', '-o', '0', '-e', '-f', '%o %T\\n']);
    const records = consumed.trimEnd().split('\n').map((l) => l.split(' ').map(BigInt) as [bigint, bigint]);
    assert.deepEqual(records.map(([, ts]) => Number(ts) - t0), [-1000, 0, 10, 30, 10, 20]);
    for (const ts of [t0, t0 + 5, t0 + 10, t0 + 20, t0 + 21, t0 + 30].map(BigInt)) {
      const [offset, timestamp] = records.find(([, t]) => t >= ts)!;
      assert.deepEqual(await listOffset(topic, ts), { offset, timestamp }, `timestamp ${ts}`);
      const q = await kcat(['-Q', '-t', `${topic}:0:${ts}`]);
      assert.match(q, new RegExp(`\\[0\\]\\s+offset ${offset}\\b`), q);
    }
    const [maxOffset, maxTimestamp] = records.reduce((best, r) => (r[1] > best[1] ? r : best));
    assert.deepEqual(await listOffset(topic, -3n), { offset: maxOffset, timestamp: maxTimestamp });
  });
}

const produce = async (topic: string, batch: Buffer) => {
  const res = await client.request(ApiKey.Produce, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 5000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }],
  });
  return res.responses[0].partitionResponses[0];
};

test('Produce inflates snappy, lz4 and zstd batches for the key and timestamp checks', async () => {
  await client.request(ApiKey.CreateTopics, 7, {
    topics: [
      { name: 'compacted-codecs', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'cleanup.policy', value: 'compact' }] },
      { name: 'timely-codecs', numPartitions: 1, replicationFactor: 1, configs: [] },
    ],
    timeoutMs: 5000,
  });
  const now = BigInt(Date.now());
  for (const compression of ['snappy', 'lz4', 'zstd'] as const) {
    const keyless = await produce('compacted-codecs', buildBatch({ compression, baseTimestamp: now, records: [{ key: 'a', value: '1' }, { key: null, value: '2' }, { key: 'c', value: '3' }] }));
    assert.equal(keyless.errorCode, ErrorCode.INVALID_RECORD, compression);
    assert.deepEqual(keyless.recordErrors.map((e) => e.batchIndex), [1], compression);
    // Only the third record is two hours ahead; base and first timestamps are fine.
    const late = await produce('timely-codecs', buildBatch({ compression, baseTimestamp: now, records: [{ value: 'a' }, { value: 'b', timestampDelta: 1 }, { value: 'c', timestampDelta: 7_200_000 }] }));
    assert.equal(late.errorCode, ErrorCode.INVALID_TIMESTAMP, compression);
    assert.deepEqual(late.recordErrors.map((e) => e.batchIndex), [2], compression);
    const fine = await produce('compacted-codecs', buildBatch({ compression, baseTimestamp: now, records: [{ key: 'a', value: '1' }] }));
    assert.equal(fine.errorCode, ErrorCode.NONE, compression);
  }
});

/** A zstd batch with `payload` as its compressed records (CRC made valid). */
function zstdBatch(payload: Buffer): Buffer {
  const head = buildBatch({ compression: 'zstd', baseTimestamp: BigInt(Date.now()), records: [{ key: 'k', value: 'v' }] }).subarray(0, 61);
  const batch = Buffer.concat([head, payload]);
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeUInt32BE(crc32c(batch, 21), 17);
  return batch;
}

test('Produce: a payload that does not decode is UNKNOWN_SERVER_ERROR, a decompression bomb INVALID_RECORD; the broker serves on', async () => {
  const corrupt = await produce('timely-codecs', zstdBatch(Buffer.from('definitely not a zstd frame')));
  assert.equal(corrupt.errorCode, ErrorCode.UNKNOWN_SERVER_ERROR);
  // A zstd frame header declaring 2 GB of content, in 13 bytes.
  const declared = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xa0, 0, 0, 0, 0x80, 0x01, 0, 0, 0]);
  const bomb = await produce('timely-codecs', zstdBatch(declared));
  assert.equal(bomb.errorCode, ErrorCode.INVALID_RECORD);
  assert.match(bomb.errorMessage ?? '', /inflate past/);
  assert.equal((await listOffset('timely-codecs', -1n)).offset, 0n, 'nothing was appended');
});
