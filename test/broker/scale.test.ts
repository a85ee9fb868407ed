// The sandbox at scale, at sizes that keep npm test quick yet cross the limits (the bench's scale
// part runs 10,000 topics): more partitions than the process may open files, every one written and
// read under `ulimit -n 256`; kill -9 in the middle of creating topics leaves each one wholly there
// or absent; a restart finds every partition's offsets.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Kafka, type Admin } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { startSandboxProcess, type SandboxProcess } from '../support/sandbox-process';

const TOPICS = 400;
const PARTITIONS = 3;
/** Partition p of topic i gets 1 to 3 records: every partition written, neighbours' offsets differ. */
const recordsOf = (i: number, p: number) => ((i + p) % 3) + 1;
const names = (n: number, prefix = 'scale') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

async function withAdmin<T>(broker: SandboxProcess, fn: (admin: Admin, kafka: Kafka) => Promise<T>): Promise<T> {
  const kafka = new Kafka({ brokers: [broker.bootstrap], logCreator: silentKafkaLog, retry: { retries: 2 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin, kafka);
  } finally {
    await admin.disconnect();
  }
}

async function stop(broker: SandboxProcess): Promise<void> {
  broker.child.kill('SIGTERM');
  assert.equal(await broker.exited, 0, broker.stderr());
}

/** Latest offset of every partition of `topics`, as "topic/partition=offset" lines. */
async function endOffsets(admin: Admin, topics: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const topic of topics) for (const o of await admin.fetchTopicOffsets(topic)) out.push(`${topic}/${o.partition}=${o.high}`);
  return out.sort();
}

test(`${TOPICS * PARTITIONS} partitions under ulimit -n 256: every one written and read, files open stay under the ceiling, a restart keeps every offset`, { timeout: 240_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-scale-'));
  const topics = names(TOPICS);
  let broker: SandboxProcess | undefined;
  try {
    broker = await startSandboxProcess(dataDir, [], 0, { maxOpenFiles: 256 });
    const written = await withAdmin(broker, async (admin, kafka) => {
      for (let i = 0; i < topics.length; i += 200) {
        await admin.createTopics({ topics: topics.slice(i, i + 200).map((topic) => ({ topic, numPartitions: PARTITIONS })), timeout: 60_000 });
      }
      const producer = kafka.producer();
      await producer.connect();
      await producer.sendBatch({
        topicMessages: topics.map((topic, i) => ({
          topic,
          messages: Array.from({ length: PARTITIONS }, (_, p) => Array.from({ length: recordsOf(i, p) }, (_, r) => ({ partition: p, value: `${topic}-${p}-${r}` }))).flat(),
        })),
      });
      await producer.disconnect();
      return endOffsets(admin, topics);
    });
    const expected = topics.flatMap((topic, i) => Array.from({ length: PARTITIONS }, (_, p) => `${topic}/${p}=${recordsOf(i, p)}`)).sort();
    assert.deepEqual(written, expected);
    const open = readdirSync(`/proc/${broker!.child.pid}/fd`).length;
    assert.ok(open < 256, `${open} descriptors open`);
    assert.doesNotMatch(broker!.stderr(), /EMFILE/);

    // Reading back what was written: every record of every partition.
    await withAdmin(broker!, async (_admin, kafka) => {
      const consumer = kafka.consumer({ groupId: 'scale-reader' });
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      let seen = 0;
      const expected = topics.reduce((n, _t, i) => n + Array.from({ length: PARTITIONS }, (_, p) => recordsOf(i, p)).reduce((a, b) => a + b, 0), 0);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`read ${seen} of ${expected} records`)), 150_000);
        void consumer.run({
          eachBatch: async ({ batch }) => {
            seen += batch.messages.length;
            if (seen >= expected) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
      await consumer.disconnect();
      assert.equal(seen, expected);
    });
    await stop(broker!);

    broker = await startSandboxProcess(dataDir, [], 0, { maxOpenFiles: 256 });
    assert.deepEqual(await withAdmin(broker, (admin) => endOffsets(admin, topics)), written, 'every partition\'s log end offset after the restart');
    await stop(broker);
  } finally {
    broker?.child.kill('SIGKILL'); // after a failure: stop() has run otherwise, and this does nothing
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('kill -9 while topics are being created: each topic is wholly there or absent after the restart', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-scale-kill-'));
  const topics = names(6_000, 'mass');
  const started: SandboxProcess[] = [];
  try {
    const first = await startSandboxProcess(dataDir);
    started.push(first);
    let acknowledged = 0;
    const creating = withAdmin(first, async (admin) => {
      for (let i = 0; i < topics.length; i += 100) {
        await admin.createTopics({ topics: topics.slice(i, i + 100).map((topic) => ({ topic, numPartitions: PARTITIONS })), waitForLeaders: false });
        acknowledged = i + 100;
      }
    }).catch(() => undefined);
    // Kill once creation is well under way (some topics acknowledged, more in flight).
    const deadline = Date.now() + 60_000;
    while (acknowledged < 1_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    await first.exited;
    await creating;

    const second = await startSandboxProcess(dataDir);
    started.push(second);
    const listed = await withAdmin(second, async (admin) => (await admin.fetchTopicMetadata()).topics.filter((t) => t.name.startsWith('mass-')));
    assert.ok(listed.length >= acknowledged && listed.length < topics.length, `${listed.length} topics survived, ${acknowledged} were acknowledged`);
    assert.ok(listed.every((t) => t.partitions.length === PARTITIONS), 'no topic with some of its partitions');
    // Every partition of every listed topic takes a record; nothing of an absent topic is served.
    await withAdmin(second, async (_admin, kafka) => {
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      await producer.sendBatch({ topicMessages: listed.map((t) => ({ topic: t.name, messages: Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, value: 'after' })) })) });
      await producer.disconnect();
    });
    await stop(second);
  } finally {
    for (const b of started) b.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
