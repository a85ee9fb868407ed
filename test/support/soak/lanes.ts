// The soak's workloads, each a loop ("lane") that repeats one kind of client behaviour until told to
// stop: kafkajs producing large batches with headers, kcat producing with every compression codec,
// kcat and kafkajs consuming them back, kafkajs group members joining and leaving, kcat members
// killed mid-session, and raw connections dropped in the middle of a request. They are what long
// runs of kafkajs's and librdkafka's own test suites did to the sandbox when it crashed (issue 15).
// A lane counts what it completed and what failed; failures are expected while the broker restarts.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { CompressionTypes, Kafka, type Consumer } from 'kafkajs';
import { silentKafkaLog } from '../broker';
import { RawClient } from '../raw-client';
import { run } from '../run';
import { ApiKey } from '../../../electron/broker/protocol/messages.generated';

export interface Tally {
  ok: number;
  failed: number;
  lastError?: string;
  /** What the lane is doing now, for the progress line. */
  running?: string;
}

export interface LaneContext {
  bootstrap: () => string;
  stopped: () => boolean;
  tally: Tally;
}

export type Lane = (ctx: LaneContext) => Promise<void>;

export const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
const TOPICS = CODECS.map((c) => `soak-${c}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
/** Two different topics, for members subscribing to more than one. */
const twoTopics = (): [string, string] => {
  const first = Math.floor(Math.random() * TOPICS.length);
  return [TOPICS[first], TOPICS[(first + 1 + Math.floor(Math.random() * (TOPICS.length - 1))) % TOPICS.length]];
};

/** The topics every lane uses, made before the lanes start (consumers do not create topics). */
export async function createSoakTopics(bootstrap: string): Promise<void> {
  const admin = new Kafka({ brokers: [bootstrap], logCreator: silentKafkaLog }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: TOPICS.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

async function attempt(ctx: LaneContext, work: () => Promise<unknown>, what = 'working'): Promise<void> {
  ctx.tally.running = what;
  try {
    await work();
    ctx.tally.ok++;
  } catch (err) {
    ctx.tally.failed++;
    ctx.tally.lastError = (err as Error).message.slice(0, 200);
    await sleep(200);
  } finally {
    ctx.tally.running = undefined;
  }
}

const kafka = (ctx: LaneContext, clientId: string) =>
  new Kafka({ clientId, brokers: [ctx.bootstrap()], logCreator: silentKafkaLog, retry: { retries: 2, initialRetryTime: 100 }, connectionTimeout: 3000 });

function lines(count: number, size: number): string {
  const body = 'x'.repeat(size);
  return Array.from({ length: count }, (_, i) => `${i}:${body}`).join('\n') + '\n';
}

/** kafkajs producing batches of up to 2,000 records (up to 800 KB) with headers, plain and gzip. */
export const kafkajsProduce: Lane = async (ctx) => {
  while (!ctx.stopped()) {
    const idempotent = Math.random() < 0.5;
    const producer = kafka(ctx, 'soak-producer').producer({ idempotent });
    await attempt(ctx, async () => {
      await producer.connect();
      try {
        for (let i = 0; i < 20 && !ctx.stopped(); i++) {
          ctx.tally.running = `send ${i}`;
          // Up to ~800 KB a request: under message.max.bytes (1 MiB), as a producer's batch.size keeps it.
          const size = pick([10, 200, 1024, 8192]);
          const count = 1 + Math.floor(Math.min(2000, 800_000 / size) * Math.random());
          const value = randomBytes(size);
          await producer.send({
            topic: pick(TOPICS),
            acks: idempotent ? -1 : pick([-1, 1]),
            compression: pick([CompressionTypes.None, CompressionTypes.GZIP]),
            messages: Array.from({ length: count }, (_, n) => ({ key: `k${n % 17}`, value, headers: { lane: 'kafkajs', n: String(n) } })),
          });
        }
      } finally {
        ctx.tally.running = 'disconnect';
        await producer.disconnect();
      }
    });
  }
};

/** kcat (librdkafka) producing with every codec, messages lingering into large batches or sent at once. */
export const kcatProduce: Lane = async (ctx) => {
  for (let i = 0; !ctx.stopped(); i++) {
    const codec = CODECS[i % CODECS.length];
    const linger = pick(['0', '5', '100']);
    await attempt(ctx, async () => {
      const r = await run('kcat', ['-P', '-b', ctx.bootstrap(), '-t', `soak-${codec}`, '-z', codec, '-H', 'lane=kcat', '-H', `codec=${codec}`, '-X', `linger.ms=${linger}`, '-X', 'message.timeout.ms=10000'], {
        input: lines(500 + Math.floor(Math.random() * 3000), pick([20, 300, 2000])),
        timeoutMs: 30_000,
      });
      if (r.code !== 0) throw new Error(`kcat -P exited ${r.code}: ${r.stderr.slice(-200)}`);
    });
  }
};

/** kcat reading a topic from the start to its end, decompressing what every codec wrote. */
export const kcatConsume: Lane = async (ctx) => {
  while (!ctx.stopped()) {
    await attempt(ctx, async () => {
      const r = await run('kcat', ['-C', '-b', ctx.bootstrap(), '-t', pick(TOPICS), '-o', pick(['beginning', '-3000']), '-c', '20000', '-e', '-q', '-f', '%h %k %S\\n'], { timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(`kcat -C exited ${r.code}: ${r.stderr.slice(-200)}`);
    });
  }
};

/** kafkajs group members: three join a group, consume a moment, and leave one after another. */
export const kafkajsGroups: Lane = async (ctx) => {
  for (let round = 0; !ctx.stopped(); round++) {
    const groupId = `soak-group-${round % 8}`;
    const consumers: Consumer[] = [];
    await attempt(ctx, async () => {
      try {
        for (let m = 0; m < 3; m++) {
          const consumer = kafka(ctx, `soak-member-${m}`).consumer({ groupId, sessionTimeout: 10_000, rebalanceTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
          consumers.push(consumer);
          ctx.tally.running = `member ${m} joins`;
          await consumer.connect();
          await consumer.subscribe({ topics: twoTopics(), fromBeginning: true });
          await consumer.run({ autoCommitInterval: 200, eachBatch: async ({ batch }) => void batch.messages.length });
        }
        await sleep(1000 + Math.random() * 2000);
      } finally {
        ctx.tally.running = 'members leave';
        for (const c of consumers) await c.disconnect();
      }
    });
  }
};

/** kcat group members killed with SIGKILL mid-session: no LeaveGroup, sockets cut mid-fetch. */
export const kcatGroupKills: Lane = async (ctx) => {
  for (let round = 0; !ctx.stopped(); round++) {
    await attempt(ctx, async () => {
      const child = spawn('kcat', ['-b', ctx.bootstrap(), '-G', `soak-killed-${round % 4}`, '-q', '-X', 'session.timeout.ms=6000', ...twoTopics()], { stdio: 'ignore' });
      await sleep(500 + Math.random() * 2500);
      const exited = child.exitCode !== null || child.signalCode !== null;
      child.kill('SIGKILL');
      if (!exited) await once(child, 'exit');
      if (exited) throw new Error(`kcat -G exited by itself (${child.exitCode})`);
    });
  }
};

/** Connections that end mid-request: half a Produce, a frame cut off, a long-poll Fetch abandoned, garbage. */
export const droppedConnections: Lane = async (ctx) => {
  const produce = RawClient.frame(ApiKey.Produce, 9, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 5000,
    topicData: [{ name: 'soak-none', partitionData: [{ index: 0, records: randomBytes(4096) }] }],
  });
  const fetch = RawClient.frame(ApiKey.Fetch, 12, {
    replicaId: -1,
    maxWaitMs: 5000,
    minBytes: 1 << 30,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic: 'soak-lz4', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [],
    rackId: '',
  });
  const sized = (frame: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0].map((_, i) => (frame.length >>> (24 - 8 * i)) & 0xff)), frame]);
  const shapes: Buffer[] = [sized(produce).subarray(0, 2000), sized(produce), sized(fetch), randomBytes(64), Buffer.from([0x7f, 0xff, 0xff, 0xff])];
  for (let i = 0; !ctx.stopped(); i++) {
    const bytes = shapes[i % shapes.length];
    await attempt(ctx, async () => {
      const [host, port] = ctx.bootstrap().split(':');
      const socket = connect(Number(port), host);
      socket.on('error', () => {});
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      socket.write(bytes);
      await sleep(Math.random() * 50);
      socket.destroy();
    });
    await sleep(20);
  }
};

/** Every lane, by name. */
export const LANES: Record<string, Lane> = {
  'kafkajs produce': kafkajsProduce,
  'kcat produce (all codecs)': kcatProduce,
  'kcat consume': kcatConsume,
  'kafkajs groups': kafkajsGroups,
  'kcat members killed': kcatGroupKills,
  'dropped connections': droppedConnections,
};
