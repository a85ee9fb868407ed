// kill -9 during sustained acks=-1 produce: after a restart on the same data directory every
// acknowledged record is there, in order, and the broker went on from where the log ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { startSandboxProcess } from '../support/sandbox-process';
import { silentKafkaLog } from '../support/broker';
import { runOk } from '../support/run';

test('kill -9 under acks=-1 load loses no acknowledged record', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-crash-'));
  try {
    const first = await startSandboxProcess(dataDir);
    const kafka = new Kafka({ brokers: [first.bootstrap], logCreator: silentKafkaLog, retry: { retries: 0 } });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    const acked: string[] = [];
    let killed = false;
    const load = (async () => {
      for (let batch = 0; !killed; batch++) {
        const values = Array.from({ length: 50 }, (_, i) => `b${batch}-r${i}-${'x'.repeat(200)}`);
        try {
          await producer.send({ topic: 'durable', acks: -1, messages: values.map((value) => ({ value })) });
          acked.push(...values);
        } catch {
          return; // the broker is gone
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    killed = true;
    await first.exited;
    await load;
    await producer.disconnect().catch(() => {});
    assert.ok(acked.length > 500, `only ${acked.length} records were acknowledged before the kill`);

    const second = await startSandboxProcess(dataDir);
    try {
      const out = await runOk('kcat', ['-b', second.bootstrap, '-C', '-t', 'durable', '-p', '0', '-o', 'beginning', '-e', '-f', '%s\\n'], {
        timeoutMs: 60_000,
      });
      const stored = out.trimEnd().split('\n');
      assert.ok(stored.length >= acked.length, `${stored.length} stored < ${acked.length} acknowledged`);
      assert.deepEqual(stored.slice(0, acked.length), acked);
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, 'a clean stop on SIGTERM');
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
