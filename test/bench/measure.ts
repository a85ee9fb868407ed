// Measuring tools shared by the benchmark parts: the table row they return, wall time of a client
// command (kcat), the sandbox as a process, time from a broker's spawn to its first answered
// Metadata request, resident memory read from /proc, rates of a request loop, and medians.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RawClient } from '../support/raw-client';
import { CLI } from '../support/sandbox-process';
import { BROKER_NODE_FLAGS, brokerEnv } from '../../electron/broker/broker-process';
import { startRealKafka } from '../support/kafka-target';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';

export interface Row {
  what: string;
  unit: string;
  sandbox: number;
  /** null when the peer could not run here (printed n/a). */
  peer: number | null;
  peerName: string;
  /** true when more is better (throughput), false when less is (time, memory). */
  higherIsBetter: boolean;
  /** An issue's target for the ratio (sandbox vs peer, >1 = better): met when the ratio reaches it. */
  target?: number;
}

export interface Part {
  name: string;
  title: string;
  run(): Promise<Row[]>;
}

/** A broker being measured: where clients reach it and which process holds its memory. */
export interface Target {
  name: string;
  bootstrap: string;
  host: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const elapsedMs = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs a command to completion; resolves with seconds taken and the number of stdout lines. */
export function timed(command: string, args: string[]): Promise<{ seconds: number; lines: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = elapsedMs(started) / 1e3;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, lines, stderr });
    });
  });
}

/**
 * Writes every dirty page back to disk (sync), so that a measurement does not pay for the
 * writeback of what came before it: the input file just written, the other broker's log. Without
 * it, whichever broker ran first after a 1 GB input was made ran up to three times slower.
 */
export function settle(): void {
  spawnSync('sync');
}

/** Writes `count` lines of `size` bytes each (newline excluded), for kcat -P -l. */
export async function makeInput(path: string, count: number, size: number): Promise<void> {
  const out = createWriteStream(path);
  const line = Buffer.alloc(size + 1, 'abcdefghijklmnopqrstuvwxyz0123456789');
  line[size] = 10;
  for (let i = 0; i < count; i++) {
    line.write(`${i}:`, 0);
    if (!out.write(Buffer.from(line))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** kcat produces the lines of `input` to partition 0 of `topic` (librdkafka's default acks=all). */
export async function kcatProduce(t: Target, topic: string, input: string): Promise<number> {
  const r = await timed('kcat', ['-P', '-b', t.bootstrap, '-t', topic, '-p', '0', '-l', '-X', 'queue.buffering.max.messages=2000000', input]);
  return r.seconds;
}

/** kcat reads `count` records of partition 0 from the beginning. */
export async function kcatFetch(t: Target, topic: string, count: number): Promise<{ seconds: number; records: number }> {
  const r = await timed('kcat', ['-C', '-b', t.bootstrap, '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q', '-c', String(count), '-f', '\\n']);
  return { seconds: r.seconds, records: r.lines };
}

/**
 * Resolves with the milliseconds from `since` to the first Metadata answered on host:port, trying
 * every `pollMs` while the port refuses; gives up after `timeoutMs`. The default version is v4, the
 * oldest Kafka 4 still serves.
 */
export async function firstMetadata(host: string, port: number, since: bigint, version = 4, pollMs = 1, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    try {
      const c = await RawClient.connect(port, host);
      try {
        await c.request(ApiKey.Metadata, version, { topics: [], allowAutoTopicCreation: false });
        return elapsedMs(since);
      } finally {
        c.close();
      }
    } catch (err) {
      if (elapsedMs(since) > timeoutMs) throw new Error(`no Metadata answered on ${host}:${port} within ${timeoutMs} ms`, { cause: err });
      await sleep(pollMs);
    }
  }
}

const brokers = new Set<ChildProcess>();
// A part that fails midway must not leave its brokers running after the bench exits.
process.once('exit', () => {
  for (const child of brokers) child.kill('SIGKILL');
});

/** Milliseconds from spawning `command` to the first Metadata answered on the address it prints. */
export async function timeToFirstMetadata(
  command: string,
  args: string[],
  address: RegExp,
  metadataVersion?: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ms: number; child: ChildProcess; host: string; port: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  brokers.add(child);
  child.once('exit', () => brokers.delete(child));
  // The broker's log goes to stderr: kept short, for the error when it dies.
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  let out = '';
  const [host, port] = await new Promise<[string, number]>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = address.exec(out);
      if (m) {
        child.stdout!.off('data', onData).resume();
        resolve([m[1], Number(m[2])]);
      }
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${log}`)));
  });
  return { ms: await firstMetadata(host, port, started, metadataVersion), child, host, port };
}

export const stopChild = (child: ChildProcess) => () => {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  return exited.then(() => undefined);
};

const LISTENING = /listening on ([\d.]+):(\d+)/;

/** The sandbox as its own process (dist/broker/cli.js), timed from spawn to its first Metadata. */
export async function startSandbox(dataDir: string, config: Record<string, string> = {}, metadataVersion?: number): Promise<Target & { startMs: number }> {
  const settings = Object.entries(config).flatMap(([k, v]) => ['--config', `${k}=${v}`]);
  const { ms, child, host, port } = await timeToFirstMetadata(process.execPath, [...BROKER_NODE_FLAGS, CLI, '--port', '0', '--data-dir', dataDir, ...settings], LISTENING, metadataVersion, brokerEnv());
  return { name: 'sandbox', bootstrap: `${host}:${port}`, host, port, pid: child.pid!, startMs: ms, stop: stopChild(child) };
}

/** Creates a topic (replication factor 1) over a raw connection; an existing one is fine. */
export async function createTopic(t: Target, name: string, partitions: number): Promise<void> {
  const c = await RawClient.connect(t.port, t.host);
  try {
    const r = await c.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 30_000 });
    const e = r.topics[0]?.errorCode;
    if (e !== ErrorCode.NONE && e !== ErrorCode.TOPIC_ALREADY_EXISTS) throw new Error(`CreateTopics ${name} on ${t.name}: error ${e}`);
  } finally {
    c.close();
  }
}

/**
 * Requests per second of `once` over `ms` milliseconds with `inFlight` calls outstanding at a time
 * (1 = sequential round trips).
 */
export async function rate(ms: number, inFlight: number, once: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  let done = 0;
  const lane = async () => {
    while (elapsedMs(started) < ms) {
      await once();
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return done / (elapsedMs(started) / 1e3);
}

/** Resident and peak resident memory of a process, in MB (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** CPU seconds the whole machine has been busy so far, all cores together (/proc/stat). */
export function machineBusySeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS;
}

/** Resets the peak RSS counter of a process, so a later reading covers one phase only. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not permitted: the peak then covers the whole run
  }
}

/**
 * Real Kafka 4.3.1 (one combined broker+controller JVM, startRealKafka's 512 MB heap), timed from
 * the broker JVM's spawn (kafka-storage format excluded) to its first answered Metadata.
 */
export async function startKafka(config: Record<string, string> = {}, heap?: string): Promise<Target & { startMs: number }> {
  let first: Promise<number> | undefined;
  const kafka = await startRealKafka({
    brokers: 1,
    config,
    ...(heap ? { heap } : {}),
    onSpawn: (node) => {
      // A JVM takes seconds: polling every 10 ms leaves it the CPU and still times it closely.
      first = firstMetadata('127.0.0.1', node.port, process.hrtime.bigint(), 4, 10);
      first.catch(() => {});
    },
  });
  const [node] = kafka.nodes;
  return { name: 'Kafka 4.3.1', bootstrap: kafka.bootstrap[0], host: '127.0.0.1', port: node.port, pid: node.pid, startMs: await first!, stop: kafka.stop };
}
