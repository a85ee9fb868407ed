// The data path with real clients over TCP: Produce (kafkajs with acks -1/1/0 and gzip, kcat,
// raw requests for the versions and errors no client sends), Fetch (kcat reading back byte for
// byte, long polls woken by produces, KIP-74 limits), ListOffsets (kafkajs admin, raw v1/v5) and
// InitProducerId (kafkajs and librdkafka idempotent producers, ids kept across a restart).
// Every test starts its own broker on a free port with a fresh data directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Kafka, CompressionTypes, type KafkaConfig } from 'kafkajs';
import { startTestBroker, silentKafkaLog, type TestBroker } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { runOk } from '../support/run';
import { buildBatch, simpleRecords } from '../unit/batch-builder';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import type { PartitionLog } from '../../electron/broker/log';

async function withBroker(fn: (b: TestBroker) => Promise<void>, config: Record<string, string> = {}): Promise<void> {
  const b = await startTestBroker(config);
  try {
    await fn(b);
  } finally {
    await b.stop();
  }
}

const kafka = (b: TestBroker, extra: Partial<KafkaConfig> = {}) =>
  new Kafka({ clientId: 'data-path-test', brokers: [b.bootstrap], logCreator: silentKafkaLog, retry: { retries: 2 }, ...extra });

const createTopic = (b: TestBroker, name: string, partitions = 1, configs: Record<string, string> = {}) =>
  b.running.broker.logs.createTopic(name, partitions, configs);

const kcat = (b: TestBroker, args: string[], input?: string) => runOk('kcat', ['-b', b.bootstrap, ...args], { input });

const readAll = (b: TestBroker, topic: string, partition = 0) =>
  kcat(b, ['-C', '-t', topic, '-p', String(partition), '-o', 'beginning', '-e', '-f', '%k:%s:%o\\n']);

const produceBody = (topic: string, records: Buffer | null, extra: { acks?: number; transactionalId?: string | null; index?: number } = {}) => ({
  transactionalId: extra.transactionalId ?? null,
  acks: extra.acks ?? -1,
  timeoutMs: 5000,
  topicData: [{ name: topic, partitionData: [{ index: extra.index ?? 0, records }] }],
});

const fetchBody = (topic: string, fetchOffset: bigint, opts: { maxWaitMs?: number; minBytes?: number; maxBytes?: number; partitionMaxBytes?: number } = {}) => ({
  replicaId: -1,
  maxWaitMs: opts.maxWaitMs ?? 0,
  minBytes: opts.minBytes ?? 1,
  maxBytes: opts.maxBytes ?? 50 * 1024 * 1024,
  isolationLevel: 0,
  sessionId: 0,
  sessionEpoch: -1,
  topics: [{ topic, partitions: [{ partition: 0, fetchOffset, partitionMaxBytes: opts.partitionMaxBytes ?? 1024 * 1024 }] }],
  forgottenTopicsData: [],
  rackId: '',
});

const appendListeners = (log: PartitionLog) => (log as unknown as { listeners: Set<unknown> }).listeners.size;

test('kafkajs produces with acks -1 (gzip), 0 and 1; kcat reads every record back byte for byte', () =>
  withBroker(async (b) => {
    createTopic(b, 'acks');
    const producer = kafka(b).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      const gz = await producer.send({
        topic: 'acks',
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages: [
          { key: 'a', value: 'gzip one' },
          { key: 'b', value: 'gzip two é✓' },
          { key: 'c', value: 'x'.repeat(5000) },
        ],
      });
      assert.equal(gz[0].errorCode, 0);
      assert.equal(gz[0].baseOffset, '0');
      // acks=0 has no response; the acks=1 request after it on the same connection is answered only
      // once the acks=0 one was appended (requests are handled in order).
      await producer.send({ topic: 'acks', acks: 0, messages: [{ key: 'd', value: 'fire and forget' }] });
      const one = await producer.send({ topic: 'acks', acks: 1, messages: [{ key: 'e', value: 'leader ack' }] });
      assert.equal(one[0].baseOffset, '4');
      assert.equal(one[0].logAppendTime, '-1');
    } finally {
      await producer.disconnect();
    }
    const out = await readAll(b, 'acks');
    assert.equal(out, `a:gzip one:0\nb:gzip two é✓:1\nc:${'x'.repeat(5000)}:2\nd:fire and forget:3\ne:leader ack:4\n`);
  }));

test('kcat produces 20,000 records in many batches and reads them all back', () =>
  withBroker(async (b) => {
    createTopic(b, 'bulk');
    const lines = Array.from({ length: 20_000 }, (_, i) => `k${i}:${'v'.repeat(i % 97)}${i}`);
    await kcat(b, ['-P', '-t', 'bulk', '-p', '0', '-K:', '-X', 'batch.num.messages=500'], lines.join('\n') + '\n');
    const out = (await readAll(b, 'bulk')).trimEnd().split('\n');
    assert.equal(out.length, lines.length);
    out.forEach((line, i) => assert.equal(line, `${lines[i]}:${i}`));
  }));

test('LogAppendTime topics answer the broker time in logAppendTimeMs', () =>
  withBroker(async (b) => {
    createTopic(b, 'appendtime', 1, { 'message.timestamp.type': 'LogAppendTime' });
    const c = await RawClient.connect(b.port);
    try {
      const before = BigInt(Date.now());
      const res = await c.request(ApiKey.Produce, 7, produceBody('appendtime', buildBatch({ records: simpleRecords(3) })));
      const p = res.responses[0].partitionResponses[0];
      assert.equal(p.errorCode, 0);
      assert.ok(p.logAppendTimeMs >= before && p.logAppendTimeMs <= BigInt(Date.now()), `${p.logAppendTimeMs}`);
      assert.equal(p.logStartOffset, 0n);
    } finally {
      c.close();
    }
  }));

test('ListOffsets: kafkajs fetchTopicOffsets and fetchTopicOffsetsByTimestamp; raw v1 and v5', () =>
  withBroker(async (b) => {
    createTopic(b, 'times', 2);
    const producer = kafka(b).producer();
    await producer.connect();
    for (const [i, ts] of [1000, 2000, 3000].entries()) {
      await producer.send({ topic: 'times', messages: [{ partition: 0, key: `k${i}`, value: `v${i}`, timestamp: String(ts) }] });
    }
    // One uncompressed batch with three timestamps: found by walking its records.
    await producer.send({
      topic: 'times',
      messages: [4000, 5000, 6000].map((ts) => ({ partition: 0, value: `t${ts}`, timestamp: String(ts) })),
    });
    await producer.disconnect();
    const admin = kafka(b).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets('times');
      const byPartition = Object.fromEntries(offsets.map((o) => [o.partition, o]));
      assert.deepEqual(
        { offset: byPartition[0].offset, high: byPartition[0].high, low: byPartition[0].low },
        { offset: '6', high: '6', low: '0' },
      );
      assert.deepEqual({ high: byPartition[1].high, low: byPartition[1].low }, { high: '0', low: '0' });
      const at = async (ts: number) => (await admin.fetchTopicOffsetsByTimestamp('times', ts)).find((o) => o.partition === 0)!.offset;
      assert.equal(await at(0), '0');
      assert.equal(await at(1500), '1');
      assert.equal(await at(3000), '2');
      assert.equal(await at(4500), '4');
      assert.equal(await at(6000), '5');
      assert.equal(await at(9000), '6', 'kafkajs replaces -1 (no such record) by the high watermark');
    } finally {
      await admin.disconnect();
    }
    const c = await RawClient.connect(b.port);
    try {
      const ask = (version: number, timestamps: bigint[]) =>
        c.request(ApiKey.ListOffsets, version, {
          replicaId: -1,
          isolationLevel: 1,
          topics: [
            { name: 'times', partitions: timestamps.map((timestamp, i) => ({ partitionIndex: i === 3 ? 7 : 0, timestamp })) },
            { name: 'nope', partitions: [{ partitionIndex: 0, timestamp: -1n }] },
          ],
        });
      const v5 = await ask(5, [-1n, -2n, 2500n, 0n, 7000n]);
      assert.deepEqual(
        v5.topics[0].partitions.map((p) => [p.errorCode, p.offset, p.timestamp, p.leaderEpoch]),
        [
          [0, 6n, -1n, 0],
          [0, 0n, -1n, 0],
          [0, 2n, 3000n, 0],
          [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1n, -1n, -1],
          [0, -1n, -1n, -1],
        ],
      );
      assert.equal(v5.topics[1].partitions[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const v1 = await ask(1, [-1n, 5000n]);
      assert.deepEqual(v1.topics[0].partitions.map((p) => [p.offset, p.timestamp]), [[6n, -1n], [4n, 5000n]]);
    } finally {
      c.close();
    }
  }));

test('a kcat consumer in a long poll is woken by a kafkajs produce within a second', () =>
  withBroker(async (b) => {
    createTopic(b, 'wake');
    // fetch.wait.max.ms=10000: only the broker answering on append can deliver the line quickly.
    const child = spawn('kcat', ['-b', b.bootstrap, '-C', '-t', 'wake', '-p', '0', '-o', 'beginning', '-X', 'fetch.wait.max.ms=10000', '-f', '%s@%o\\n', '-u']);
    let out = '';
    const arrived = new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve();
      }),
    );
    try {
      const log = b.running.broker.logs.partition('wake', 0)!;
      // Wait until kcat's fetch is parked on the partition.
      const deadline = Date.now() + 10_000;
      while (appendListeners(log) === 0) {
        assert.ok(Date.now() < deadline, 'kcat never started a long poll');
        await new Promise((r) => setTimeout(r, 20));
      }
      const producer = kafka(b).producer();
      await producer.connect();
      const sent = Date.now();
      await producer.send({ topic: 'wake', messages: [{ value: 'wake up' }] });
      await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error(`no line within 1s: "${out}"`)), 1000))]);
      assert.equal(out, 'wake up@0\n');
      assert.ok(Date.now() - sent < 1000);
      await producer.disconnect();
    } finally {
      child.kill('SIGKILL');
    }
  }));

test('Fetch long poll: woken by an append, times out empty, and forgets a closed connection', () =>
  withBroker(async (b) => {
    createTopic(b, 'poll');
    const log = b.running.broker.logs.partition('poll', 0)!;
    const consumer = await RawClient.connect(b.port);
    const producer = await RawClient.connect(b.port);
    try {
      // Woken: the answer arrives long before maxWaitMs, with the new batch.
      const start = Date.now();
      const waiting = consumer.request(ApiKey.Fetch, 11, fetchBody('poll', 0n, { maxWaitMs: 10_000 }));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(appendListeners(log), 1);
      const batch = buildBatch({ records: simpleRecords(2) });
      const produced = await producer.request(ApiKey.Produce, 8, produceBody('poll', batch));
      assert.equal(produced.responses[0].partitionResponses[0].errorCode, 0);
      const woken = await waiting;
      assert.ok(Date.now() - start < 2000);
      const p = woken.responses[0].partitions[0];
      assert.equal(woken.sessionId, 0);
      assert.equal(p.errorCode, 0);
      assert.equal(p.highWatermark, 2n);
      assert.equal(p.lastStableOffset, 2n);
      assert.equal(p.logStartOffset, 0n);
      assert.equal(p.preferredReadReplica, -1);
      assert.equal(p.abortedTransactions, null, 'read_uncommitted: Kafka sends no aborted transactions list');
      assert.equal((p.records as Buffer).length, batch.length);
      assert.equal(appendListeners(log), 0, 'listener removed once answered');

      // minBytes not reached by a small append: keeps waiting until maxWaitMs, then answers with it.
      const t0 = Date.now();
      const partial = consumer.request(ApiKey.Fetch, 11, fetchBody('poll', 2n, { maxWaitMs: 400, minBytes: 1_000_000 }));
      await new Promise((r) => setTimeout(r, 50));
      await producer.request(ApiKey.Produce, 8, produceBody('poll', buildBatch({ records: simpleRecords(1) })));
      const late = await partial;
      assert.ok(Date.now() - t0 >= 350, `answered after ${Date.now() - t0} ms`);
      assert.ok((late.responses[0].partitions[0].records as Buffer).length > 0);

      // Nothing arrives: empty answer after maxWaitMs.
      const t1 = Date.now();
      const empty = await consumer.request(ApiKey.Fetch, 4, fetchBody('poll', 3n, { maxWaitMs: 300 }));
      assert.ok(Date.now() - t1 >= 250);
      assert.equal((empty.responses[0].partitions[0].records as Buffer).length, 0);
      assert.equal(empty.responses[0].partitions[0].highWatermark, 3n);

      // The topic is deleted during the wait: the answer says so when the wait ends.
      createTopic(b, 'doomed');
      const doomed = consumer.request(ApiKey.Fetch, 11, fetchBody('doomed', 0n, { maxWaitMs: 300 }));
      await new Promise((r) => setTimeout(r, 50));
      b.running.broker.logs.deleteTopic('doomed');
      const gone = await doomed;
      assert.equal(gone.responses[0].partitions[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

      // The connection closes during the wait: the listener goes with it.
      void consumer.request(ApiKey.Fetch, 11, fetchBody('poll', 3n, { maxWaitMs: 30_000 })).catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(appendListeners(log), 1);
      consumer.close();
      const deadline = Date.now() + 2000;
      while (appendListeners(log) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(appendListeners(log), 0);
      // The broker still serves the producer's connection.
      const again = await producer.request(ApiKey.Produce, 8, produceBody('poll', buildBatch({ records: simpleRecords(1) })));
      assert.equal(again.responses[0].partitionResponses[0].baseOffset, 3n);
    } finally {
      consumer.close();
      producer.close();
    }
  }));

test('Fetch limits (KIP-74) and partition errors', () =>
  withBroker(async (b) => {
    createTopic(b, 'limits', 2);
    const c = await RawClient.connect(b.port);
    try {
      const big = buildBatch({ records: simpleRecords(50, 200) });
      const small = buildBatch({ records: simpleRecords(2) });
      for (const records of [big, small]) {
        for (const index of [0, 1]) {
          const r = await c.request(ApiKey.Produce, 7, produceBody('limits', records, { index }));
          assert.equal(r.responses[0].partitionResponses[0].errorCode, 0);
        }
      }
      const req = (partitionMaxBytes: number, maxBytes: number, offset0 = 0n) => ({
        ...fetchBody('limits', 0n, { maxBytes }),
        topics: [
          {
            topic: 'limits',
            partitions: [
              { partition: 0, fetchOffset: offset0, partitionMaxBytes },
              { partition: 1, fetchOffset: 0n, partitionMaxBytes },
            ],
          },
          { topic: 'missing', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes }] },
        ],
      });
      const size = (p: { records: unknown }) => (p.records as Buffer).length;
      // Everything fits.
      const all = await c.request(ApiKey.Fetch, 11, req(1 << 20, 1 << 20));
      assert.deepEqual(all.responses[0].partitions.map(size), [big.length + small.length, big.length + small.length]);
      assert.equal(all.responses[1].partitions[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      assert.equal(all.responses[1].partitions[0].highWatermark, -1n);
      // partitionMaxBytes below the first batch: the first partition still gets that one batch,
      // the second gets nothing (a whole batch must fit once some data was returned).
      const tiny = await c.request(ApiKey.Fetch, 11, req(100, 1 << 20));
      assert.deepEqual(tiny.responses[0].partitions.map(size), [big.length, 0]);
      assert.deepEqual(tiny.responses[0].partitions.map((p) => p.highWatermark), [52n, 52n]);
      // maxBytes across the response.
      const capped = await c.request(ApiKey.Fetch, 11, req(1 << 20, big.length + 10));
      assert.deepEqual(capped.responses[0].partitions.map(size), [big.length, 0]);
      // A fetch offset past the end is OFFSET_OUT_OF_RANGE; it answers at once.
      const t = Date.now();
      const oor = await c.request(ApiKey.Fetch, 11, { ...req(1 << 20, 1 << 20, 99n), maxWaitMs: 5000 });
      assert.ok(Date.now() - t < 2000);
      assert.equal(oor.responses[0].partitions[0].errorCode, ErrorCode.OFFSET_OUT_OF_RANGE);
      assert.equal(oor.responses[0].partitions[1].errorCode, 0);
      // Fetching from the middle of a batch returns the whole batch (clients skip what they passed).
      const mid = await c.request(ApiKey.Fetch, 5, fetchBody('limits', 10n));
      assert.equal(size(mid.responses[0].partitions[0]), big.length + small.length);
    } finally {
      c.close();
    }
  }));

test('Produce refuses v0-v2, bad acks, unknown partitions, internal topics and transactional ids, per partition', () =>
  withBroker(async (b) => {
    createTopic(b, 'refusals');
    const c = await RawClient.connect(b.port);
    try {
      const batch = buildBatch({ records: simpleRecords(1) });
      const v2 = await c.request(ApiKey.Produce, 2, produceBody('refusals', batch));
      assert.equal(v2.responses[0].partitionResponses[0].errorCode, ErrorCode.UNSUPPORTED_VERSION);
      const acks = await c.request(ApiKey.Produce, 3, produceBody('refusals', batch, { acks: 2 }));
      assert.equal(acks.responses[0].partitionResponses[0].errorCode, ErrorCode.INVALID_REQUIRED_ACKS);
      const unknown = await c.request(ApiKey.Produce, 8, produceBody('refusals', batch, { index: 3 }));
      assert.equal(unknown.responses[0].partitionResponses[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      const noTopic = await c.request(ApiKey.Produce, 8, produceBody('never-created', batch));
      assert.equal(noTopic.responses[0].partitionResponses[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      assert.equal(b.running.broker.logs.getTopic('never-created'), undefined, 'produce does not create topics');
      // A commit makes __consumer_offsets; clients may not write it (Kafka 4.3.1 answers the same).
      const commit = await c.request(ApiKey.OffsetCommit, 8, {
        groupId: 'refusals-group', generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1n,
        topics: [{ name: 'refusals', partitions: [{ partitionIndex: 0, committedOffset: 0n, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: null }] }],
      });
      assert.equal(commit.topics[0].partitions[0].errorCode, ErrorCode.NONE);
      const offsetsPartition = b.running.broker.logs.partition('__consumer_offsets', 0)!;
      const internalEnd = offsetsPartition.logEndOffset;
      const internal = await c.request(ApiKey.Produce, 9, produceBody('__consumer_offsets', batch));
      assert.deepEqual(
        [internal.responses[0].partitionResponses[0].errorCode, internal.responses[0].partitionResponses[0].baseOffset],
        [ErrorCode.INVALID_TOPIC_EXCEPTION, -1n],
      );
      assert.equal(offsetsPartition.logEndOffset, internalEnd, 'nothing appended to __consumer_offsets');
      // A transactional batch outside any transaction (partition verification, as Kafka's leader does).
      const txnBatch = buildBatch({ records: simpleRecords(1), isTransactional: true, producerId: 7n, producerEpoch: 0, baseSequence: 0 });
      const txn = await c.request(ApiKey.Produce, 8, produceBody('refusals', txnBatch, { transactionalId: 'tx-1' }));
      assert.equal(txn.responses[0].partitionResponses[0].errorCode, ErrorCode.INVALID_TXN_STATE);
      const noId = await c.request(ApiKey.Produce, 8, produceBody('refusals', txnBatch));
      assert.equal(noId.responses[0].partitionResponses[0].errorCode, ErrorCode.INVALID_TXN_STATE);
      assert.equal(b.running.broker.logs.partition('refusals', 0)!.logEndOffset, 0n, 'nothing appended');
      // Still answering.
      const ok = await c.request(ApiKey.Produce, 3, produceBody('refusals', batch));
      assert.equal(ok.responses[0].partitionResponses[0].errorCode, 0);
    } finally {
      c.close();
    }
  }));

test('a corrupt batch gets CORRUPT_MESSAGE and the connection goes on; other record errors', () =>
  withBroker(async (b) => {
    createTopic(b, 'corrupt');
    createTopic(b, 'small', 1, { 'max.message.bytes': '200' });
    const c = await RawClient.connect(b.port);
    try {
      const batch = buildBatch({ records: simpleRecords(3) });
      const flipped = Buffer.from(batch);
      flipped[flipped.length - 3] ^= 0x40;
      const bad = await c.request(ApiKey.Produce, 7, produceBody('corrupt', flipped));
      assert.equal(bad.responses[0].partitionResponses[0].errorCode, ErrorCode.CORRUPT_MESSAGE);
      assert.equal(bad.responses[0].partitionResponses[0].baseOffset, -1n);
      const good = await c.request(ApiKey.Produce, 7, produceBody('corrupt', batch));
      assert.equal(good.responses[0].partitionResponses[0].errorCode, 0);
      assert.equal(good.responses[0].partitionResponses[0].baseOffset, 0n);
      // A control batch from a client is INVALID_RECORD, explained in errorMessage (v8+); like Kafka,
      // no recordErrors (those name faulty records) and the log start offset.
      const control = await c.request(ApiKey.Produce, 8, produceBody('corrupt', buildBatch({ records: simpleRecords(1), isControl: true })));
      const cp = control.responses[0].partitionResponses[0];
      assert.equal(cp.errorCode, ErrorCode.INVALID_RECORD);
      assert.deepEqual(cp.recordErrors, []);
      assert.equal(cp.logStartOffset, 0n);
      assert.ok(cp.errorMessage && cp.errorMessage.length > 0);
      const none = await c.request(ApiKey.Produce, 8, produceBody('corrupt', null));
      assert.equal(none.responses[0].partitionResponses[0].errorCode, ErrorCode.INVALID_RECORD);
      const two = await c.request(ApiKey.Produce, 8, produceBody('corrupt', Buffer.concat([batch, batch])));
      assert.equal(two.responses[0].partitionResponses[0].errorCode, ErrorCode.INVALID_RECORD);
      // max.message.bytes is the topic's.
      const large = await c.request(ApiKey.Produce, 8, produceBody('small', buildBatch({ records: simpleRecords(5, 100) })));
      assert.equal(large.responses[0].partitionResponses[0].errorCode, ErrorCode.MESSAGE_TOO_LARGE);
      const fits = await c.request(ApiKey.Produce, 8, produceBody('corrupt', buildBatch({ records: simpleRecords(5, 100) })));
      assert.equal(fits.responses[0].partitionResponses[0].errorCode, 0);
      assert.equal(b.running.broker.logs.partition('corrupt', 0)!.logEndOffset, 8n);
    } finally {
      c.close();
    }
  }));

test('Produce v9-v11 (flexible) and a failed acks=0 produce closes the connection', () =>
  withBroker(async (b) => {
    createTopic(b, 'flex');
    const c = await RawClient.connect(b.port);
    try {
      for (const [i, v] of [9, 10, 11].entries()) {
        const r = await c.request(ApiKey.Produce, v, produceBody('flex', buildBatch({ records: simpleRecords(2) })));
        const p = r.responses[0].partitionResponses[0];
        assert.deepEqual([p.errorCode, p.baseOffset, p.logStartOffset], [0, BigInt(i * 2), 0n], `v${v}`);
      }
      const unknown = await c.request(ApiKey.Produce, 11, produceBody('nope', buildBatch({ records: simpleRecords(1) })));
      assert.equal(unknown.responses[0].partitionResponses[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      // acks=0 that succeeds: no answer, record appended.
      await c.sendFrame(RawClient.frame(ApiKey.Produce, 9, produceBody('flex', buildBatch({ records: simpleRecords(1) }), { acks: 0 })), false);
      const next = await c.request(ApiKey.Produce, 9, produceBody('flex', buildBatch({ records: simpleRecords(1) })));
      assert.equal(next.responses[0].partitionResponses[0].baseOffset, 7n);
      // acks=0 that fails: the broker closes the connection, as Kafka does.
      await c.sendFrame(RawClient.frame(ApiKey.Produce, 9, produceBody('nope', buildBatch({ records: simpleRecords(1) }), { acks: 0 })), false);
      const deadline = Date.now() + 2000;
      while (!c.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.ok(c.closed);
    } finally {
      c.close();
    }
  }));

test('idempotent producers: kafkajs and librdkafka get producer ids; ids survive a restart', async () => {
  const b = await startTestBroker();
  const dataDir = b.dataDir;
  let firstIds: bigint[];
  try {
    createTopic(b, 'idem');
    const producer = kafka(b).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < 3; i++) {
      await producer.send({ topic: 'idem', messages: [{ key: `k${i}`, value: `idempotent ${i}` }, { key: `j${i}`, value: `second ${i}` }] });
    }
    await producer.disconnect();
    await kcat(b, ['-P', '-t', 'idem', '-p', '0', '-K:', '-X', 'enable.idempotence=true'], 'rk:from librdkafka\n');
    assert.equal(
      await readAll(b, 'idem'),
      'k0:idempotent 0:0\nj0:second 0:1\nk1:idempotent 1:2\nj1:second 1:3\nk2:idempotent 2:4\nj2:second 2:5\nrk:from librdkafka:6\n',
    );
    const c = await RawClient.connect(b.port);
    try {
      // Every stored batch carries a producer id from InitProducerId and sequence numbers.
      const fetched = await c.request(ApiKey.Fetch, 11, fetchBody('idem', 0n));
      const stored = fetched.responses[0].partitions[0].records as Buffer;
      const producerIds = new Set<bigint>();
      for (let pos = 0; pos < stored.length; pos += stored.readInt32BE(pos + 8) + 12) {
        assert.ok(stored.readBigInt64BE(pos + 43) >= 0n && stored.readInt32BE(pos + 53) >= 0, `batch at ${pos}`);
        producerIds.add(stored.readBigInt64BE(pos + 43));
      }
      assert.equal(producerIds.size, 2, 'one id for kafkajs, one for librdkafka');
      firstIds = [];
      for (let v = 0; v <= 5; v++) {
        const r = await c.request(ApiKey.InitProducerId, v, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: 5n, producerEpoch: 3 });
        assert.equal(r.errorCode, 0, `v${v}`);
        assert.equal(r.producerEpoch, 0);
        firstIds.push(r.producerId);
      }
      assert.deepEqual(firstIds, [...firstIds].sort((x, y) => (x < y ? -1 : 1)));
      assert.equal(new Set(firstIds.map(String)).size, firstIds.length);
      // A transactional id gets an id of the same sequence, epoch 0 (transactions.test.ts goes on from there).
      const txn = await c.request(ApiKey.InitProducerId, 1, { transactionalId: 'tx', transactionTimeoutMs: 60_000 });
      assert.deepEqual([txn.errorCode, txn.producerEpoch], [ErrorCode.NONE, 0]);
      assert.ok(txn.producerId > firstIds[firstIds.length - 1]);
      const empty = await c.request(ApiKey.InitProducerId, 4, { transactionalId: '', transactionTimeoutMs: 60_000 });
      assert.equal(empty.errorCode, ErrorCode.INVALID_REQUEST);
    } finally {
      c.close();
    }
  } finally {
    await b.running.stop();
  }
  const again = await startTestBroker({}, dataDir);
  try {
    const c = await RawClient.connect(again.port);
    try {
      const r = await c.request(ApiKey.InitProducerId, 1, { transactionalId: null, transactionTimeoutMs: 60_000 });
      assert.equal(r.errorCode, 0);
      assert.ok(r.producerId > firstIds[firstIds.length - 1], `${r.producerId} after ${firstIds}`);
    } finally {
      c.close();
    }
    assert.match(await readAll(again, 'idem'), /rk:from librdkafka:6\n$/);
  } finally {
    await again.stop();
  }
});

test('Fetch v12-v17 (flexible; topic ids from v13) and ListOffsets v6-v10 (max timestamp, local, tiered)', () =>
  withBroker(async (b) => {
    const info = createTopic(b, 'ids');
    const c = await RawClient.connect(b.port);
    try {
      const batches = [
        buildBatch({ records: simpleRecords(2), baseTimestamp: 5000n }),
        buildBatch({ records: simpleRecords(3), baseTimestamp: 9000n }),
        buildBatch({ records: simpleRecords(1), baseTimestamp: 7000n }),
      ];
      for (const batch of batches) await c.request(ApiKey.Produce, 9, produceBody('ids', batch));
      const total = batches.reduce((n, x) => n + x.length, 0);
      const byName = await c.request(ApiKey.Fetch, 12, fetchBody('ids', 0n));
      assert.equal((byName.responses[0].partitions[0].records as Buffer).length, total);
      for (const v of [13, 14, 15, 16, 17]) {
        const body = fetchBody('ids', 2n);
        const res = await c.request(ApiKey.Fetch, v, {
          ...body,
          topics: [
            { ...body.topics[0], topic: '', topicId: info.topicId },
            { topic: '', topicId: Buffer.alloc(16, 7), partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1000 }] },
          ],
        });
        assert.deepEqual(res.responses[0].topicId, info.topicId, `v${v}`);
        const p = res.responses[0].partitions[0];
        assert.deepEqual([p.errorCode, p.highWatermark, p.logStartOffset], [0, 6n, 0n], `v${v}`);
        assert.equal((p.records as Buffer).length, batches[1].length + batches[2].length, `v${v}`);
        assert.equal(res.responses[1].partitions[0].errorCode, ErrorCode.UNKNOWN_TOPIC_ID, `v${v}`);
      }
      for (const v of [6, 7, 8, 9, 10]) {
        const res = await c.request(ApiKey.ListOffsets, v, {
          replicaId: -1,
          topics: [{ name: 'ids', partitions: [-1n, -2n, -3n, -4n, -5n, 8000n].map((timestamp) => ({ partitionIndex: 0, timestamp })) }],
          timeoutMs: 1000,
        });
        assert.deepEqual(
          res.topics[0].partitions.map((p) => [p.errorCode, p.offset, p.timestamp]),
          [
            [0, 6n, -1n],
            [0, 0n, -1n],
            [0, 4n, 9002n],
            [0, 0n, -1n],
            [0, -1n, -1n],
            [0, 2n, 9000n],
          ],
          `v${v}`,
        );
      }
    } finally {
      c.close();
    }
  }));
