import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { LogManager, DEFAULT_LOG_CONFIG } from '../../electron/broker/log';
import { isKafkaError } from '../../electron/broker/protocol/record-batch';
import { buildBatch, produced, simpleRecords } from './batch-builder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-mgr-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (logs: string[] = []) => LogManager.open(dir, { defaults: { ...DEFAULT_LOG_CONFIG }, onLog: (m) => logs.push(m) });

test('topics, ids, offsets and the cluster id survive a reopen; files are in Kafka formats', () => {
  const m = open();
  const clusterId = m.clusterId;
  assert.match(clusterId, /^[A-Za-z0-9_-]{22}$/);
  const t = m.createTopic('orders', 3, { 'retention.ms': '1000' });
  assert.equal(t.topicId.length, 16);
  assert.throws(() => m.createTopic('orders', 1, {}), /already exists/);
  const p1 = m.partition('orders', 1)!;
  p1.append(produced(buildBatch({ records: simpleRecords(5) })), Date.now());
  p1.append(produced(buildBatch({ records: simpleRecords(2) })), Date.now());
  assert.equal(m.topicLogConfig('orders')!.retentionMs, 1000);
  m.close();

  const props = readFileSync(join(dir, 'meta.properties'), 'utf8');
  assert.match(props, /^version=1$/m);
  assert.match(props, new RegExp(`^cluster.id=${clusterId}$`, 'm'));
  assert.match(props, /^node.id=1$/m);
  const pm = readFileSync(join(dir, 'orders-1', 'partition.metadata'), 'utf8');
  assert.equal(pm, `version: 0\ntopic_id: ${t.topicId.toString('base64url')}\n`);
  const cp = readFileSync(join(dir, 'log-start-offset-checkpoint'), 'utf8').split('\n');
  assert.equal(cp[0], '0');
  assert.equal(cp[1], '3');
  assert.ok(cp.includes('orders 1 0'));

  const m2 = open();
  assert.equal(m2.clusterId, clusterId);
  const t2 = m2.getTopic('orders')!;
  assert.deepEqual(t2.topicId, t.topicId);
  assert.equal(t2.partitions, 3);
  assert.deepEqual(t2.configs, { 'retention.ms': '1000' });
  assert.equal(m2.getTopicById(t.topicId)?.name, 'orders');
  assert.equal(m2.partition('orders', 1)!.logEndOffset, 7n);
  assert.equal(m2.partition('orders', 0)!.logEndOffset, 0n);
  assert.equal(m2.partition('orders', 3), undefined);
  const r = m2.partition('orders', 1)!.append(produced(buildBatch({ records: simpleRecords(1) })), Date.now());
  assert.ok(!isKafkaError(r) && r.baseOffset === 7n);
  m2.close();
});

test('a second broker on the same directory gets a clear error; a stale lock is taken over', () => {
  const m = open();
  assert.throws(() => open(), (e: Error) => e.message === `data directory ${dir} is locked by another broker (pid ${process.pid})`);
  m.close();
  // A lock left by a process that is gone.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeFileSync(join(dir, '.lock'), `${dead}\n`);
  const logs: string[] = [];
  const m2 = open(logs);
  assert.ok(logs.some((l) => l.includes('stale lock')));
  m2.close();
  assert.ok(!existsSync(join(dir, '.lock')));
});

test('createPartitions, alterTopicConfigs and deleteTopic', () => {
  const m = open();
  m.createTopic('a', 1, {});
  m.createTopic('b', 2, {});
  m.createPartitions('a', 3);
  assert.equal(m.getTopic('a')!.partitions, 3);
  assert.ok(m.partition('a', 2));
  assert.throws(() => m.createPartitions('a', 2));
  m.alterTopicConfigs('a', { 'segment.bytes': '1000', 'message.timestamp.type': 'LogAppendTime' });
  assert.equal(m.partition('a', 0)!.logConfig.segmentBytes, 1000);
  assert.equal(m.partition('a', 0)!.logConfig.messageTimestampType, 'LogAppendTime');
  m.alterTopicConfigs('a', {});
  assert.equal(m.partition('a', 0)!.logConfig.segmentBytes, DEFAULT_LOG_CONFIG.segmentBytes);
  m.partition('b', 0)!.append(produced(buildBatch({ records: simpleRecords(3) })), Date.now());
  m.deleteTopic('b');
  assert.equal(m.getTopic('b'), undefined);
  assert.deepEqual(
    readdirSync(dir).filter((n) => n.startsWith('b-')),
    [],
  );
  m.close();
  const m2 = open();
  assert.deepEqual(m2.listTopics().map((t) => [t.name, t.partitions]), [['a', 3]]);
  // Recreating a deleted topic starts from offset 0 with a new id.
  const b = m2.createTopic('b', 1, {});
  assert.equal(m2.partition('b', 0)!.logEndOffset, 0n);
  assert.equal(b.partitions, 1);
  m2.close();
});

test('leftover *-delete directories are removed on open', () => {
  open().close();
  const d = join(dir, 'x-0.0123abcd-delete');
  mkdirSync(d);
  writeFileSync(join(d, '00000000000000000000.log'), 'x');
  open().close();
  assert.ok(!existsSync(d));
});
