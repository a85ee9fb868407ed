// The sandbox manager against the real broker CLI (a child process): start, register, port moved
// when taken, locked data directory explained, demo traffic with lag, reset, clean stop.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { before, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { connect } from 'node:net';
import type { SandboxStatus } from '../../shared/model';
import { until } from '../support/until';
import { brokerCli, close, createServer, ensureBroker, freePort, makeCore } from './support';

type Status = SandboxStatus;

before(() => ensureBroker());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('start registers "Local sandbox"; stop (and dispose) end the broker process', async () => {
  const app = makeCore({ sandboxBasePort: await freePort() });
  const events: string[] = [];
  app.core.subscribe((event, payload) => event === 'sandbox:status' && events.push((payload as Status).state));
  try {
    const started = (await app.call('sandbox:start', { demo: false })).value as Status;
    assert.equal(started.state, 'running', JSON.stringify(started));
    assert.match(started.bootstrap!, /^127\.0\.0\.1:\d+$/);
    assert.deepEqual(events.slice(0, 2), ['starting', 'running']);
    const clusters = (await app.call('clusters:list')).value as Array<{ id: string; name: string; sandbox: boolean; bootstrapServers: string[] }>;
    assert.deepEqual(clusters.map((c) => [c.name, c.sandbox, c.bootstrapServers[0]]), [['Local sandbox', true, started.bootstrap]]);
    const described = await app.call('clusters:describe', { id: clusters[0]!.id });
    assert.equal(described.ok, true, JSON.stringify(described));

    const stopped = (await app.call('sandbox:stop')).value as Status;
    assert.equal(stopped.state, 'stopped');
    assert.equal(alive(started.pid!), false);

    const again = (await app.call('sandbox:start', {})).value as Status;
    assert.equal(again.state, 'running');
    await app.core.dispose();
    assert.equal(alive(again.pid!), false, 'closing the app stops the broker');
  } finally {
    await app.close();
  }
});

test('a taken port moves to the next free one and says so', async () => {
  const blocker = createServer();
  const base = await freePort();
  await new Promise<void>((r) => blocker.listen(base, '127.0.0.1', () => r()));
  const app = makeCore({ sandboxBasePort: base });
  try {
    const status = (await app.call('sandbox:start', {})).value as Status;
    assert.equal(status.state, 'running', JSON.stringify(status));
    assert.ok(status.port! > base);
    assert.match(status.notice!, new RegExp(`Port ${base} is in use, so the sandbox listens on ${status.port}`));
  } finally {
    await app.close();
    await close(blocker);
  }
});

test('a data directory locked by another broker is reported with what to do', async () => {
  const app = makeCore({ sandboxBasePort: await freePort() });
  const dataDir = ((await app.call('sandbox:status')).value as Status).dataDir;
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dataDir, { recursive: true });
  const other = spawn(process.execPath, [brokerCli, '--port', String(await freePort()), '--host', '127.0.0.1', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      other.stdout.on('data', (d: Buffer) => /listening on/.test(String(d)) && resolve());
      other.once('exit', (code) => reject(new Error(`other broker exited ${code}`)));
    });
    const status = (await app.call('sandbox:start', {})).value as Status;
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'SANDBOX_DATA_LOCKED', JSON.stringify(status));
    assert.match(status.error!.message, new RegExp(`in use by another broker \\(pid ${other.pid}\\)`));
    assert.match(status.error!.hint!, /Stop it .*then press Start again/);
    assert.equal((await app.call('sandbox:reset', { confirm: true })).error?.code, 'SANDBOX_DATA_LOCKED', 'never deletes a folder in use');
    assert.ok(existsSync(dataDir));
  } finally {
    other.kill('SIGTERM');
    await new Promise((r) => other.once('exit', r));
    await app.close();
  }
});

test('a broker left running by an earlier Brook (killed, not closed) is stopped and replaced', async () => {
  const first = makeCore({ sandboxBasePort: await freePort() });
  const second = makeCore({ dir: first.dir, sandboxBasePort: await freePort() });
  try {
    const orphan = (await first.call('sandbox:start', {})).value as Status;
    assert.equal(orphan.state, 'running');
    const status = (await second.call('sandbox:start', {})).value as Status;
    assert.equal(status.state, 'running', JSON.stringify(status));
    assert.match(status.notice!, new RegExp(`Stopped a sandbox broker an earlier Brook left running \\(pid ${orphan.pid}\\)`));
    assert.equal(alive(orphan.pid!), false);
  } finally {
    await second.core.dispose();
    await first.close();
  }
});

test('demo data: topics and a producer that keeps writing', async () => {
  const app = makeCore({ sandboxBasePort: await freePort() });
  try {
    const status = (await app.call('sandbox:start', { demo: true })).value as Status;
    assert.equal(status.state, 'running', JSON.stringify(status));
    assert.equal(status.notice, null, `demo notice: ${status.notice}`);
    const kafka = new Kafka({ brokers: [status.bootstrap!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      for (const topic of ['orders', 'payments', 'user-activity']) assert.ok(topics.includes(topic), `${topic} in ${topics}`);
      const first = await admin.fetchTopicOffsets('orders');
      await new Promise((r) => setTimeout(r, 2_500));
      const later = await admin.fetchTopicOffsets('orders');
      const sum = (offsets: Array<{ high: string }>) => offsets.reduce((n, o) => n + Number(o.high), 0);
      assert.ok(sum(later) > sum(first), `the producer keeps writing (${sum(first)} -> ${sum(later)})`);
      assert.ok(app.core.sandbox.get().demoEvents > 120);

    } finally {
      await admin.disconnect();
    }
  } finally {
    await app.close();
  }
});

test('demo data: events read back with keys, JSON and headers; the slow group lags', async () => {
  const app = makeCore({ sandboxBasePort: await freePort() });
  try {
    const status = (await app.call('sandbox:start', { demo: true })).value as Status;
    const kafka = new Kafka({ brokers: [status.bootstrap!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const consumer = kafka.consumer({ groupId: `probe-${Date.now()}` });
      await consumer.connect();
      await consumer.subscribe({ topic: 'payments', fromBeginning: true });
      const message = await new Promise<{ key: string; value: Record<string, unknown>; headers: Record<string, string> }>((resolve, reject) => {
        setTimeout(() => reject(new Error('no payment read within 15 s')), 15_000).unref();
        void consumer.run({
          eachMessage: async ({ message: m }) =>
            resolve({ key: String(m.key), value: JSON.parse(String(m.value)), headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])) }),
        });
      });
      await consumer.disconnect();
      assert.match(message.key, /^ord_\d+$/);
      assert.equal(message.value.orderId, message.key);
      assert.equal(message.headers['content-type'], 'application/json');

      // The slow group commits, but falls behind. It reads two topics at 700 ms a record, so its first
      // commit may land on either: lag counts both.
      let lag = 0;
      for (let i = 0; i < 30 && lag <= 0; i++) {
        await new Promise((r) => setTimeout(r, 1_000));
        const committed = await admin.fetchOffsets({ groupId: 'billing-service', topics: ['orders', 'payments'] }).catch(() => []);
        if (!committed.some((t) => t.partitions.some((p) => Number(p.offset) >= 0))) continue;
        lag = 0;
        for (const { topic, partitions } of committed) {
          const high = await admin.fetchTopicOffsets(topic);
          for (const p of partitions) lag += Number(high.find((h) => h.partition === p.partition)?.high ?? 0) - Math.max(0, Number(p.offset));
        }
      }
      assert.ok(lag > 0, 'billing-service has lag');
    } finally {
      await admin.disconnect();
    }
  } finally {
    await app.close();
  }
});

test('reset deletes the data and keeps a running sandbox running', async () => {
  const app = makeCore({ sandboxBasePort: await freePort() });
  try {
    const status = (await app.call('sandbox:start', { demo: true })).value as Status;
    assert.ok(readdirSync(status.dataDir).some((f) => f.startsWith('orders-')), 'demo topics on disk');
    assert.equal((await app.call('sandbox:reset', { confirm: false })).error?.code, 'INVALID_INPUT', 'reset must be confirmed');
    await app.call('sandbox:demo', { enabled: false });
    const after = (await app.call('sandbox:reset', { confirm: true })).value as Status;
    assert.equal(after.state, 'running');
    assert.ok(!readdirSync(after.dataDir).some((f) => f.startsWith('orders-')), 'the demo topics are gone');
  } finally {
    await app.close();
  }
});


test('a broker that crashes is restarted on its port, and the sandbox screen is told how it ended', async () => {
  const app = makeCore({ sandboxBasePort: await freePort() });
  const statuses: Status[] = [];
  app.core.subscribe((event, payload) => event === 'sandbox:status' && statuses.push(payload as Status));
  try {
    const started = (await app.call('sandbox:start', {})).value as Status;
    assert.equal(started.state, 'running', JSON.stringify(started));
    // Something for its log: a request too short for a header closes that connection, with the reason.
    const socket = connect(started.port!, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.end(Buffer.from([0, 0, 0, 2, 0, 0]));
    await until('the broker to log the short request', () => app.core.sandbox.get().state === 'running' && socket.closed);
    await new Promise((r) => setTimeout(r, 200));
    // Dies as a native crash would: by a signal, with no goodbye.
    process.kill(started.pid!, 'SIGSEGV');

    await until(() => `a restarting status in ${statuses.map((s) => s.state).join(',')}`, () => statuses.some((s) => s.state === 'restarting'));
    const restarting = statuses.find((s) => s.state === 'restarting')!;
    assert.equal(restarting.lastExit?.signal, 'SIGSEGV');
    assert.equal(restarting.lastExit?.code, null);
    assert.ok(restarting.lastExit!.lastLines.some((l) => /too short for a header/.test(l)), restarting.lastExit!.lastLines.join('\n'));
    assert.ok(Date.parse(restarting.restartAt!) > Date.parse(restarting.lastExit!.at), 'says when it restarts');

    await until(() => `running again, last: ${JSON.stringify(app.core.sandbox.get())}`, () => app.core.sandbox.get().state === 'running');
    const again = app.core.sandbox.get();
    assert.equal(again.port, started.port, 'the same address, so clients reconnect');
    assert.notEqual(again.pid, started.pid);
    assert.equal(again.restarts, 1);
    assert.equal(again.lastExit?.signal, 'SIGSEGV', 'how it ended stays on the screen after the restart');
    const kafka = new Kafka({ brokers: [again.bootstrap!], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    assert.ok(Array.isArray(await admin.listTopics()));
    await admin.disconnect();

    const stopped = (await app.call('sandbox:stop')).value as Status;
    assert.equal(stopped.state, 'stopped');
    assert.equal(stopped.lastExit, null, 'a stop the user asked for is not a crash, and clears the last one');
    assert.equal(stopped.restarts, 0);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(app.core.sandbox.get().state, 'stopped', 'no restart after a requested stop');
  } finally {
    await app.close();
  }
});

test('the demo data choice outlives Brook: the switch is as the user left it after a restart', async () => {
  const first = makeCore();
  assert.equal(((await first.call('sandbox:status')).value as Status).demo, false, 'off on a first run');
  await first.call('sandbox:demo', { enabled: true });
  await first.core.dispose();
  const second = makeCore({ dir: first.dir });
  try {
    assert.equal(((await second.call('sandbox:status')).value as Status).demo, true);
    await second.call('sandbox:reset', { confirm: true });
    assert.equal(((await second.call('sandbox:status')).value as Status).demo, true, 'Reset data deletes data, not the choice');
    await second.call('sandbox:demo', { enabled: false });
    await second.core.dispose();
    const third = makeCore({ dir: first.dir });
    assert.equal(((await third.call('sandbox:status')).value as Status).demo, false);
    await third.core.dispose();
  } finally {
    await second.close();
  }
});

test('Open data folder opens it only for a caller on this machine, and always says where it is', async () => {
  const opened: string[] = [];
  const app = makeCore({ openPath: async (path) => (opened.push(path), true) });
  try {
    const remote = (await app.call('sandbox:openDataFolder', undefined, { local: false })).value as { opened: boolean; path: string };
    assert.deepEqual([remote.opened, opened.length], [false, 0], 'nothing opens on a screen the browser cannot see');
    assert.ok(existsSync(remote.path), 'the folder it names exists');
    assert.equal((await app.call('sandbox:openDataFolder')).value && opened.length, 0, 'a caller nobody placed counts as remote');
    const local = (await app.call('sandbox:openDataFolder', undefined, { local: true })).value as { opened: boolean; path: string };
    assert.deepEqual([local.opened, opened], [true, [remote.path]]);
  } finally {
    await app.close();
  }
});
