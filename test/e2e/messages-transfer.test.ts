// e2e: records leaving and entering a topic through the Messages screen in a browser: export
// (downloaded from /exports/NAME), import of that file into another topic (uploaded with PUT
// /exports/NAME first: the same records arrive), and 120,000 records: a live tail at about 20,000
// records/s (its long tasks printed, never asserted), the buffer capped at 100,000 with its note.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Kafka, type IHeaders } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { MessagesPage } from './pages/MessagesPage';
import { screenshot, useBrowser, withApp, type TestApp } from './support/harness';
import { startSandboxApp } from './support/sandbox';

const browser = useBrowser();
let bootstrap = '';
const kafka = () => new Kafka({ brokers: [bootstrap], logCreator: silentKafkaLog });

async function appWithTopics(): Promise<TestApp> {
  const sandbox = await startSandboxApp([{ topic: 'payments', numPartitions: 2 }, { topic: 'payments-restored', numPartitions: 2 }, { topic: 'firehose', numPartitions: 4 }]);
  bootstrap = sandbox.bootstrap;
  const producer = sandbox.kafka.producer();
  await producer.connect();
  await producer.send({
    topic: 'payments',
    messages: Array.from({ length: 50 }, (_, i) => ({ partition: i % 2, timestamp: String(Date.UTC(2026, 0, 1) + i), key: i % 5 ? `p${i}` : null, value: i === 9 ? null : i % 7 ? JSON.stringify({ amount: i * 10 }) : Buffer.from([0, 255, i]), headers: { source: `s${i}`, bin: Buffer.from([i, 0]) } })),
  });
  await producer.disconnect();
  return sandbox.app;
}

interface Seen { partition: number; offset: string; timestamp: string; key: string | null; value: string | null; headers: string[] }

async function readAll(topic: string, count: number): Promise<Seen[]> {
  const consumer = kafka().consumer({ groupId: `e2e-read-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: Seen[] = [];
  const hex = (b: Buffer | null | undefined) => (b ? b.toString('hex') : null);
  const headers = (h: IHeaders | undefined) => Object.entries(h ?? {}).map(([k, v]) => `${k}=${hex(v as Buffer)}`).sort();
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push({ partition, offset: message.offset, timestamp: message.timestamp, key: hex(message.key), value: hex(message.value), headers: headers(message.headers) });
        if (seen.length === count) resolve();
      },
    });
  });
  await consumer.disconnect();
  return seen.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

test('Messages: export a read (downloaded), import the file into another topic: the same records', { timeout: 180_000 }, () =>
  withApp(browser(), async ({ page, frame }) => {
    await frame.open(`${new URL(page.url()).origin}/#/cluster/local-sandbox/topics/payments/messages`);
    const messages = new MessagesPage(page);
    await messages.ended();
    assert.equal(await messages.rowCount(), 50);
    await messages.root.getByTestId('open-export').click();
    const dialog = page.getByTestId('export-dialog');
    const download = page.waitForEvent('download');
    await dialog.getByTestId('export-submit').click();
    await dialog.getByTestId('export-done').filter({ hasText: '50 records' }).waitFor();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 50);
    await screenshot(page, 'messages-export');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await frame.open(`${new URL(page.url()).origin}/#/cluster/local-sandbox/topics/payments-restored/messages`);
    await messages.ended();
    assert.equal(await messages.rowCount(), 0);
    await messages.root.getByTestId('open-import').click();
    const importing = page.getByTestId('import-dialog');
    await importing.getByTestId('import-file').setInputFiles(file);
    await importing.getByTestId('import-submit').click();
    await importing.getByTestId('import-done').filter({ hasText: 'Imported 50 records' }).waitFor();
    await screenshot(page, 'messages-import');
    await importing.getByRole('button', { name: 'Close' }).click();
    await messages.read({ start: 'oldest' });
    assert.equal(await messages.rowCount(), 50);
    assert.deepEqual(await readAll('payments-restored', 50), await readAll('payments', 50), 'keys, values, headers, timestamps, partitions and offsets alike');

    // CSV, for a spreadsheet: a header line and one line a record.
    await messages.root.getByTestId('open-export').click();
    await dialog.getByLabel('CSV: for a spreadsheet').check();
    const csvDownload = page.waitForEvent('download');
    await dialog.getByTestId('export-submit').click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8').trim().split('\n');
    assert.equal(csv.length, 51);
    assert.match(csv[0]!, /partition/);
  }, { start: appWithTopics }));

test('Messages: a tail at about 20,000 records/s keeps the newest 100,000; a read stops at 100,000 and says so', { timeout: 300_000 }, () =>
  withApp(browser(), async ({ page, frame }) => {
    await frame.open(`${new URL(page.url()).origin}/#/cluster/local-sandbox/topics/firehose/messages`);
    const messages = new MessagesPage(page);
    await messages.ended();
    await messages.read({ start: 'now', stop: 'never' }, false);
    await messages.root.getByTestId('tail-rate').filter({ hasText: 'waiting for records' }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    const producer = kafka().producer();
    await producer.connect();
    const TOTAL = 120_000;
    const BATCH = 2_000;
    const started = Date.now();
    // 2,000 records every 100 ms: about 20,000 a second, whatever the page does.
    for (let sent = 0; sent < TOTAL; sent += BATCH) {
      const due = started + (sent / BATCH) * 100;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      await producer.send({ topic: 'firehose', messages: Array.from({ length: BATCH }, (_, i) => ({ key: `k${sent + i}`, value: JSON.stringify({ seq: sent + i, at: Date.now(), pad: 'x'.repeat(40) }) })) });
    }
    const produceSeconds = (Date.now() - started) / 1000;
    await messages.root.getByTestId('capped-note').filter({ hasText: 'newest 100,000' }).waitFor({ timeout: 120_000 });
    const long = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const total = long.reduce((a, b) => a + b, 0);
    console.log(`long tasks while tailing ${TOTAL} records at ${Math.round(TOTAL / produceSeconds)} records/s: ${long.length}, ${Math.round(total)} ms in all, the longest ${Math.round(Math.max(0, ...long))} ms`);
    assert.equal(await messages.rowCount(), 100_000);
    assert.ok((await messages.renderedRows.count()) < 80, 'only the rows in view are rendered');
    await screenshot(page, 'messages-tail-capped');
    await messages.root.getByTestId('read-stop-button').click();

    await messages.read({ start: 'oldest', stop: 'end' }, false);
    await messages.root.getByTestId('capped-note').filter({ hasText: 'first 100,000' }).waitFor({ timeout: 120_000 });
    await messages.ended();
    assert.equal(await messages.rowCount(), 100_000);
    await screenshot(page, 'messages-read-capped');
    await producer.disconnect();
  }, { start: appWithTopics }));
