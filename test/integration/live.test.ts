// Streams and subscriptions through serve's WebSocket, against a real broker: a cancelled stream
// stops its Kafka traffic, a caller that does not acknowledge holds the work back, two tabs never
// see each other's streams, and a dropped socket releases all it held. Traffic is counted by the
// sandbox broker itself (requests it handled), which is why these run on the sandbox; what the
// figures say is checked on every target in topics-on-targets.test.ts.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { WebSocket } from 'ws';
import { createLogger } from '../../electron/core';
import { startHttpServer, type RunningServer } from '../../electron/core/transport/http-server';
import type { ServerMessage } from '../../shared/session';
import { silentKafkaLog, startTestBroker, type TestBroker } from '../support/broker';
import { until } from '../support/until';
import { makeCore, type TestCore } from './support';

const TOPICS = 120;
let app: TestCore;
let server: RunningServer;
let broker: TestBroker;
let clusterId: string;
let rendererDir: string;

before(async () => {
  broker = await startTestBroker();
  const admin = new Kafka({ brokers: [broker.bootstrap], logCreator: silentKafkaLog }).admin();
  await admin.connect();
  await admin.createTopics({ topics: Array.from({ length: TOPICS }, (_, i) => ({ topic: `live-${String(i).padStart(3, '0')}`, numPartitions: 2 })) });
  await admin.disconnect();
  app = makeCore();
  rendererDir = mkdtempSync(join(tmpdir(), 'brook-renderer-'));
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Brook</title>');
  server = await startHttpServer({ core: app.core, rendererDir, port: 0, logger: createLogger('test', 'silent') });
  const saved = await app.call('clusters:save', { name: 'live', bootstrapServers: [broker.bootstrap] });
  clusterId = (saved.value as { id: string }).id;
});
after(async () => {
  await server.close();
  await app.close();
  await broker.stop();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** A tab: a WebSocket to serve, with every stream or subscription message it receives. */
async function tab(): Promise<{ ws: WebSocket; got: ServerMessage[]; send(m: unknown): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
  const got: ServerMessage[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as ServerMessage | { type: 'event' };
    if (m.type !== 'event') got.push(m as ServerMessage);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, got, send: (m) => ws.send(JSON.stringify(m)) };
}

const handled = () => broker.running.broker.requestsHandled;
/** Requests the broker handles over `ms` while nothing of ours should be asking. */
async function trafficOver(ms: number): Promise<number> {
  const before = handled();
  await new Promise((r) => setTimeout(r, ms));
  return handled() - before;
}

test('figures stream to the tab that asked, in batches, acknowledged as handled, to a summary', async () => {
  const a = await tab();
  const b = await tab();
  try {
    a.send({ type: 'stream:start', id: 1, name: 'topics:figures', input: { clusterId, batchSize: 25 } });
    a.ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.type === 'stream:chunk') a.send({ type: 'stream:ack', id: m.id, count: 1 });
    });
    await until('the end of the stream', () => a.got.some((m) => m.type === 'stream:end'), 60_000);
    const chunks = a.got.filter((m) => m.type === 'stream:chunk').map((m) => m.chunk as Array<{ topic: string; partitions: number }>);
    const topics = chunks.flat().filter((f) => f.topic.startsWith('live-'));
    assert.equal(topics.length, TOPICS);
    assert.ok(topics.every((f) => f.partitions === 2));
    assert.ok(chunks.every((c) => c.length <= 25));
    const end = a.got.at(-1) as Extract<ServerMessage, { type: 'stream:end' }>;
    assert.equal(end.result.ok, true, JSON.stringify(end));
    assert.ok(a.got.some((m) => m.type === 'stream:progress'));
    // The same ids in another tab name nothing of the first one's, and it hears nothing of them.
    b.send({ type: 'stream:cancel', id: 1 });
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(b.got, [], "a tab never sees another tab's stream");
  } finally {
    a.ws.close();
    b.ws.close();
  }
});

test('a tab that stops acknowledging holds the stream back, and cancel stops its Kafka traffic', async () => {
  const a = await tab();
  try {
    a.send({ type: 'stream:start', id: 9, name: 'topics:figures', input: { clusterId, batchSize: 5 } });
    await until('the window to fill', () => a.got.filter((m) => m.type === 'stream:chunk').length === 4, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(a.got.filter((m) => m.type === 'stream:chunk').length, 4, 'no more than the window unacknowledged');
    // Held back, it reads at most the batch it had begun: then no request reaches the cluster.
    assert.ok((await trafficOver(700)) <= 12, 'a stream waiting for its tab sends nothing');
    a.send({ type: 'stream:ack', id: 9, count: 4 });
    await until('more chunks after the acks', () => a.got.filter((m) => m.type === 'stream:chunk').length > 4);
    a.send({ type: 'stream:cancel', id: 9 });
    await until('the end', () => a.got.some((m) => m.type === 'stream:end'));
    const end = a.got.find((m) => m.type === 'stream:end') as Extract<ServerMessage, { type: 'stream:end' }>;
    assert.equal(end.result.ok ? '' : end.result.error.code, 'CANCELLED');
    await new Promise((r) => setTimeout(r, 300)); // requests already in flight at the cancel
    assert.ok((await trafficOver(700)) <= 2, 'a cancelled stream sends nothing more');
    assert.equal(app.core.live().streams, 0);
  } finally {
    a.ws.close();
  }
});

test('a dropped socket releases its streams and subscriptions, and their traffic stops', async () => {
  const a = await tab();
  a.send({ type: 'watch:start', id: 1, name: 'topic:watch', input: { clusterId, topic: 'live-000', intervalMs: 250 } });
  a.send({ type: 'stream:start', id: 2, name: 'topics:figures', input: { clusterId, batchSize: 5 } });
  await until('an update and the first chunks', () => a.got.some((m) => m.type === 'watch:update') && a.got.some((m) => m.type === 'stream:chunk'));
  const update = a.got.find((m) => m.type === 'watch:update') as Extract<ServerMessage, { type: 'watch:update' }>;
  assert.deepEqual(update.update, { topic: 'live-000', partitions: 2, records: 0, endOffsets: 0, bytes: 0 });
  assert.deepEqual(app.core.live(), { sessions: 1, streams: 1, watches: 1 });
  a.ws.terminate();
  await until(() => `everything released: ${JSON.stringify(app.core.live())}`, () => app.core.live().sessions === 0);
  assert.deepEqual(app.core.live(), { sessions: 0, streams: 0, watches: 0 });
  await new Promise((r) => setTimeout(r, 300));
  assert.ok((await trafficOver(1_000)) <= 2, 'the watch (every 250 ms) and the stream stopped asking');
});

test('a watch on a topic that does not exist ends, saying so', async () => {
  const a = await tab();
  try {
    a.send({ type: 'watch:start', id: 3, name: 'topic:watch', input: { clusterId, topic: 'no-such-topic', intervalMs: 1_000 } });
    await until('the watch to end', () => a.got.length > 0, 30_000);
    assert.deepEqual(a.got.map((m) => [m.type, m.type === 'watch:end' ? m.error.code : JSON.stringify(m)]), [['watch:end', 'UNKNOWN_TOPIC']]);
    assert.equal(app.core.live().watches, 0);
  } finally {
    a.ws.close();
  }
});
