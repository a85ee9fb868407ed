// Issue 12's targets on the sandbox: a search over 1,000,000 JSON records of ~200 B (lz4 batches
// written by kcat) with a substring filter on the value, through Brook's messages:read, beside
// `kcat -C -e | grep -c` on the same topic, and beside the read path Brook did not choose (kafkajs's
// own broker-level Fetch and record decoding); the main process's memory growth over that scan;
// and the newest 500 records of a 10,000,000-record topic of 10 partitions, beside kcat -o -50.
// `--records N` scales the search topic, `--big N` the newest-500 topic (0 skips it).
import { mkdtempSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createCore, createKeyFileSecretBox, createLogger, type Core } from '../../electron/core';
import { registerCodecs } from '../../electron/core/messages/kafkajs-codecs';
import { createTopic, elapsedMs, startSandbox, timed, type Part, type Row, type Target } from './measure';

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const RECORDS = flag('--records', 1_000_000);
const BIG = flag('--big', 10_000_000);
const NEEDLE = 'needle-7';

/** `count` JSON lines of about 200 bytes; one in 10,000 holds NEEDLE. */
async function jsonLines(path: string, count: number, size = 200): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    const head = `{"id":${i},"user":"user-${i % 5000}","event":"${i % 10_000 === 7 ? NEEDLE : 'click'}","payload":"`;
    const line = head + 'x'.repeat(Math.max(0, size - head.length - 3)) + '"}\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function kcatProduceAll(t: Target, topic: string, input: string): Promise<void> {
  const r = await timed('kcat', ['-P', '-b', t.bootstrap, '-t', topic, '-z', 'lz4', '-l', '-X', 'queue.buffering.max.messages=2000000', '-X', 'linger.ms=20', input]);
  if (r.stderr.trim()) console.error(r.stderr.trim());
}

/** Runs messages:read on core as a window would, acknowledging each chunk; peak RSS meanwhile. */
async function readOnCore(core: Core, input: unknown): Promise<{ ms: number; summary: { scanned: number; matched: number }; records: number; rssGrowthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  let records = 0;
  const result = await new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
    const session = core.openSession((m) => {
      if (m.type === 'stream:chunk') {
        records += (m.chunk as unknown[]).length;
        queueMicrotask(() => session.handle({ type: 'stream:ack', id: m.id, count: 1 }));
      }
      if (m.type === 'stream:end') {
        resolve(m.result);
        session.close();
      }
    });
    session.handle({ type: 'stream:start', id: 1, name: 'messages:read', input });
  });
  const ms = elapsedMs(started);
  clearInterval(sampler);
  if (!result.ok) throw new Error(`messages:read failed: ${JSON.stringify(result.error)}`);
  return { ms, summary: result.value as { scanned: number; matched: number }, records, rssGrowthMb: (peak - before) / 1024 / 1024 };
}

interface KafkajsBroker {
  fetch(request: unknown): Promise<{ responses: { partitions: { partition: number; highWatermark: string; messages: { offset: string; value: Buffer | null }[] }[] }[] }>;
}

/** The path not taken: kafkajs's broker-level Fetch and its record decoding, the same substring test. */
async function kafkajsScan(t: Target, topic: string, partitions: number): Promise<{ ms: number; scanned: number; matched: number }> {
  registerCodecs();
  const kafka = new Kafka({ brokers: [t.bootstrap], logLevel: logLevel.NOTHING });
  const make = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster')!;
  const cluster = (kafka as unknown as Record<symbol, (o: object) => { connect(): Promise<void>; disconnect(): Promise<void>; refreshMetadata(): Promise<void>; findBroker(w: { nodeId: string }): Promise<KafkajsBroker> }>)[make]!({});
  await cluster.connect();
  await cluster.refreshMetadata();
  const broker = await cluster.findBroker({ nodeId: '1' });
  const needle = Buffer.from(NEEDLE);
  const offsets = Array.from({ length: partitions }, () => 0);
  const ends = Array.from({ length: partitions }, () => Infinity);
  let scanned = 0;
  let matched = 0;
  const started = process.hrtime.bigint();
  while (offsets.some((o, p) => o < ends[p]!)) {
    const live = offsets.map((o, p) => ({ partition: p, fetchOffset: String(o), maxBytes: 1024 * 1024 })).filter((p) => offsets[p.partition]! < ends[p.partition]!);
    const answer = await broker.fetch({ replicaId: -1, isolationLevel: 0, maxWaitTime: 0, minBytes: 1, maxBytes: 8 * 1024 * 1024, topics: [{ topic, partitions: live }] });
    for (const p of answer.responses[0]?.partitions ?? []) {
      ends[p.partition] = Number(p.highWatermark);
      for (const m of p.messages) {
        const offset = Number(m.offset);
        if (offset < offsets[p.partition]!) continue;
        scanned++;
        if (m.value && m.value.indexOf(needle) >= 0) matched++;
        offsets[p.partition] = offset + 1;
      }
    }
  }
  const ms = elapsedMs(started);
  await cluster.disconnect();
  return { ms, scanned, matched };
}

export const messagesPart: Part = {
  name: 'messages',
  title: `Messages (issue 12): search over ${RECORDS.toLocaleString('en')} JSON records of ~200 B in lz4 batches, newest 500 of ${BIG.toLocaleString('en')}`,
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(join(tmpdir(), 'brook-bench-messages-'));
    const sandbox = await startSandbox(join(dir, 'data'));
    const core = createCore({ userDataDir: join(dir, 'app'), secretBox: createKeyFileSecretBox(join(dir, 'secret.key')), platform: { mode: 'browser', openPath: async () => false }, logger: createLogger('bench', 'silent') });
    const rows: Row[] = [];
    try {
      const saved = await core.registry.dispatch('clusters:save', { name: 'bench', bootstrapServers: [sandbox.bootstrap] });
      const clusterId = (saved as { value: { id: string } }).value.id;
      await createTopic(sandbox, 'search', 4);
      await jsonLines(join(dir, 'search.jsonl'), RECORDS);
      await kcatProduceAll(sandbox, 'search', join(dir, 'search.jsonl'));

      const grep = await timed('sh', ['-c', `kcat -C -b ${sandbox.bootstrap} -t search -o beginning -e -q | grep -c ${NEEDLE}`]);
      const filter = { conditions: [{ field: 'value', op: 'contains', value: NEEDLE }] };
      const brook = await readOnCore(core, { clusterId, topic: 'search', start: { from: 'oldest' }, stop: { at: 'end' }, filter });
      const other = await kafkajsScan(sandbox, 'search', 4);
      const expected = Math.ceil((RECORDS - 7) / 10_000);
      if (brook.summary.matched !== expected || other.matched !== expected) throw new Error(`matches: Brook ${brook.summary.matched}, kafkajs ${other.matched}, expected ${expected}`);
      const perSecond = (n: number, ms: number) => (n * 1000) / ms;
      rows.push(
        { what: 'search: records scanned per second (kcat | grep -c)', unit: 'rec/s', sandbox: perSecond(brook.summary.scanned, brook.ms), peer: perSecond(RECORDS, grep.seconds * 1000), peerName: 'kcat | grep', higherIsBetter: true, target: 1 },
        { what: 'search: Brook codec vs kafkajs broker-level Fetch', unit: 'rec/s', sandbox: perSecond(brook.summary.scanned, brook.ms), peer: perSecond(other.scanned, other.ms), peerName: 'kafkajs decode', higherIsBetter: true },
        { what: 'search: records scanned per second (target 500k)', unit: 'rec/s', sandbox: perSecond(brook.summary.scanned, brook.ms), peer: 500_000, peerName: 'target', higherIsBetter: true, target: 1 },
        { what: 'search: main process memory growth (target < 100 MB)', unit: 'MB', sandbox: brook.rssGrowthMb, peer: 100, peerName: 'target', higherIsBetter: false, target: 1 },
      );

      if (BIG > 0) {
        await createTopic(sandbox, 'big', 10);
        const path = join(dir, 'big.txt');
        const out = createWriteStream(path);
        for (let i = 0; i < BIG; i++) if (!out.write(`record-${i}\n`)) await once(out, 'drain');
        out.end();
        await once(out, 'finish');
        await kcatProduceAll(sandbox, 'big', path);
        const newest = await readOnCore(core, { clusterId, topic: 'big', start: { from: 'newest', count: 500 }, stop: { at: 'end' } });
        if (newest.records !== 500) throw new Error(`newest 500 sent ${newest.records}`);
        const tail = await timed('sh', ['-c', `kcat -C -b ${sandbox.bootstrap} -t big -o -50 -e -q | wc -l`]);
        rows.push(
          { what: 'newest 500 of 10 partitions (kcat -o -50 per partition)', unit: 'ms', sandbox: newest.ms, peer: tail.seconds * 1000, peerName: 'kcat', higherIsBetter: false },
          { what: 'newest 500 (target 300 ms)', unit: 'ms', sandbox: newest.ms, peer: 300, peerName: 'target', higherIsBetter: false, target: 1 },
        );
      }
    } finally {
      await core.dispose();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
