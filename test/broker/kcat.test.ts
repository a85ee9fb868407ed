// kcat (librdkafka 2.0) against the sandbox: metadata, keyed messages with headers to chosen
// partitions under each compression codec, and every way of choosing where to start consuming.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestBroker, type TestBroker } from '../support/broker';
import { runOk } from '../support/run';

let broker: TestBroker;
before(async () => {
  broker = await startTestBroker({ 'num.partitions': '3' });
});
after(() => broker.stop());

const kcat = (args: string[], input?: string) => runOk('kcat', ['-b', broker.bootstrap, ...args], { input });
const FORMAT = '%p|%o|%k|%s|%h\\n';

test('kcat -L lists the broker and auto-created topics', async () => {
  await kcat(['-P', '-t', 'listed', '-p', '0'], 'hello\n');
  const out = await kcat(['-L', '-t', 'listed']);
  assert.match(out, /1 brokers:\s+broker 1 at 127\.0\.0\.1:\d+/);
  assert.match(out, /topic "listed" with 3 partitions:/);
  assert.match(out, /partition 2, leader 1, replicas: 1, isrs: 1/);
});

for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
  test(`kcat produces keyed messages with headers (${codec}) and reads them back byte for byte`, async () => {
    const topic = `codec-${codec}`;
    const lines = Array.from({ length: 200 }, (_, i) => `key-${i}:value ${i} ${'x'.repeat(i % 50)} é✓`);
    await kcat(['-P', '-t', topic, '-p', '1', '-z', codec, '-K:', '-H', 'source=test', '-H', `codec=${codec}`], lines.join('\n') + '\n');
    await kcat(['-P', '-t', topic, '-p', '2', '-z', codec, '-K:'], 'other:partition\n');
    const out = await kcat(['-C', '-t', topic, '-p', '1', '-o', 'beginning', '-e', '-f', FORMAT]);
    const got = out.trimEnd().split('\n');
    assert.equal(got.length, 200);
    got.forEach((line, i) => {
      const [key, value] = lines[i].split(/:(.*)/s);
      assert.equal(line, `1|${i}|${key}|${value}|source=test,codec=${codec}`);
    });
    const two = await kcat(['-C', '-t', topic, '-p', '2', '-o', 'beginning', '-e', '-f', FORMAT]);
    assert.equal(two, '2|0|other|partition|\n');
  });
}

test('kcat consumes from an offset, from the end (-o -N) and from a timestamp (-o s@)', async () => {
  const topic = 'positions';
  await kcat(['-P', '-t', topic, '-p', '0'], Array.from({ length: 10 }, (_, i) => `early-${i}`).join('\n') + '\n');
  await new Promise((r) => setTimeout(r, 50));
  const cut = Date.now();
  await new Promise((r) => setTimeout(r, 50));
  await kcat(['-P', '-t', topic, '-p', '0'], Array.from({ length: 5 }, (_, i) => `late-${i}`).join('\n') + '\n');
  const fmt = ['-f', '%o:%s\\n'];
  assert.equal(await kcat(['-C', '-t', topic, '-p', '0', '-o', '12', '-e', ...fmt]), '12:late-2\n13:late-3\n14:late-4\n');
  assert.equal(await kcat(['-C', '-t', topic, '-p', '0', '-o', '-2', '-e', ...fmt]), '13:late-3\n14:late-4\n');
  const fromTime = await kcat(['-C', '-t', topic, '-p', '0', '-o', `s@${cut}`, '-e', ...fmt]);
  assert.equal(fromTime, '10:late-0\n11:late-1\n12:late-2\n13:late-3\n14:late-4\n');
});
