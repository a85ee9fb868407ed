// Transactions with kafkajs: a transactional producer commits and aborts, a read_committed consumer
// sees only committed records (aborted ones are skipped through abortedTransactions), sendOffsets
// commits a consumer group's offsets with the transaction, and a second producer with the same
// transactional.id fences the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, type Consumer } from 'kafkajs';
import { startTestBroker, silentKafkaLog } from '../support/broker';
import { until } from '../support/until';

const kafkaFor = (bootstrap: string) => new Kafka({ brokers: [bootstrap], logCreator: silentKafkaLog, retry: { retries: 3 } });

async function readAll(consumer: Consumer, topic: string, count: number): Promise<string[]> {
  const seen: string[] = [];
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
  await until(() => `${count} records from ${topic}, got ${seen.length}`, () => seen.length >= count);
  return seen;
}

test('kafkajs: commit and abort; read_committed sees only committed records; LSO and aborted transactions', async () => {
  const b = await startTestBroker();
  const kafka = kafkaFor(b.bootstrap);
  const admin = kafka.admin();
  const producer = kafka.producer({ transactionalId: 'tx-1', idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: 'rc', readUncommitted: false });
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'tx', numPartitions: 2 }] });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({ topic: 'tx', messages: [{ value: 'c1', partition: 0 }, { value: 'c2', partition: 1 }] });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'tx', messages: [{ value: 'a1', partition: 0 }, { value: 'a2', partition: 1 }] });
    await aborted.abort();
    const last = await producer.transaction();
    await last.send({ topic: 'tx', messages: [{ value: 'c3', partition: 0 }] });
    await last.commit();

    // Partition 0: c1, COMMIT, a1, ABORT, c3, COMMIT.
    const log = b.running.broker.logs.partition('tx', 0)!;
    assert.equal(log.logEndOffset, 6n);
    assert.equal(log.lastStableOffset, 6n);
    assert.deepEqual(log.abortedTransactions(0n, 6n).map((a) => a.firstOffset), [2n]);

    await consumer.connect();
    const seen = await readAll(consumer, 'tx', 3);
    assert.deepEqual(seen.sort(), ['c1', 'c2', 'c3']);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
    await b.stop();
  }
});

test('kafkajs: an open transaction holds the last stable offset; read_committed waits for the commit', async () => {
  const b = await startTestBroker();
  const kafka = kafkaFor(b.bootstrap);
  const admin = kafka.admin();
  const producer = kafka.producer({ transactionalId: 'tx-open', idempotent: true, maxInFlightRequests: 1 });
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'open', numPartitions: 1 }] });
    const plain = kafka.producer();
    await plain.connect();
    await plain.send({ topic: 'open', messages: [{ value: 'before' }] });
    await plain.disconnect();
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'open', messages: [{ value: 'inside' }] });
    const log = b.running.broker.logs.partition('open', 0)!;
    assert.equal(log.lastStableOffset, 1n);
    assert.equal(log.logEndOffset, 2n);
    // kafkajs's admin asks ListOffsets with read_committed: the latest offset is the LSO.
    const [latest] = await admin.fetchTopicOffsets('open');
    assert.equal(latest.high, '1');
    await txn.commit();
    assert.equal(log.lastStableOffset, 3n);
  } finally {
    await producer.disconnect();
    await admin.disconnect();
    await b.stop();
  }
});

test('kafkajs: consume-transform-produce with sendOffsets commits the group offsets with the transaction', async () => {
  const b = await startTestBroker();
  const kafka = kafkaFor(b.bootstrap);
  const admin = kafka.admin();
  const producer = kafka.producer({ transactionalId: 'ctp', idempotent: true, maxInFlightRequests: 1 });
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'in', numPartitions: 1 }, { topic: 'out', numPartitions: 1 }] });
    await producer.connect();
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'out', messages: [{ value: 'x' }] });
    await aborted.sendOffsets({ consumerGroupId: 'ctp-group', topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '7' }] }] });
    await aborted.abort();
    let [offsets] = await admin.fetchOffsets({ groupId: 'ctp-group', topics: ['in'] });
    assert.equal(offsets.partitions[0].offset, '-1');

    const txn = await producer.transaction();
    await txn.send({ topic: 'out', messages: [{ value: 'y' }] });
    await txn.sendOffsets({ consumerGroupId: 'ctp-group', topics: [{ topic: 'in', partitions: [{ partition: 0, offset: '5' }] }] });
    [offsets] = await admin.fetchOffsets({ groupId: 'ctp-group', topics: ['in'] });
    assert.equal(offsets.partitions[0].offset, '-1', 'not visible before the commit');
    await txn.commit();
    [offsets] = await admin.fetchOffsets({ groupId: 'ctp-group', topics: ['in'] });
    assert.equal(offsets.partitions[0].offset, '5');
  } finally {
    await producer.disconnect();
    await admin.disconnect();
    await b.stop();
  }
});

test('kafkajs: a second producer with the same transactional.id fences the first and aborts its transaction', async () => {
  const b = await startTestBroker();
  const kafka = kafkaFor(b.bootstrap);
  const admin = kafka.admin();
  const zombie = kafka.producer({ transactionalId: 'fence', idempotent: true, maxInFlightRequests: 1 });
  const successor = kafka.producer({ transactionalId: 'fence', idempotent: true, maxInFlightRequests: 1 });
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'fenced', numPartitions: 1 }] });
    await zombie.connect();
    const old = await zombie.transaction();
    await old.send({ topic: 'fenced', messages: [{ value: 'zombie' }] });
    await successor.connect();
    // kafkajs sends InitProducerId for a transactional producer on its first transaction.
    const txn = await successor.transaction();
    const log = b.running.broker.logs.partition('fenced', 0)!;
    // The zombie's transaction was aborted by the successor's InitProducerId.
    assert.equal(log.lastStableOffset, log.logEndOffset);
    assert.equal(log.abortedTransactions(0n, log.logEndOffset).length, 1);
    await assert.rejects(old.commit(), (err: Error & { type?: string }) => {
      assert.match(`${err.type} ${err.message}`, /PRODUCER_FENCED|INVALID_PRODUCER_EPOCH|fenced|epoch/i);
      return true;
    });
    await txn.send({ topic: 'fenced', messages: [{ value: 'successor' }] });
    await txn.commit();
  } finally {
    await zombie.disconnect().catch(() => {});
    await successor.disconnect();
    await admin.disconnect();
    await b.stop();
  }
});
