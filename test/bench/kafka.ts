// The sandbox against real Apache Kafka 4.3.1 side by side (issue 5 item 6): Kafka's own
// kafka-producer-perf-test and kafka-consumer-perf-test, kcat produce and fetch, time from process
// start to the first answered Metadata, and the resident memory of each broker process. Both are
// separate processes (the sandbox's dist/broker/cli.js, Kafka's one combined-mode JVM), alive
// together; each workload runs on the sandbox, then on Kafka. The issue's targets are marked: start
// >=5x faster, RSS >=5x smaller, produce and fetch throughput >=0.8x Kafka's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';
import {
  createTopic,
  kcatFetch,
  kcatProduce,
  makeInput,
  median,
  memoryOf,
  resetPeak,
  settle,
  startKafka,
  startSandbox,
  type Part,
  type Row,
  type Target,
} from './measure';

const SANDBOX_STARTS = 5;
const KAFKA_STARTS = 3;
const START_TARGET = 5;
const RSS_TARGET = 5;
const THROUGHPUT_TARGET = 0.8;
const MB = 1024 * 1024; // as the perf tests count a MB
const TOOL_TIMEOUT_MS = 15 * 60_000;

interface Workload {
  label: string;
  count: number;
  size: number;
}

const workloads: Workload[] = [
  { label: '1,000,000 x 100 B', count: 1_000_000, size: 100 },
  { label: '1,000,000 x 1 KiB', count: 1_000_000, size: 1024 },
];

/** One figure from the sandbox's result and Kafka's (null when Kafka could not run). */
const pair = <T>([ours, theirs]: [T, T | null], figure: (x: T) => number): [number, number | null] => [figure(ours), theirs === null ? null : figure(theirs)];

const progress = (line: string) => process.stderr.write(`kafka bench: ${line}\n`);

async function tool(name: 'kafka-producer-perf-test' | 'kafka-consumer-perf-test', args: string[]): Promise<string> {
  const r = await kafkaTool(name, args, { timeoutMs: TOOL_TIMEOUT_MS });
  if (r.code !== 0) throw new Error(`${name} ${args.join(' ')} exited ${r.code}:\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
  return r.stdout;
}

interface ProducerFigures {
  recordsPerSec: number;
  mbPerSec: number;
  p99Ms: number;
}

/** The summary line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, ... P ms 99th, ...". */
const PRODUCER_SUMMARY = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\).* (\d+) ms 99th,/;

async function producerPerf(t: Target, topic: string, w: Workload, acks: string): Promise<ProducerFigures> {
  const out = await tool('kafka-producer-perf-test', [
    '--bootstrap-server', t.bootstrap,
    '--topic', topic,
    '--num-records', String(w.count),
    '--record-size', String(w.size),
    '--throughput', '-1',
    '--command-property', `acks=${acks}`,
  ]);
  const m = PRODUCER_SUMMARY.exec(out);
  if (!m || Number(m[1]) !== w.count) throw new Error(`kafka-producer-perf-test on ${t.name}: no summary for ${w.count} records in:\n${out.slice(-2000)}`);
  return { recordsPerSec: Number(m[2]), mbPerSec: Number(m[3]), p99Ms: Number(m[4]) };
}

/** Fetch rates from the stats line (fetch.* leave out the group join, which the groups part measures). */
async function consumerPerf(t: Target, topic: string, w: Workload): Promise<{ recordsPerSec: number; mbPerSec: number }> {
  const out = await tool('kafka-consumer-perf-test', [
    '--bootstrap-server', t.bootstrap,
    '--topic', topic,
    '--num-records', String(w.count),
    '--group', `perf-${topic}`,
    '--timeout', '30000',
  ]);
  const lines = out.trim().split('\n');
  const header = lines.findIndex((l) => l.startsWith('start.time'));
  const names = lines[header]?.split(',').map((s) => s.trim()) ?? [];
  const values = lines[header + 1]?.split(',').map((s) => s.trim()) ?? [];
  const field = (name: string) => Number(values[names.indexOf(name)]);
  if (field('data.consumed.in.nMsg') !== w.count) throw new Error(`kafka-consumer-perf-test on ${t.name}: did not read ${w.count} records:\n${out.slice(-2000)}`);
  return { recordsPerSec: field('fetch.nMsg.sec'), mbPerSec: field('fetch.MB.sec') };
}

async function kafkaBench(): Promise<Row[]> {
  const work = mkdtempSync(join(tmpdir(), 'brook-bench-kafka-'));
  const rows: Row[] = [];
  const available = realKafkaAvailable();
  if (!available.ok) console.log(`kafka: ${available.reason}; the peer column is n/a and Kafka's perf tools cannot run`);
  /** Runs `measureOn` on the sandbox, then on Kafka when it runs here. */
  const both = async <T>(sandbox: Target, kafka: Target | null, measureOn: (t: Target) => Promise<T>): Promise<[T, T | null]> => {
    settle();
    const ours = await measureOn(sandbox);
    if (!kafka) return [ours, null];
    settle();
    return [ours, await measureOn(kafka)];
  };
  const add = (what: string, unit: string, figures: [number, number | null], higherIsBetter: boolean, target?: number) =>
    rows.push({ what, unit, sandbox: figures[0], peer: figures[1], peerName: 'Kafka 4.3.1', higherIsBetter, target });
  try {
    progress(`${SANDBOX_STARTS} sandbox starts${available.ok ? `, ${KAFKA_STARTS} Kafka starts` : ''}`);
    const sandboxStarts: number[] = [];
    for (let i = 0; i < SANDBOX_STARTS; i++) {
      const s = await startSandbox(join(work, `start-${i}`));
      sandboxStarts.push(s.startMs);
      await s.stop();
    }
    const kafkaStarts: number[] = [];
    for (let i = 0; available.ok && i < KAFKA_STARTS; i++) {
      const k = await startKafka();
      kafkaStarts.push(k.startMs);
      await k.stop();
    }
    add(`start to first Metadata (median of ${SANDBOX_STARTS} / ${KAFKA_STARTS}; Kafka from its JVM's spawn)`, 'ms', [median(sandboxStarts), available.ok ? median(kafkaStarts) : null], false, START_TARGET);

    const sandbox = await startSandbox(join(work, 'data'));
    const kafka = available.ok ? await startKafka() : null;
    try {
      const targets = kafka ? [sandbox, kafka] : [sandbox];
      add('idle RSS (Kafka: -Xmx512m -Xms512m)', 'MB', [memoryOf(sandbox.pid).rssMb, kafka && memoryOf(kafka.pid).rssMb], false, RSS_TARGET);
      for (const t of targets) resetPeak(t.pid);

      for (const w of workloads) {
        if (available.ok) {
          for (const acks of ['1', 'all']) {
            const topic = `perf-${w.size}-acks-${acks}`;
            progress(`kafka-producer-perf-test ${w.label} acks=${acks}`);
            const produced = await both(sandbox, kafka, async (t) => {
              await createTopic(t, topic, 1);
              return producerPerf(t, topic, w, acks);
            });
            add(`producer-perf-test ${w.label}, acks=${acks}`, 'records/s', pair(produced, (f) => f.recordsPerSec), true, THROUGHPUT_TARGET);
            add(`producer-perf-test ${w.label}, acks=${acks}`, 'MB/s', pair(produced, (f) => f.mbPerSec), true, THROUGHPUT_TARGET);
            add(`producer-perf-test ${w.label}, acks=${acks}, p99 latency`, 'ms', pair(produced, (f) => f.p99Ms), false);
          }
          progress(`kafka-consumer-perf-test ${w.label}`);
          const consumed = await both(sandbox, kafka, (t) => consumerPerf(t, `perf-${w.size}-acks-1`, w));
          add(`consumer-perf-test ${w.label} (fetch time)`, 'records/s', pair(consumed, (f) => f.recordsPerSec), true, THROUGHPUT_TARGET);
          add(`consumer-perf-test ${w.label} (fetch time)`, 'MB/s', pair(consumed, (f) => f.mbPerSec), true, THROUGHPUT_TARGET);
        }

        progress(`kcat ${w.label}`);
        const input = join(work, `kcat-${w.size}.txt`);
        await makeInput(input, w.count, w.size);
        const topic = `kcat-${w.size}`;
        const produced = await both(sandbox, kafka, async (t) => {
          await createTopic(t, topic, 1);
          return kcatProduce(t, topic, input);
        });
        add(`kcat produce ${w.label} (acks=all)`, 'records/s', pair(produced, (seconds) => w.count / seconds), true, THROUGHPUT_TARGET);
        add(`kcat produce ${w.label} (acks=all)`, 'MB/s', pair(produced, (seconds) => (w.count * w.size) / MB / seconds), true, THROUGHPUT_TARGET);
        const fetched = await both(sandbox, kafka, (t) => kcatFetch(t, topic, w.count));
        add(`kcat fetch ${w.label}`, 'records/s', pair(fetched, (f) => f.records / f.seconds), true, THROUGHPUT_TARGET);
        add(`kcat fetch ${w.label}`, 'MB/s', pair(fetched, (f) => (f.records * w.size) / MB / f.seconds), true, THROUGHPUT_TARGET);
        rmSync(input);
      }
      add('peak RSS under load (VmHWM)', 'MB', [memoryOf(sandbox.pid).peakMb, kafka && memoryOf(kafka.pid).peakMb], false, RSS_TARGET);
    } finally {
      await Promise.all([sandbox.stop(), kafka?.stop()]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

export const kafkaPart: Part = {
  name: 'kafka',
  title: 'Sandbox broker vs Apache Kafka 4.3.1 (one node, processes side by side; MB = 2^20 bytes, as the perf tests count)',
  run: kafkaBench,
};
