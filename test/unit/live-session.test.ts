// The stream and subscription primitive on its own: the window of unacknowledged chunks (a caller
// that does not keep up holds the handler back), cancel, a closed caller ending everything,
// latest-wins updates, and refused input. Handlers here are plain functions; the Kafka side is
// tested in test/integration/live.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Session } from '../../electron/core/live/session';
import type { LiveHandlers } from '../../electron/core/live/handlers';
import { createLogger } from '../../electron/core/logger';
import { STREAM_WINDOW, type ServerMessage } from '../../shared/session';
import type { GroupLag, GroupLagUpdate } from '../../shared/model';
import { mergeLagUpdates } from '../../electron/core/groups/lag-watch';
import { until } from '../support/until';

const logger = createLogger('test', 'silent');
const figures = (topic: string) => ({ topic, partitions: 1, records: 0, endOffsets: 0 });

function session(handlers: Partial<{ stream: LiveHandlers['streams']['topics:figures']; watch: LiveHandlers['subscriptions']['topic:watch']; lag: LiveHandlers['subscriptions']['groups:watch'] }>) {
  const sent: ServerMessage[] = [];
  const live = {
    streams: { 'topics:figures': handlers.stream ?? (async () => ({ topics: 0, ms: 0 })) },
    subscriptions: { 'topic:watch': handlers.watch ?? (() => undefined), 'groups:watch': handlers.lag ?? (() => undefined) },
  } as LiveHandlers;
  return { sent, s: new Session(live, (m) => sent.push(m), logger) };
}

const input = { clusterId: 'c' };

test('a stream runs no further ahead of its caller than the window, and ends with its summary', async () => {
  let produced = 0;
  const { sent, s } = session({
    stream: async (_in, ctx) => {
      for (let i = 0; i < 10; i++) {
        await ctx.chunk([figures(`t${i}`)]);
        produced++;
      }
      return { topics: 10, ms: 1 };
    },
  });
  s.handle({ type: 'stream:start', id: 1, name: 'topics:figures', input });
  await new Promise((r) => setTimeout(r, 50));
  const chunks = () => sent.filter((m) => m.type === 'stream:chunk').length;
  assert.equal(chunks(), STREAM_WINDOW, 'no more chunks than the window without acks');
  assert.equal(produced, STREAM_WINDOW, 'the handler waits for room before the next');
  for (let acked = 0; acked < 10; acked++) {
    await until('a chunk to ack', () => chunks() > acked);
    s.handle({ type: 'stream:ack', id: 1, count: 1 });
  }
  await until('the end', () => sent.some((m) => m.type === 'stream:end'));
  assert.deepEqual(sent.at(-1), { type: 'stream:end', id: 1, result: { ok: true, value: { topics: 10, ms: 1 } } });
  assert.deepEqual(s.active, { streams: 0, watches: 0 });
});

test('cancel aborts the handler and ends the stream as CANCELLED; close ends everything', async () => {
  const aborted: string[] = [];
  const { sent, s } = session({
    stream: async (_in, ctx) => {
      await ctx.chunk([]);
      await new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => (aborted.push('stream'), reject(new Error('stopped')))));
      return { topics: 0, ms: 0 };
    },
    watch: (_in, ctx) => void ctx.signal.addEventListener('abort', () => aborted.push('watch')),
  });
  s.handle({ type: 'stream:start', id: 1, name: 'topics:figures', input });
  await until('the first chunk', () => sent.length === 1);
  s.handle({ type: 'stream:cancel', id: 1 });
  assert.equal(aborted[0], 'stream');
  assert.deepEqual(sent.at(-1), { type: 'stream:end', id: 1, result: { ok: false, error: { code: 'CANCELLED', message: 'Cancelled' } } });

  s.handle({ type: 'stream:start', id: 2, name: 'topics:figures', input });
  s.handle({ type: 'stream:start', id: 5, name: 'topics:figures', input });
  s.handle({ type: 'stream:cancel', id: 5 });
  s.handle({ type: 'watch:start', id: 3, name: 'topic:watch', input: { clusterId: 'c', topic: 't' } });
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(s.active, { streams: 1, watches: 1 });
  s.close();
  await until('both aborted', () => aborted.length === 3);
  assert.equal(sent.filter((m) => m.id === 5 && m.type === 'stream:chunk').length, 0, 'a stream cancelled before it began never runs');
  assert.deepEqual(s.active, { streams: 0, watches: 0 });
  assert.equal(s.handle({ type: 'stream:start', id: 4, name: 'topics:figures', input }), false, 'a closed session takes nothing');
});

test('a watcher that has not caught up gets the latest update, not every one', async () => {
  let push: (n: number) => void = () => {};
  const { sent, s } = session({ watch: (_in, ctx) => void (push = (n) => ctx.update(figures(`v${n}`))) });
  s.handle({ type: 'watch:start', id: 7, name: 'topic:watch', input: { clusterId: 'c', topic: 't' } });
  await new Promise((r) => setTimeout(r, 10));
  for (let n = 1; n <= 5; n++) push(n);
  assert.deepEqual(sent.map((m) => m.type === 'watch:update' && (m.update as { topic: string }).topic), ['v1']);
  s.handle({ type: 'watch:ack', id: 7 });
  assert.deepEqual(sent.map((m) => m.type === 'watch:update' && (m.update as { topic: string }).topic), ['v1', 'v5']);
  s.handle({ type: 'watch:end', id: 7 });
  push(6);
  assert.equal(sent.length, 2, 'nothing after the caller ended it');
});

test('a watcher of changes that has not caught up gets them combined: the newest word on each, nothing lost', async () => {
  const lag = (groupId: string, n: number): GroupLag => ({ groupId, state: 'Empty', members: 0, lag: n, maxLag: n, partitions: [], commitsMovedAt: 0, stalled: false });
  let push: (u: GroupLagUpdate) => void = () => {};
  const { sent, s } = session({ lag: (_in, ctx) => void (push = (u) => ctx.update(u, mergeLagUpdates)) });
  s.handle({ type: 'watch:start', id: 8, name: 'groups:watch', input: { clusterId: 'c', groups: ['a', 'b', 'c'] } });
  await new Promise((r) => setTimeout(r, 10));
  push({ at: 1, changed: [lag('a', 1), lag('b', 1), lag('c', 1)], gone: [] });
  push({ at: 2, changed: [lag('a', 2)], gone: [] });
  push({ at: 3, changed: [lag('b', 3), lag('c', 3)], gone: [] });
  push({ at: 4, changed: [lag('a', 4)], gone: ['c'] });
  s.handle({ type: 'watch:ack', id: 8 });
  const updates = sent.flatMap((m) => (m.type === 'watch:update' ? [m.update as GroupLagUpdate] : []));
  assert.equal(updates.length, 2);
  assert.deepEqual(updates[1], { at: 4, changed: [lag('a', 4), lag('b', 3)], gone: ['c'] });
});

test('bad input is refused with the reason, and malformed messages change nothing', async () => {
  const { sent, s } = session({});
  s.handle({ type: 'stream:start', id: 1, name: 'topics:figures', input: { clusterId: '' } });
  s.handle({ type: 'stream:start', id: 2, name: 'no:such', input: {} });
  s.handle({ type: 'watch:start', id: 3, name: 'topic:watch', input: { clusterId: 'c', topic: 't', intervalMs: 1 } });
  assert.deepEqual(sent.map((m) => [m.type, m.id, m.type === 'stream:end' && !m.result.ok ? m.result.error.code : m.type === 'watch:end' ? m.error.code : '']), [
    ['stream:end', 1, 'INVALID_INPUT'],
    ['stream:end', 2, 'UNKNOWN_CHANNEL'],
    ['watch:end', 3, 'INVALID_INPUT'],
  ]);
  for (const bad of [null, 'x', { type: 'stream:ack', id: 1, count: 99 }, { type: 'stream:start', id: -1, name: 'topics:figures' }, { type: 'nope', id: 1 }]) {
    assert.equal(s.handle(bad), false, JSON.stringify(bad));
  }
  assert.deepEqual(s.active, { streams: 0, watches: 0 });
});

test('one caller can run only so many streams at once', async () => {
  const { sent, s } = session({ stream: (_in, ctx) => new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped')))) });
  for (let id = 1; id <= 17; id++) s.handle({ type: 'stream:start', id, name: 'topics:figures', input });
  assert.equal(s.active.streams, 16);
  const refused = sent.find((m) => m.type === 'stream:end') as Extract<ServerMessage, { type: 'stream:end' }>;
  assert.equal(refused.id, 17);
  assert.match(refused.result.ok ? '' : refused.result.error.message, /Too many streams at once/);
  s.close();
});
