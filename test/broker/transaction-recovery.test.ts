// Transactions across restarts: __transaction_state is read back, a transaction a crash left
// between PrepareCommit and its last marker is completed on start (markers on every partition),
// and after kill -9 in the middle of a transaction the partitions' open and aborted transactions
// are rebuilt from the log, the transaction is then aborted by its timeout, never left half done.
// Aborted transactions are kept in Kafka's .txnindex files too, which kafka-dump-log reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { startTestBroker, silentKafkaLog } from '../support/broker';
import { startSandboxProcess } from '../support/sandbox-process';
import { RawClient } from '../support/raw-client';
import { until } from '../support/until';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { TxnState } from '../../electron/broker/transactions/txn-log-records';
import { writeMarker } from '../../electron/broker/transactions/markers';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

test('a commit cut short between PrepareCommit and its markers is completed on start, on every partition', async () => {
  const dataDir = tmp('brook-txn-prepare-');
  try {
    const first = await startTestBroker({}, dataDir);
    const broker = first.running.broker;
    broker.logs.createTopic('two', 2, {});
    const c = await RawClient.connect(first.port);
    const init = await c.request(ApiKey.InitProducerId, 4, { transactionalId: 'cut', transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 });
    const { producerId } = init;
    await c.request(ApiKey.AddPartitionsToTxn, 3, {
      transactions: [],
      v3AndBelowTransactionalId: 'cut',
      v3AndBelowProducerId: producerId,
      v3AndBelowProducerEpoch: 0,
      v3AndBelowTopics: [{ name: 'two', partitions: [0, 1] }],
    });
    c.close();
    const now = Date.now();
    // What EndTxn(commit) writes first, then one of the two markers: the crash comes in between.
    broker.transactions.txnLog.write(
      'cut',
      {
        producerId,
        previousProducerId: -1n,
        nextProducerId: -1n,
        producerEpoch: 0,
        transactionTimeoutMs: 60_000,
        transactionStatus: TxnState.PrepareCommit,
        transactionPartitions: [{ topic: 'two', partitionIds: [0, 1] }],
        transactionLastUpdateTimestampMs: BigInt(now),
        transactionStartTimestampMs: BigInt(now),
        clientTransactionVersion: 0,
      },
      now,
    );
    assert.equal(writeMarker(broker.logs.partition('two', 0)!, producerId, 0, true, now), null);
    await first.running.stop();

    const second = await startTestBroker({}, dataDir);
    try {
      const again = second.running.broker;
      assert.equal(again.transactions.get('cut')!.state, TxnState.CompleteCommit);
      assert.ok(second.lines.some((l) => l.includes('completing the commit of transaction cut')));
      const p1 = again.logs.partition('two', 1)!;
      assert.equal(p1.logEndOffset, 1n, 'the missing COMMIT marker was written');
      const rc = await RawClient.connect(second.port);
      const described = await rc.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['cut'] });
      assert.equal(described.transactionStates[0].transactionState, 'CompleteCommit');
      rc.close();
    } finally {
      await second.running.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('kill -9 in the middle of a transaction: after restart the open transaction holds the LSO, then its timeout aborts it', async () => {
  const dataDir = tmp('brook-txn-kill-');
  const config = ['--config', 'transaction.abort.timed.out.transaction.cleanup.interval.ms=200'];
  try {
    const first = await startSandboxProcess(dataDir, config);
    const kafka = new Kafka({ brokers: [first.bootstrap], logCreator: silentKafkaLog, retry: { retries: 2 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'killed', numPartitions: 1 }] });
    const producer = kafka.producer({ transactionalId: 'killed-tx', idempotent: true, maxInFlightRequests: 1, transactionTimeout: 3000 });
    await producer.connect();
    const done = await producer.transaction();
    await done.send({ topic: 'killed', messages: [{ value: 'kept' }] });
    await done.commit();
    const open = await producer.transaction();
    await open.send({ topic: 'killed', messages: [{ value: 'in flight' }] });
    first.child.kill('SIGKILL');
    await first.exited;
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});

    const second = await startSandboxProcess(dataDir, config);
    const c = await RawClient.connect(second.port);
    try {
      const lso = async () => {
        const r = await c.request(ApiKey.ListOffsets, 5, {
          replicaId: -1,
          isolationLevel: 1,
          topics: [{ name: 'killed', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }],
        });
        return r.topics[0].partitions[0].offset;
      };
      // kept, COMMIT, in flight: the open transaction starts at 2.
      const initial = await lso();
      assert.ok(initial === 2n || initial === 4n, `LSO ${initial}`);
      await until('the timed-out transaction to be aborted', async () => (await lso()) === 4n);
      const described = await c.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['killed-tx'] });
      assert.equal(described.transactionStates[0].errorCode, ErrorCode.NONE);
      assert.equal(described.transactionStates[0].transactionState, 'CompleteAbort');
      const consumer = new Kafka({ brokers: [second.bootstrap], logCreator: silentKafkaLog }).consumer({ groupId: 'after-kill' });
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic: 'killed', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
      await until(() => `the committed record, saw ${seen.join(',')}`, () => seen.length >= 1);
      await consumer.disconnect();
      assert.deepEqual(seen, ['kept']);
    } finally {
      c.close();
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an aborted transaction is in the segment\'s .txnindex in Kafka\'s format, and survives a restart', async () => {
  const dataDir = tmp('brook-txn-index-');
  try {
    const first = await startTestBroker({}, dataDir);
    const kafka = new Kafka({ brokers: [first.bootstrap], logCreator: silentKafkaLog });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'indexed', numPartitions: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer({ transactionalId: 'indexed-tx', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const committed = await producer.transaction();
    await committed.send({ topic: 'indexed', messages: [{ value: 'kept' }] });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic: 'indexed', messages: [{ value: 'dropped' }, { value: 'dropped too' }] });
    await aborted.abort();
    await producer.disconnect();
    const producerId = first.running.broker.transactions.get('indexed-tx')!.producerId;
    await first.running.stop();

    // kept, COMMIT, dropped x2 (one batch), ABORT at 4; the last stable offset after it is 5.
    const file = join(dataDir, 'indexed-0', '00000000000000000000.txnindex');
    const bytes = readFileSync(file);
    assert.equal(bytes.length, 34);
    assert.deepEqual(
      [bytes.readInt16BE(0), bytes.readBigInt64BE(2), bytes.readBigInt64BE(10), bytes.readBigInt64BE(18), bytes.readBigInt64BE(26)],
      [0, producerId, 2n, 4n, 5n],
    );
    if (realKafkaAvailable().ok) {
      const dumped = await kafkaTool('kafka-dump-log', ['--files', file]);
      assert.equal(dumped.code, 0, dumped.stderr);
      assert.match(dumped.stdout, new RegExp(`version: 0 producerId: ${producerId} firstOffset: 2 lastOffset: 4 lastStableOffset: 5`));
    }

    const second = await startTestBroker({}, dataDir);
    try {
      const log = second.running.broker.logs.partition('indexed', 0)!;
      assert.deepEqual(log.abortedTransactions(0n, log.logEndOffset), [{ producerId, firstOffset: 2n }]);
      assert.equal(log.lastStableOffset, 5n);
    } finally {
      await second.running.stop();
    }
    assert.ok(existsSync(file));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
