// kafka-transactions.sh (Kafka 4.3.1's TransactionsCommand) against the sandbox: list, describe
// and describe-producers read the coordinator's and the partition's transactions as they are,
// find-hanging finds none, abort ends an open transaction on its partition (WriteTxnMarkers); the
// Java producer commits transactions (kafka-producer-perf-test --transactional-id) that the Java
// consumer reads with isolation.level=read_committed; and
// kafka-dump-log reads __transaction_state with Kafka's own decoder, and the markers of a partition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, type Producer, type Transaction } from 'kafkajs';
import { startTestBroker, silentKafkaLog, type TestBroker } from '../support/broker';
import { join } from 'node:path';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';
import { partitionForGroup } from '../../electron/broker/groups/offsets-topic';

const availability = realKafkaAvailable();
const skip = availability.ok ? false : availability.reason;

let broker: TestBroker;
let producers: Producer[] = [];
let open: Transaction;
before(async () => {
  broker = await startTestBroker();
  const kafka = new Kafka({ brokers: [broker.bootstrap], logCreator: silentKafkaLog });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'txn-tool', numPartitions: 1 }] });
  await admin.disconnect();
  const done = kafka.producer({ transactionalId: 'tool-done', idempotent: true, maxInFlightRequests: 1 });
  const running = kafka.producer({ transactionalId: 'tool-open', idempotent: true, maxInFlightRequests: 1, transactionTimeout: 600_000 });
  producers = [done, running];
  await done.connect();
  const t = await done.transaction();
  await t.send({ topic: 'txn-tool', messages: [{ value: 'committed' }] });
  await t.commit();
  await running.connect();
  open = await running.transaction();
  await open.send({ topic: 'txn-tool', messages: [{ value: 'open' }] });
});
after(async () => {
  await open.abort();
  for (const p of producers) await p.disconnect();
  await broker.stop();
});

/** The rows of the tool's table, keyed by its header names. */
function table(out: string): Record<string, string>[] {
  const [head, ...rows] = out.split('\n').filter((l) => l.trim() !== '');
  if (head === undefined) return [];
  const names = head.trim().split(/\s+/);
  return rows.map((row) => Object.fromEntries(row.trim().split(/\s+/).map((cell, i) => [names[i], cell])));
}

async function tool(args: string[]): Promise<Record<string, string>[]> {
  const r = await kafkaTool('kafka-transactions', ['--bootstrap-server', broker.bootstrap, ...args]);
  assert.equal(r.code, 0, `kafka-transactions ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return table(r.stdout);
}

test('kafka-transactions list, describe and describe-producers', { skip }, async () => {
  const [listed, described, producersOf] = await Promise.all([
    tool(['list']),
    tool(['describe', '--transactional-id', 'tool-open']),
    tool(['describe-producers', '--topic', 'txn-tool', '--partition', '0']),
  ]);
  const states = Object.fromEntries(listed.map((r) => [r.TransactionalId, r.TransactionState]));
  assert.deepEqual(states, { 'tool-done': 'CompleteCommit', 'tool-open': 'Ongoing' });
  assert.equal(described.length, 1);
  assert.equal(described[0].TransactionalId, 'tool-open');
  assert.equal(described[0].TransactionState, 'Ongoing');
  assert.equal(described[0].TransactionTimeoutMs, '600000');
  assert.match(described[0].TopicPartitions, /^txn-tool-0$/);
  // committed, COMMIT, open: the open transaction starts at offset 2.
  const openProducer = producersOf.find((r) => r.CurrentTransactionStartOffset !== 'None');
  assert.ok(openProducer, `no producer with an open transaction in ${JSON.stringify(producersOf)}`);
  assert.equal(openProducer.CurrentTransactionStartOffset, '2');
  assert.equal(producersOf.length, 2);
});

test('kafka-dump-log decodes __transaction_state (--transaction-log-decoder) and the partition\'s markers', { skip }, async () => {
  const segment = (dir: string) => join(broker.dataDir, dir, '00000000000000000000.log');
  const stateDir = `__transaction_state-${partitionForGroup('tool-done', 50)}`;
  const [state, data] = await Promise.all([
    kafkaTool('kafka-dump-log', ['--files', segment(stateDir), '--transaction-log-decoder']),
    kafkaTool('kafka-dump-log', ['--files', segment('txn-tool-0'), '--deep-iteration', '--print-data-log']),
  ]);
  assert.equal(state.code, 0, state.stderr);
  // Kafka's decoder prints each record's key and value (version 1): Empty (0), Ongoing (1),
  // PrepareCommit (2), CompleteCommit (4), with the transaction's partitions while it runs.
  const records = [...state.stdout.matchAll(/"transactionalId":"tool-done"}} payload: \{"version":"1","data":\{"producerId":\d+,"producerEpoch":0,[^\n]*"transactionStatus":(\d),"transactionPartitions":([^,]*)/g)];
  assert.deepEqual(records.map((m) => [m[1], m[2]]), [['0', 'null'], ['1', '[{"topic":"txn-tool"'], ['2', '[{"topic":"txn-tool"'], ['4', '[]']], state.stdout);
  assert.equal(data.code, 0, data.stderr);
  assert.match(data.stdout, /isControl: true/);
  assert.match(data.stdout, /endTxnMarker: COMMIT coordinatorEpoch: 0/);
});

test('kafka-transactions find-hanging finds none; abort ends the open transaction on its partition', { skip }, async () => {
  const hanging = await kafkaTool('kafka-transactions', ['--bootstrap-server', broker.bootstrap, 'find-hanging', '--broker-id', '1']);
  assert.equal(hanging.code, 0, hanging.stderr);
  assert.deepEqual(table(hanging.stdout), []);
  const log = broker.running.broker.logs.partition('txn-tool', 0)!;
  assert.equal(log.lastStableOffset, 2n);
  await tool(['abort', '--topic', 'txn-tool', '--partition', '0', '--start-offset', '2']);
  assert.equal(log.lastStableOffset, log.logEndOffset);
  assert.deepEqual(log.abortedTransactions(0n, log.logEndOffset).map((a) => a.firstOffset), [2n]);
});

test('Java clients: kafka-producer-perf-test commits transactions; the console consumer reads them read_committed', { skip }, async () => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], logCreator: silentKafkaLog });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'java-txn', numPartitions: 1 }] });
  await admin.disconnect();
  const perf = await kafkaTool('kafka-producer-perf-test', [
    '--topic', 'java-txn', '--num-records', '200', '--record-size', '20', '--throughput', '-1',
    '--transactional-id', 'java-tx', '--transaction-duration-ms', '50',
    '--producer-props', `bootstrap.servers=${broker.bootstrap}`,
  ]);
  assert.equal(perf.code, 0, `${perf.stdout}\n${perf.stderr}`);
  assert.match(perf.stdout, /200 records sent/);
  const consumed = await kafkaTool('kafka-console-consumer', [
    '--bootstrap-server', broker.bootstrap, '--topic', 'java-txn', '--from-beginning', '--max-messages', '200', '--timeout-ms', '30000',
    '--isolation-level', 'read_committed',
  ]);
  assert.match(consumed.stderr, /Processed a total of 200 messages/);
  const described = await tool(['describe', '--transactional-id', 'java-tx']);
  assert.equal(described[0].TransactionState, 'CompleteCommit');
  const log = broker.running.broker.logs.partition('java-txn', 0)!;
  assert.equal(log.lastStableOffset, log.logEndOffset);
  assert.ok(log.logEndOffset > 200n, 'records and at least one COMMIT marker');
});
