// Real Apache Kafka (4.3.1, KRaft) for tests that compare Brook's sandbox broker with the real thing.
//
// The jars come from Maven Central through test/real-kafka/pom.xml into test/real-kafka/.cache/libs
// (gitignored); nothing of Kafka is vendored. Each node is one JVM in combined mode
// (process.roles=broker,controller) with a static voter set, on 127.0.0.1 ports picked free, with
// its data in a fresh temp dir that stop() removes.
//
//   const avail = realKafkaAvailable();            // sync: java >= 17, mvn, jars resolvable
//   if (!avail.ok) t.skip(avail.reason);
//   const kafka = await startRealKafka({ brokers: 3 });
//   await kafkaTool('kafka-topics', ['--bootstrap-server', kafka.bootstrap[0], '--list']);
//   await kafka.stop();
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { run, waitExit } from './run';

export const KAFKA_VERSION = '4.3.1';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const realKafkaDir = join(repoRoot, 'test', 'real-kafka');
export const kafkaCacheDir = join(realKafkaDir, '.cache');
export const kafkaLibsDir = join(kafkaCacheDir, 'libs');
const pomPath = join(realKafkaDir, 'pom.xml');
/** Written after a complete copy-dependencies; holds the pom's hash, so a changed pom re-resolves. */
const libsMarker = join(kafkaLibsDir, '.resolved');

/** Kafka's bin/*.sh scripts and the main classes they run (Kafka 4.3.1). */
export const KAFKA_TOOLS = {
  'kafka-storage': 'kafka.tools.StorageTool',
  'kafka-configs': 'kafka.admin.ConfigCommand',
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-console-producer': 'org.apache.kafka.tools.ConsoleProducer',
  'kafka-console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'kafka-consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-share-groups': 'org.apache.kafka.tools.consumer.group.ShareGroupCommand',
  'kafka-streams-groups': 'org.apache.kafka.tools.streams.StreamsGroupCommand',
  'kafka-groups': 'org.apache.kafka.tools.GroupsCommand',
  'kafka-get-offsets': 'org.apache.kafka.tools.GetOffsetShell',
  'kafka-dump-log': 'org.apache.kafka.tools.DumpLogSegments',
  'kafka-producer-perf-test': 'org.apache.kafka.tools.ProducerPerformance',
  'kafka-consumer-perf-test': 'org.apache.kafka.tools.ConsumerPerformance',
  'kafka-share-consumer-perf-test': 'org.apache.kafka.tools.ShareConsumerPerformance',
  'kafka-metadata-quorum': 'org.apache.kafka.tools.MetadataQuorumCommand',
  'kafka-features': 'org.apache.kafka.tools.FeatureCommand',
  'kafka-broker-api-versions': 'org.apache.kafka.tools.BrokerApiVersionsCommand',
  'kafka-cluster': 'org.apache.kafka.tools.ClusterTool',
  'kafka-delete-records': 'org.apache.kafka.tools.DeleteRecordsCommand',
  'kafka-log-dirs': 'org.apache.kafka.tools.LogDirsCommand',
  'kafka-leader-election': 'org.apache.kafka.tools.LeaderElectionCommand',
  'kafka-reassign-partitions': 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand',
  'kafka-acls': 'org.apache.kafka.tools.AclCommand',
  'kafka-transactions': 'org.apache.kafka.tools.TransactionsCommand',
  'kafka-client-metrics': 'org.apache.kafka.tools.ClientMetricsCommand',
  'kafka-delegation-tokens': 'org.apache.kafka.tools.DelegationTokenCommand',
} as const;
export type KafkaToolName = keyof typeof KAFKA_TOOLS;

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RealKafka {
  /** host:port of each broker's PLAINTEXT listener, node 1 first. */
  bootstrap: string[];
  /** Per node: id, pid, ports, data dir and server.log path (for dump-log and for diagnosis). */
  nodes: RealKafkaNode[];
  clusterId: string;
  /** Milliseconds from the first spawn (formatting included) to every broker answering. */
  startupMs: number;
  /** SIGTERM every JVM (SIGKILL after a grace period), then delete the temp dirs. Idempotent. */
  stop(): Promise<void>;
  /** Stops one node (by id) as an operator would, keeping its data; the others go on. */
  stopNode(id: number): Promise<void>;
  /** Starts a stopped node again on its data; resolves once the cluster lists every broker. */
  startNode(id: number): Promise<void>;
}

export interface RealKafkaNode {
  id: number;
  pid: number;
  port: number;
  controllerPort: number;
  dir: string;
  logDir: string;
  serverLog: string;
}

export interface StartRealKafkaOptions {
  brokers: 1 | 3;
  /** Extra server.properties entries, applied to every node (after the defaults). */
  config?: Record<string, string>;
  /** JVM heap, as -Xmx; default 512m. */
  heap?: string;
  /** Give up when not ready after this long; default 120 s (a JVM on 2 cores is slow). */
  timeoutMs?: number;
  /** Keep the temp dirs after stop() (they are printed by the error on a failed start anyway). */
  keepDirs?: boolean;
  /** Called as each node's JVM is spawned (after kafka-storage format), e.g. to time its start from there. */
  onSpawn?: (node: RealKafkaNode) => void;
}

// ---------------------------------------------------------------------------------------------
// Availability: java, mvn, and the jars.

type Availability = { ok: true } | { ok: false; reason: string };
let availability: Availability | undefined;

export function javaBin(): string {
  const home = process.env.JAVA_HOME;
  return home && existsSync(join(home, 'bin', 'java')) ? join(home, 'bin', 'java') : 'java';
}

/** `java -version`'s output once realKafkaAvailable has run: part of the class-data archives' key. */
let javaVersion = '';

function javaMajor(): number | string {
  const r = spawnSync(javaBin(), ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return `java not runnable (${r.error?.message ?? `exit ${r.status}`})`;
  javaVersion = r.stderr + r.stdout;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (!m) return `cannot read the java version from: ${(r.stderr + r.stdout).trim().split('\n')[0]}`;
  const major = Number(m[1]) === 1 ? Number(m[2]) : Number(m[1]);
  return major;
}

function pomHash(): string {
  return createHash('sha256').update(readFileSync(pomPath)).digest('hex');
}

function libsResolved(): boolean {
  try {
    return readFileSync(libsMarker, 'utf8').trim() === pomHash();
  } catch {
    return false;
  }
}

/**
 * Makes sure test/real-kafka/.cache/libs holds Kafka's jars, running Maven if it does not (cold:
 * some seconds to a minute, depending on the mirror). Throws with Maven's output when it fails.
 */
export function ensureKafkaLibs(log: (line: string) => void = () => {}): void {
  if (libsResolved()) return;
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) throw new Error('mvn not found: Maven is needed to fetch Kafka\'s jars');
  rmSync(kafkaLibsDir, { recursive: true, force: true });
  log(`resolving Apache Kafka ${KAFKA_VERSION} jars with Maven into ${kafkaLibsDir}`);
  const started = Date.now();
  const r = spawnSync(
    'mvn',
    ['-B', '-q', '-f', pomPath, 'dependency:copy-dependencies', `-DoutputDirectory=${kafkaLibsDir}`],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error || r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`mvn could not resolve Kafka ${KAFKA_VERSION}'s jars (exit ${r.status}):\n${out}`);
  }
  writeFileSync(libsMarker, `${pomHash()}\n`);
  log(`resolved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Whether real Kafka can run here: java >= 17 and the jars (resolving them with Maven the first
 * time, synchronously). The answer is remembered for the process. Tests skip with `reason`.
 */
export function realKafkaAvailable(): Availability {
  if (availability) return availability;
  const major = javaMajor();
  if (typeof major === 'string') availability = { ok: false, reason: `real Kafka unavailable: ${major}` };
  else if (major < 17) availability = { ok: false, reason: `real Kafka unavailable: Kafka 4.x brokers need Java 17+, found Java ${major}` };
  else {
    try {
      ensureKafkaLibs();
      availability = { ok: true };
    } catch (err) {
      availability = { ok: false, reason: `real Kafka unavailable: ${(err as Error).message}` };
    }
  }
  return availability;
}

function classpath(): string {
  // The JVM expands "dir/*" to every jar in dir.
  return `${join(kafkaLibsDir, '*')}${delimiter}`;
}

// ---------------------------------------------------------------------------------------------
// Class-data sharing. Most of a starting JVM's CPU goes to loading and verifying Kafka's classes.
// The first run of each main class on a machine writes the classes it loaded to a dynamic AppCDS
// archive in .cache/cds (-XX:ArchiveClassesAtExit; a broker at its SIGTERM); later runs map it
// (-XX:SharedArchiveFile) instead. The archive's name holds a hash of the JDK, the jars and the JVM
// options, so a change trains a new one.

const cdsDir = join(kafkaCacheDir, 'cds');
/** Java reports an archive it cannot use, or classes it cannot archive, on stdout, which tests parse. */
const CDS_QUIET = '-Xlog:cds*=off';
/** Archives a JVM of this process is writing, so that concurrent runs of one main class train it once. */
const training = new Set<string>();
let cdsKeyBase: string | undefined;

interface ClassDataSharing {
  jvm: string[];
  /** Once the JVM has exited (`whole`: by itself, not killed): publishes the archive it trained, if Java can map it. */
  done(whole: boolean): Promise<void>;
}

const NO_SHARING: ClassDataSharing = { jvm: [], done: async () => {} };

function classDataSharing(main: string, jvm: string[]): ClassDataSharing {
  // A dynamic archive sits on the JDK's own (`java -version` says "sharing" when that one is mapped);
  // without it, Java can use none, and a JVM asked to write one does not start.
  if (!/\bsharing\b/.test(javaVersion)) return NO_SHARING;
  cdsKeyBase ??= [javaVersion, javaBin(), classpath()]
    .concat(readdirSync(kafkaLibsDir).sort().map((f) => {
      const s = statSync(join(kafkaLibsDir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    }))
    .join('\n');
  const key = createHash('sha256').update([cdsKeyBase, main, ...jvm].join('\n')).digest('hex').slice(0, 16);
  const archive = join(cdsDir, `${main}-${key}.jsa`);
  if (existsSync(archive)) return { jvm: [CDS_QUIET, `-XX:SharedArchiveFile=${archive}`], done: async () => {} };
  if (training.has(archive)) return NO_SHARING;
  training.add(archive);
  mkdirSync(cdsDir, { recursive: true });
  // What a process that died while training left behind (an archive is written in seconds).
  for (const f of readdirSync(cdsDir)) {
    const path = join(cdsDir, f);
    if (f.endsWith('.tmp') && (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < Date.now() - 600_000) rmSync(path, { force: true });
  }
  // A JVM mapping a half-written archive dies of SIGBUS: write under a name of our own, rename when whole.
  const tmp = `${archive}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  return {
    jvm: [CDS_QUIET, `-XX:ArchiveClassesAtExit=${tmp}`],
    done: async (whole) => {
      try {
        const check = [...jvm, '-Xshare:on', CDS_QUIET, `-XX:SharedArchiveFile=${tmp}`, `-XX:ErrorFile=${join(tmpdir(), 'brook-cds-hs_err_pid%p.log')}`];
        if (whole && (await run(javaBin(), [...check, '-cp', classpath(), '-version'])).code === 0) renameSync(tmp, archive);
      } finally {
        rmSync(tmp, { force: true });
        training.delete(archive);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CLI tools.

export interface KafkaToolOptions {
  /** Written to the tool's stdin, then stdin is closed (console producer). */
  input?: string;
  /** Kill the tool after this long; default 60 s. The result then has code 124. */
  timeoutMs?: number;
  /** More JVM options (after the defaults, so -Xmx etc. here win), e.g. -Dsome.property=x. */
  jvmArgs?: string[];
}

/**
 * Runs one of Kafka's CLI tools as bin/<name>.sh would (same main class, same arguments, WARN logs
 * to stderr), with the cached classpath. Resolves with the exit code and the whole output.
 */
export function kafkaTool(name: KafkaToolName, args: string[], options: KafkaToolOptions = {}): Promise<ToolResult> {
  const avail = realKafkaAvailable();
  if (!avail.ok) return Promise.reject(new Error(avail.reason));
  // A tool lives for seconds: a small heap and C1 only start faster. The perf tests measure, so
  // they get what bin/kafka-*-perf-test.sh gives them: 512 MB, G1, the full JIT.
  const perf = name.endsWith('-perf-test');
  const base = perf ? ['-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20'] : ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];
  const cds = classDataSharing(KAFKA_TOOLS[name], base);
  const jvm = [
    ...base,
    ...cds.jvm,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(realKafkaDir, 'log4j2-tools.properties')}`,
    ...(options.jvmArgs ?? []),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(javaBin(), [...jvm, '-cp', classpath(), KAFKA_TOOLS[name], ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => {}); // the tool may exit before reading all its input
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n[kafkaTool] ${name} killed after ${options.timeoutMs ?? 60_000} ms`;
      const result = { code: timedOut ? 124 : (code ?? (signal ? 128 : 1)), stdout, stderr };
      // A run that failed may have loaded few classes: train on one that did its work. An archive that
      // cannot be published leaves the next run to train one: nothing to report.
      void cds
        .done(result.code === 0)
        .catch(() => {})
        .then(() => resolvePromise(result));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The cluster.

async function freePorts(count: number): Promise<number[]> {
  // Hold every socket open until all are picked, so the ports are distinct.
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<import('node:net').Server>((ok, fail) => {
          const s = createServer();
          s.once('error', fail);
          s.listen(0, '127.0.0.1', () => ok(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

/**
 * A Kafka cluster id: 16 random bytes, base64url without padding. Like Kafka's Uuid.randomUuid, never
 * one starting with '-': kafka-storage's argument parser would read it as an option (a CI run failed so).
 */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(
  node: { id: number; port: number; controllerPort: number; logDir: string },
  voters: string,
  brokers: number,
  extra: Record<string, string>,
): string {
  const rf = String(Math.min(brokers, 3));
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(node.id),
    'controller.quorum.voters': voters,
    listeners: `PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': node.logDir,
    'num.partitions': '1',
    'default.replication.factor': '1',
    'offsets.topic.replication.factor': rf,
    'transaction.state.log.replication.factor': rf,
    'transaction.state.log.min.isr': '1',
    'share.coordinator.state.topic.replication.factor': rf,
    'share.coordinator.state.topic.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'true',
    ...extra,
  };
  return Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')
    .concat('\n');
}

const STARTED = /Kafka Server started/;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // If the test process dies without stop(), do not leave JVMs behind.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/**
 * Starts real Kafka: 1 node, or 3 nodes with a 3-voter quorum, each broker+controller in one
 * JVM. Resolves once kafkajs's describeCluster sees every broker. Rejects (after cleaning up,
 * with each node's log tail) if a JVM exits or the cluster is not ready in time.
 */
export async function startRealKafka(options: StartRealKafkaOptions): Promise<RealKafka> {
  const avail = realKafkaAvailable();
  if (!avail.ok) throw new Error(avail.reason);
  const count = options.brokers;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'brook-real-kafka-'));
  const ports = await freePorts(count * 2);
  const clusterId = randomClusterId();
  const nodes: RealKafkaNode[] = Array.from({ length: count }, (_, i) => {
    const dir = join(root, `node-${i + 1}`);
    mkdirSync(dir, { recursive: true });
    return {
      id: i + 1,
      pid: 0,
      port: ports[i * 2],
      controllerPort: ports[i * 2 + 1],
      dir,
      logDir: join(dir, 'data'),
      serverLog: join(dir, 'server.log'),
    };
  });
  const voters = nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',');
  for (const n of nodes) writeFileSync(join(n.dir, 'server.properties'), serverProperties(n, voters, count, options.config ?? {}));

  const children: (ChildProcess | undefined)[] = [];
  const cds: ClassDataSharing[] = [];
  const tails: string[][] = nodes.map(() => []);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await Promise.all(
      children.map(async (child, i) => {
        if (!child) return;
        await terminate(child);
        await cds[i].done(child.signalCode === null).catch(() => {});
      }),
    );
    if (!options.keepDirs) rmSync(root, { recursive: true, force: true });
  };
  const describeTails = () =>
    nodes.map((n, i) => `--- node ${n.id} (${n.serverLog}) ---\n${tails[i].slice(-25).join('\n')}`).join('\n');

  let jvm: string[] = [];
  /** Starts node i's JVM; resolves when it says it started. */
  const spawnNode = (i: number, sharing: ClassDataSharing): Promise<void> => {
    const n = nodes[i];
    cds[i] = sharing;
    const child = spawn(javaBin(), [...jvm, ...sharing.jvm, '-cp', classpath(), 'kafka.Kafka', join(n.dir, 'server.properties')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children[i] = child;
    live.add(child);
    n.pid = child.pid ?? 0;
    options.onSpawn?.(n);
    const file = createWriteStream(n.serverLog, { flags: 'a' });
    return new Promise<void>((ok, fail) => {
      let buffer = '';
      const onData = (d: string) => {
        file.write(d);
        buffer += d;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          tails[i].push(line);
          if (tails[i].length > 200) tails[i].shift();
          if (STARTED.test(line)) ok();
        }
      };
      child.stdout!.setEncoding('utf8').on('data', onData);
      child.stderr!.setEncoding('utf8').on('data', onData);
      child.once('exit', (code, signal) => {
        file.end();
        live.delete(child);
        if (!stopped && children[i] === child) fail(new Error(`Kafka node ${n.id} exited during startup (${signal ?? `exit ${code}`})`));
      });
      child.once('error', fail);
    });
  };
  /** SIGTERM (SIGKILL after a grace period), waiting for the exit. */
  const terminate = async (child: ChildProcess): Promise<void> => {
    child.kill('SIGTERM');
    if (!(await waitExit(child, 20_000))) {
      child.kill('SIGKILL');
      await waitExit(child, 5_000);
    }
    live.delete(child);
  };

  try {
    // Format every node's log dir with the same cluster id (static voters: no --standalone).
    const formats = await Promise.all(
      nodes.map((n) =>
        kafkaTool('kafka-storage', ['format', '-t', clusterId, '-c', join(n.dir, 'server.properties')], { timeoutMs: 60_000 }),
      ),
    );
    formats.forEach((r, i) => {
      if (r.code !== 0) throw new Error(`kafka-storage format failed for node ${nodes[i].id} (exit ${r.code}):\n${r.stdout}${r.stderr}`);
    });

    installExitHook();
    jvm = [
      `-Xmx${options.heap ?? '512m'}`,
      `-Xms${options.heap ?? '512m'}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:InitiatingHeapOccupancyPercent=35',
      '-XX:+ExplicitGCInvokesConcurrent',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(realKafkaDir, 'log4j2-broker.properties')}`,
    ];
    // The first node of a cluster trains the archive, the others start without one meanwhile.
    const startedSignals = nodes.map((_, i) => spawnNode(i, classDataSharing('kafka.Kafka', jvm)));

    const deadline = started + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`Kafka not ready after ${timeoutMs} ms`)), deadline - Date.now());
    });
    try {
      await Promise.race([Promise.all(startedSignals), timeout]);
      await Promise.race([waitForBrokers(nodes.map((n) => `127.0.0.1:${n.port}`), count, deadline), timeout]);
    } finally {
      clearTimeout(timer);
    }
    // From here on a node that dies is the test's business; keep the rejection from going unhandled.
    startedSignals.forEach((p) => p.catch(() => {}));
  } catch (err) {
    const message = `${(err as Error).message}\n${describeTails()}`;
    await stop();
    throw new Error(message, { cause: err });
  }

  return {
    bootstrap: nodes.map((n) => `127.0.0.1:${n.port}`),
    nodes,
    clusterId,
    startupMs: Date.now() - started,
    stop,
    async stopNode(id) {
      const i = nodes.findIndex((n) => n.id === id);
      const child = children[i];
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      children[i] = undefined;
      await terminate(child);
      await cds[i].done(false).catch(() => {});
    },
    async startNode(id) {
      const i = nodes.findIndex((n) => n.id === id);
      if (children[i]) return;
      await spawnNode(i, NO_SHARING);
      await waitForBrokers(nodes.map((n) => `127.0.0.1:${n.port}`), count, Date.now() + timeoutMs);
    },
  };
}

/** Polls describeCluster through kafkajs until `count` brokers are listed. */
async function waitForBrokers(brokers: string[], count: number, deadline: number): Promise<void> {
  const kafka = new Kafka({
    clientId: 'brook-real-kafka-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 3000,
  });
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length >= count && cluster.controller !== null && cluster.controller >= 0) return;
    } catch {
      // not yet
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`fewer than ${count} brokers in describeCluster before the deadline`);
}
