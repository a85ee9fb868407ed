// 10,000 topics x 3 partitions on the sandbox and on Kafka 4.3.1, side by side (issue 11's targets
// for the broker, issue 10's for the Topics screen): creating them with kafkajs's admin in batches
// of 500, one full Metadata, ListOffsets latest for all 30,000 partitions, the sandbox's restart to
// its first Metadata, as many consumer groups committing, listed, described and fetched at once,
// its peak descriptors and memory; then Brook's Topics screen on each cluster
// beside `kcat -L` on the same cluster.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { launchBrowser } from '../e2e/support/harness';
import { realKafkaAvailable } from '../support/kafka-target';
import { RawClient } from '../support/raw-client';
import { elapsedMs, memoryOf, startKafka, startSandbox, timed, type Part, type Row, type Target } from './measure';
import { measureTopicsScreen, type ScreenFigures } from './topics-screen';

/** 10,000 unless `--topics N` follows `scale` (a quicker look). */
const TOPICS = (() => {
  const at = process.argv.indexOf('--topics');
  const n = at < 0 ? 10_000 : Number(process.argv[at + 1]);
  if (!(n > 0)) throw new Error(`--topics takes a positive number, got ${process.argv[at + 1]}`);
  return n;
})();
const PARTITIONS = 3;
const BATCH = 500;

interface GroupFigures {
  commitMs: number;
  listMs: number;
  describeMs: number;
  fetchMs: number;
}

interface ClusterFigures extends GroupFigures {
  createS: number;
  metadataMs: number;
  listOffsetsMs: number;
  rssMb: number;
  screen: ScreenFigures;
  kcatMs: number;
}

async function createAll(t: Target): Promise<number> {
  const admin = new Kafka({ brokers: [t.bootstrap], logLevel: logLevel.NOTHING, requestTimeout: 120_000 }).admin();
  await admin.connect();
  const started = process.hrtime.bigint();
  for (let i = 0; i < TOPICS; i += BATCH) {
    const topics = Array.from({ length: Math.min(BATCH, TOPICS - i) }, (_, j) => ({ topic: `scale-${String(i + j).padStart(5, '0')}`, numPartitions: PARTITIONS }));
    // kafkajs's own wait for leaders can throw out of reach of a catch on a busy Kafka: wait below.
    await admin.createTopics({ topics, timeout: 120_000, waitForLeaders: false });
  }
  await untilAllLed(t);
  const s = elapsedMs(started) / 1e3;
  await admin.disconnect();
  return s;
}

/** Until Metadata lists every topic with a leader for each partition. */
async function untilAllLed(t: Target): Promise<void> {
  const c = await RawClient.connect(t.port, t.host);
  try {
    for (;;) {
      const meta = await c.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false });
      const led = meta.topics.filter((topic) => topic.name?.startsWith('scale-') && topic.partitions.length === PARTITIONS && topic.partitions.every((p) => p.leaderId >= 0));
      if (led.length >= TOPICS) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    c.close();
  }
}

/** One full Metadata, then one ListOffsets (latest) naming every partition, on a raw connection. */
async function readAll(t: Target): Promise<{ metadataMs: number; listOffsetsMs: number }> {
  const c = await RawClient.connect(t.port, t.host);
  try {
    let started = process.hrtime.bigint();
    const meta = await c.request(ApiKey.Metadata, 12, { topics: null, allowAutoTopicCreation: false });
    const metadataMs = elapsedMs(started);
    const topics = meta.topics.map((topic) => ({ name: topic.name!, partitions: topic.partitions.map((p) => ({ partitionIndex: p.partitionIndex, timestamp: -1n, currentLeaderEpoch: -1 })) }));
    started = process.hrtime.bigint();
    await c.request(ApiKey.ListOffsets, 7, { replicaId: -1, isolationLevel: 0, topics });
    return { metadataMs, listOffsetsMs: elapsedMs(started) };
  } finally {
    c.close();
  }
}

/** As many groups as topics, each committing 3 offsets; then ListGroups, DescribeGroups and OffsetFetch v8 of all of them at once. */
async function groupsAll(t: Target): Promise<GroupFigures> {
  const c = await RawClient.connect(t.port, t.host);
  const ids = Array.from({ length: TOPICS }, (_, i) => `scale-group-${i}`);
  const timedMs = async (f: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await f();
    return elapsedMs(started);
  };
  try {
    const commitMs = await timedMs(async () => {
      for (let i = 0; i < ids.length; i += 100) {
        await Promise.all(ids.slice(i, i + 100).map((groupId, j) => c.request(ApiKey.OffsetCommit, 8, {
          groupId, generationIdOrMemberEpoch: -1, memberId: '',
          topics: [{ name: 'scale-00000', partitions: [0, 1, 2].map((partitionIndex) => ({ partitionIndex, committedOffset: BigInt(i + j), committedMetadata: null })) }],
        })));
      }
    });
    const listMs = await timedMs(() => c.request(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: [] }));
    const describeMs = await timedMs(() => c.request(ApiKey.DescribeGroups, 5, { groups: ids, includeAuthorizedOperations: false }));
    const fetchMs = await timedMs(() => c.request(ApiKey.OffsetFetch, 8, { groups: ids.map((groupId) => ({ groupId, memberId: null, memberEpoch: -1, topics: null })), requireStable: false }));
    return { commitMs, listMs, describeMs, fetchMs };
  } finally {
    c.close();
  }
}

async function measure(t: Target, browser: Awaited<ReturnType<typeof launchBrowser>>, log: (line: string) => void): Promise<ClusterFigures> {
  const createS = await createAll(t);
  log(`${t.name}: ${TOPICS} topics created in ${createS.toFixed(1)} s`);
  const { metadataMs, listOffsetsMs } = await readAll(t);
  const groups = await groupsAll(t);
  const screen = await measureTopicsScreen(browser, t.bootstrap);
  log(`${t.name}: Topics screen first rows ${screen.firstRowsMs.toFixed(0)} ms, figures ${screen.figuresMs.toFixed(0)} ms`);
  const kcat = await timed('kcat', ['-L', '-b', t.bootstrap]);
  return { createS, metadataMs, listOffsetsMs, ...groups, rssMb: memoryOf(t.pid).rssMb, screen, kcatMs: kcat.seconds * 1e3 };
}

export const scalePart: Part = {
  name: 'scale',
  title: `Scale: ${TOPICS.toLocaleString()} topics x ${PARTITIONS} partitions, the sandbox beside Kafka 4.3.1; the Topics screen beside kcat -L on the same cluster`,
  async run(): Promise<Row[]> {
    const log = (line: string) => console.log(`  ${line}`);
    const dataDir = mkdtempSync(join(tmpdir(), 'brook-bench-scale-'));
    const browser = await launchBrowser();
    const rows: Row[] = [];
    try {
      let sandbox = await startSandbox(dataDir);
      const sb = await measure(sandbox, browser, log);
      const peakFds = readdirSync(`/proc/${sandbox.pid}/fd`).length;
      await sandbox.stop();
      sandbox = await startSandbox(dataDir);
      const restartMs = sandbox.startMs;
      const peakMb = memoryOf(sandbox.pid).peakMb;
      await sandbox.stop();

      const avail = realKafkaAvailable();
      let kafka: ClusterFigures | undefined;
      let kafkaStartMs: number | null = null;
      if (avail.ok) {
        // 30,000 partitions need more than the tests' 512 MB heap.
        const k = await startKafka({}, '2g');
        kafkaStartMs = k.startMs;
        try {
          kafka = await measure(k, browser, log);
        } finally {
          await k.stop();
        }
      }
      const peer = (v: number | undefined) => v ?? null;
      rows.push(
        { what: `create ${TOPICS} topics, batches of ${BATCH} (s)`, unit: 's', sandbox: sb.createS, peer: peer(kafka?.createS), peerName: 'Kafka', higherIsBetter: false },
        { what: 'full Metadata (ms)', unit: 'ms', sandbox: sb.metadataMs, peer: peer(kafka?.metadataMs), peerName: 'Kafka', higherIsBetter: false },
        { what: `ListOffsets latest, ${TOPICS * PARTITIONS} partitions (ms)`, unit: 'ms', sandbox: sb.listOffsetsMs, peer: peer(kafka?.listOffsetsMs), peerName: 'Kafka', higherIsBetter: false },
        { what: `OffsetCommit by ${TOPICS} groups, 100 in flight`, unit: 'ms', sandbox: sb.commitMs, peer: peer(kafka?.commitMs), peerName: 'Kafka', higherIsBetter: false },
        { what: `ListGroups of ${TOPICS} groups`, unit: 'ms', sandbox: sb.listMs, peer: peer(kafka?.listMs), peerName: 'Kafka', higherIsBetter: false },
        { what: `DescribeGroups of ${TOPICS} groups, one request`, unit: 'ms', sandbox: sb.describeMs, peer: peer(kafka?.describeMs), peerName: 'Kafka', higherIsBetter: false },
        { what: `OffsetFetch v8 of ${TOPICS} groups, one request`, unit: 'ms', sandbox: sb.fetchMs, peer: peer(kafka?.fetchMs), peerName: 'Kafka', higherIsBetter: false },
        { what: 'restart to first Metadata (Kafka: empty start)', unit: 'ms', sandbox: restartMs, peer: kafkaStartMs, peerName: 'Kafka', higherIsBetter: false },
        { what: 'broker RSS with the topics (MB)', unit: 'MB', sandbox: sb.rssMb, peer: peer(kafka?.rssMb), peerName: 'Kafka', higherIsBetter: false },
        { what: 'sandbox peak open descriptors', unit: 'fds', sandbox: peakFds, peer: null, peerName: 'absolute', higherIsBetter: false },
        { what: 'sandbox peak RSS after restart (MB)', unit: 'MB', sandbox: peakMb, peer: null, peerName: 'absolute, target < 300', higherIsBetter: false },
      );
      for (const [name, f] of [['sandbox', sb], ['Kafka', kafka]] as const) {
        if (!f) continue;
        rows.push(
          { what: `Topics screen first rows on ${name} (target 1 s)`, unit: 'ms', sandbox: f.screen.firstRowsMs, peer: f.kcatMs, peerName: 'kcat -L', higherIsBetter: false },
          { what: `Topics screen every figure on ${name} (target 5 s)`, unit: 'ms', sandbox: f.screen.figuresMs, peer: f.kcatMs, peerName: 'kcat -L', higherIsBetter: false },
          { what: `longest page task on ${name} (target < 100 ms)`, unit: 'ms', sandbox: f.screen.longestTaskMs, peer: null, peerName: 'absolute', higherIsBetter: false },
          { what: `core's process RSS on ${name} (target < 300 MB)`, unit: 'MB', sandbox: f.screen.coreRssMb, peer: null, peerName: 'absolute', higherIsBetter: false },
        );
      }
      if (!avail.ok) log(`Kafka 4.3.1 not run: ${avail.reason}`);
      return rows;
    } finally {
      await browser.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
