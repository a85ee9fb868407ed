// The broker benchmark (issue "Sandbox broker I"): kcat produce and fetch, kafkajs produce, start-up
// time and memory, for the sandbox beside librdkafka's mock cluster and loopback TCP in one run.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, connect } from 'node:net';
import { once } from 'node:events';
import { Kafka } from 'kafkajs';
import {
  cpuSecondsOf,
  kcatFetch,
  kcatProduce,
  machineBusySeconds,
  makeInput,
  median,
  memoryOf,
  resetPeak,
  settle,
  startSandbox,
  stopChild,
  timeToFirstMetadata,
  type Part,
  type Row,
  type Target,
} from './measure';
import { ensureMockCluster } from '../support/mock-cluster';
import { silentKafkaLog } from '../support/broker';

const MOCK_ADDRESS = /^([\d.]+):(\d+)/m;
/** The Metadata version both answer at start (the mock cluster closes the connection on v3+). */
const METADATA_VERSION = 1;

async function startMock(binary: string): Promise<Target & { startMs: number }> {
  const { ms, child, host, port } = await timeToFirstMetadata(binary, ['600', '1'], MOCK_ADDRESS, METADATA_VERSION);
  return { name: 'mock', bootstrap: `${host}:${port}`, host, port, pid: child.pid!, startMs: ms, stop: stopChild(child) };
}

async function kafkajsProduce(t: Target, topic: string, count: number, size: number): Promise<number> {
  const kafka = new Kafka({ brokers: [t.bootstrap], logCreator: silentKafkaLog });
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  const value = Buffer.alloc(size, 'k');
  const messages = Array.from({ length: 1000 }, () => ({ value }));
  await producer.send({ topic, acks: 1, messages: messages.slice(0, 1) });
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < count; sent += messages.length) {
    await producer.send({ topic, acks: 1, messages: messages.map((m) => ({ ...m, partition: 0 })) });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await producer.disconnect();
  return seconds;
}

/** The ceiling: the same bytes through a loopback socket into a reader that discards them. */
async function loopbackSeconds(bytes: number): Promise<number> {
  const server = createServer((s) => s.resume());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const chunk = Buffer.alloc(1 << 20, 1);
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < bytes; sent += chunk.length) {
    if (!socket.write(chunk)) await once(socket, 'drain');
  }
  socket.end();
  await once(socket, 'close');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  server.close();
  return seconds;
}

/**
 * The kernel's share of storing: the same number of bytes written to a new file in 1 MiB writes, as
 * the broker appends them. On our VMs this swings tenfold (0.03-0.45 s per 100 MB), by whether the
 * page cache gets recently freed pages or new ones; the mock cluster keeps records in memory.
 */
function fileWriteSeconds(path: string, bytes: number): number {
  const chunk = Buffer.alloc(1 << 20, 1);
  const fd = openSync(path, 'w');
  const started = process.hrtime.bigint();
  for (let pos = 0; pos < bytes; pos += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - pos), pos);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(fd);
  rmSync(path);
  return seconds;
}

/**
 * kcat produces `input` (after a sync), and the CPU seconds the broker and the whole machine spent
 * meanwhile: on a 2-core machine kcat and the broker share the cores, so a broker is only as fast
 * as the CPU kcat leaves it.
 */
async function produceWithCpu(t: Target, topic: string, input: string): Promise<{ seconds: number; brokerCpu: number; machineCpu: number }> {
  settle();
  const broker = cpuSecondsOf(t.pid);
  const machine = machineBusySeconds();
  const seconds = await kcatProduce(t, topic, input);
  return { seconds, brokerCpu: cpuSecondsOf(t.pid) - broker, machineCpu: machineBusySeconds() - machine };
}

const cores = availableParallelism();

async function brokerBench(): Promise<Row[]> {
  const work = mkdtempSync(join(tmpdir(), 'brook-bench-'));
  const rows: Row[] = [];
  const add = (what: string, unit: string, sandbox: number, peer: number | null, higherIsBetter: boolean, peerName = 'mock cluster', target?: number) =>
    rows.push({ what, unit, sandbox, peer, peerName, higherIsBetter, target });
  try {
    const mockBinary = ensureMockCluster();
    const small = join(work, 'small.txt');
    const large = join(work, 'large.txt');
    await makeInput(small, 1_000_000, 100);
    await makeInput(large, 100_000, 1024);

    // Start-up is short and noisy: the median of five cold starts of each.
    const starts = { sandbox: [] as number[], mock: [] as number[] };
    for (let i = 0; i < 5; i++) {
      const s = await startSandbox(join(work, `start-${i}`), {}, METADATA_VERSION);
      const m = await startMock(mockBinary);
      starts.sandbox.push(s.startMs);
      starts.mock.push(m.startMs);
      await Promise.all([s.stop(), m.stop()]);
    }
    const sandbox = await startSandbox(join(work, 'data'));
    const mock = await startMock(mockBinary);
    try {
      add('start to first Metadata (median of 5)', 'ms', median(starts.sandbox), median(starts.mock), false);
      add('idle RSS', 'MB', memoryOf(sandbox.pid).rssMb, memoryOf(mock.pid).rssMb, false);
      resetPeak(sandbox.pid);
      for (const [label, input, count, size] of [
        ['1,000,000 x 100 B', small, 1_000_000, 100],
        ['100,000 x 1 KiB', large, 100_000, 1024],
      ] as const) {
        const topic = `bench-${size}`;
        const s = await produceWithCpu(sandbox, topic, input);
        const m = await produceWithCpu(mock, topic, input);
        // The target: kcat produce and fetch ahead of the mock cluster.
        add(`kcat produce ${label}`, 'records/s', count / s.seconds, count / m.seconds, true, 'mock cluster', 1);
        // Where the time goes: the broker's CPU, and the machine's, which is mostly kcat's.
        add('... CPU time of the broker', 's', s.brokerCpu, m.brokerCpu, false);
        add(`... CPU time of the machine (${cores} cores), mostly kcat`, 's', s.machineCpu, m.machineCpu, false);
        const sf = await kcatFetch(sandbox, topic, count);
        const mf = await kcatFetch(mock, topic, count);
        add(`kcat fetch ${label}`, 'records/s', sf.records / sf.seconds, mf.records / mf.seconds, true, 'mock cluster', 1);
        const loop = await loopbackSeconds(statSync(input).size);
        add(`loopback TCP, same bytes as ${label}`, 'records/s', count / s.seconds, count / loop, true, 'loopback');
        const written = fileWriteSeconds(join(work, 'written.bin'), statSync(input).size);
        add(`... written to a new file, same bytes as ${label}`, 'records/s', count / s.seconds, count / written, true, 'file write');
      }
      const ks = await kafkajsProduce(sandbox, 'bench-kafkajs', 100_000, 100);
      const km = await kafkajsProduce(mock, 'bench-kafkajs', 100_000, 100);
      add('kafkajs produce 100,000 x 100 B (acks=1)', 'records/s', 100_000 / ks, 100_000 / km, true);
      add('peak RSS under load', 'MB', memoryOf(sandbox.pid).peakMb, memoryOf(mock.pid).peakMb, false);

      // Does throughput or memory depend on how much is stored? Fill one partition to 10 MB and
      // another to 1 GB, then produce the same 100 B records into each. Both runs come after the
      // 1 GB is stored: on our VMs the page cache slows down as it grows (new pages cost more than
      // recycled ones), and measuring the 10 MB log first blamed that on the size of the log.
      const before = memoryOf(sandbox.pid).peakMb;
      const smallLog = join(work, 'ten-mb.txt');
      await makeInput(smallLog, 100_000, 100);
      await kcatProduce(sandbox, 'bench-10mb', smallLog);
      for (let i = 0; i < 10; i++) await kcatProduce(sandbox, 'bench-1gb', large);
      settle();
      const at10mb = await kcatProduce(sandbox, 'bench-10mb', small);
      settle();
      const at1gb = await kcatProduce(sandbox, 'bench-1gb', small);
      add('kcat produce 1,000,000 x 100 B into a 1 GB log', 'records/s', 1e6 / at1gb, 1e6 / at10mb, true, 'into 10 MB');
      add('peak RSS after storing 1 GB more', 'MB', memoryOf(sandbox.pid).peakMb, before, false, 'before');
    } finally {
      await Promise.all([sandbox.stop(), mock.stop()]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

export const brokerPart: Part = {
  name: 'broker',
  title: 'Sandbox broker vs librdkafka mock cluster (and loopback TCP)',
  run: brokerBench,
};
