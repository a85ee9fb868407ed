// Transactions beside real Apache Kafka 4.3.1 (issue "Sandbox broker IV"): kafka-producer-perf-test
// with --transactional-id (a commit every --transaction-duration-ms), kafkajs's transactional
// producer (a send of BATCH records and a commit per transaction), and kafka-consumer-perf-test
// with isolation.level=read_committed over what the perf test committed (control batches among
// the records). Both brokers are alive together; each workload runs on the sandbox, then on Kafka.
// The targets are marked: transactional produce and read_committed fetch >=1x Kafka's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';
import { createTopic, elapsedMs, settle, startKafka, startSandbox, type Part, type Row, type Target } from './measure';

const TARGET = 1;
const PERF_RECORDS = 200_000;
const RECORD_SIZE = 100;
const TRANSACTION_MS = 100;
const KAFKAJS_TRANSACTIONS = 100;
const BATCH = 500;
const TOOL_TIMEOUT_MS = 10 * 60_000;

const progress = (line: string) => process.stderr.write(`txn bench: ${line}\n`);

async function tool(name: 'kafka-producer-perf-test' | 'kafka-consumer-perf-test', args: string[]): Promise<string> {
  const r = await kafkaTool(name, args, { timeoutMs: TOOL_TIMEOUT_MS });
  if (r.code !== 0) throw new Error(`${name} ${args.join(' ')} exited ${r.code}:\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** The summary line, the one with percentiles (the progress lines before it have none). */
const PRODUCER_SUMMARY = /(\d+) records sent, ([\d.]+) records\/sec .* ms 99th,/;

async function transactionalPerf(t: Target, topic: string): Promise<number> {
  const out = await tool('kafka-producer-perf-test', [
    '--bootstrap-server', t.bootstrap,
    '--topic', topic,
    '--num-records', String(PERF_RECORDS),
    '--record-size', String(RECORD_SIZE),
    '--throughput', '-1',
    '--transactional-id', `perf-${topic}`,
    '--transaction-duration-ms', String(TRANSACTION_MS),
  ]);
  const m = PRODUCER_SUMMARY.exec(out);
  if (!m || Number(m[1]) !== PERF_RECORDS) throw new Error(`kafka-producer-perf-test on ${t.name}: no summary for ${PERF_RECORDS} records in:\n${out.slice(-2000)}`);
  return Number(m[2]);
}

async function readCommittedPerf(t: Target, topic: string): Promise<number> {
  const out = await tool('kafka-consumer-perf-test', [
    '--bootstrap-server', t.bootstrap,
    '--topic', topic,
    '--num-records', String(PERF_RECORDS),
    '--group', `perf-${topic}`,
    '--timeout', '30000',
    '--command-property', 'isolation.level=read_committed',
  ]);
  const lines = out.trim().split('\n');
  const header = lines.findIndex((l) => l.startsWith('start.time'));
  const names = lines[header]?.split(',').map((s) => s.trim()) ?? [];
  const values = lines[header + 1]?.split(',').map((s) => s.trim()) ?? [];
  const field = (name: string) => Number(values[names.indexOf(name)]);
  if (field('data.consumed.in.nMsg') !== PERF_RECORDS) throw new Error(`kafka-consumer-perf-test on ${t.name}: did not read ${PERF_RECORDS} committed records:\n${out.slice(-2000)}`);
  return field('fetch.nMsg.sec');
}

/** Records per second of kafkajs sending BATCH records and committing, KAFKAJS_TRANSACTIONS times. */
async function kafkajsTransactions(t: Target, topic: string): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-txn', brokers: [t.bootstrap], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ transactionalId: `kafkajs-${topic}`, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const value = Buffer.alloc(RECORD_SIZE, 'x');
  const messages = Array.from({ length: BATCH }, () => ({ value }));
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < KAFKAJS_TRANSACTIONS; i++) {
      const txn = await producer.transaction();
      await txn.send({ topic, acks: -1, messages });
      await txn.commit();
    }
    return (KAFKAJS_TRANSACTIONS * BATCH) / (elapsedMs(started) / 1e3);
  } finally {
    await producer.disconnect();
  }
}

async function txnBench(): Promise<Row[]> {
  const work = mkdtempSync(join(tmpdir(), 'brook-bench-txn-'));
  const rows: Row[] = [];
  const available = realKafkaAvailable();
  if (!available.ok) console.log(`txn: ${available.reason}; the peer column is n/a and Kafka's perf tools cannot run`);
  const add = (what: string, figures: [number, number | null]) =>
    rows.push({ what, unit: 'records/s', sandbox: figures[0], peer: figures[1], peerName: 'Kafka 4.3.1', higherIsBetter: true, target: TARGET });
  const sandbox = await startSandbox(join(work, 'data'));
  const kafka = available.ok ? await startKafka() : null;
  const both = async (measureOn: (t: Target) => Promise<number>): Promise<[number, number | null]> => {
    settle();
    const ours = await measureOn(sandbox);
    if (!kafka) return [ours, null];
    settle();
    return [ours, await measureOn(kafka)];
  };
  try {
    if (available.ok) {
      progress(`kafka-producer-perf-test --transactional-id, ${PERF_RECORDS} x ${RECORD_SIZE} B`);
      add(
        `producer-perf-test --transactional-id, ${PERF_RECORDS.toLocaleString('en')} x ${RECORD_SIZE} B, a commit every ${TRANSACTION_MS} ms`,
        await both(async (t) => {
          await createTopic(t, 'perf-txn', 1);
          return transactionalPerf(t, 'perf-txn');
        }),
      );
      progress('kafka-consumer-perf-test isolation.level=read_committed');
      add(`consumer-perf-test isolation.level=read_committed, the ${PERF_RECORDS.toLocaleString('en')} committed (fetch time)`, await both((t) => readCommittedPerf(t, 'perf-txn')));
    }
    progress(`kafkajs ${KAFKAJS_TRANSACTIONS} transactions of ${BATCH}`);
    add(
      `kafkajs transactional producer, ${KAFKAJS_TRANSACTIONS} transactions of ${BATCH} x ${RECORD_SIZE} B (send, commit)`,
      await both(async (t) => {
        await createTopic(t, 'kafkajs-txn', 1);
        return kafkajsTransactions(t, 'kafkajs-txn');
      }),
    );
  } finally {
    await Promise.all([sandbox.stop(), kafka?.stop()]);
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

export const txnPart: Part = {
  name: 'txn',
  title: 'Transactions: sandbox broker vs Apache Kafka 4.3.1 (one node, processes side by side)',
  run: txnBench,
};
