// e2e: a topic's Messages screen on the sandbox: reached from the topic drawer, newest and oldest,
// a record in the drawer (JSON tree, hex, the kcat command it copies, run by kcat), a search with a
// filter and a filter that does not parse, produce from the dialog, a live tail of what is produced
// while open, and the topic deleted under the tail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { Kafka } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { MessagesPage } from './pages/MessagesPage';
import { TopicsPage } from './pages/TopicsPage';
import { screenshot, useBrowser, withApp, type TestApp } from './support/harness';
import { startSandboxApp } from './support/sandbox';

const browser = useBrowser();
const BASE = Date.UTC(2026, 11, 1);
const TOPIC = 'orders';
let bootstrap = '';

async function appWithOrders(): Promise<TestApp> {
  const sandbox = await startSandboxApp([{ topic: TOPIC, numPartitions: 3 }, { topic: 'copy-of-orders', numPartitions: 3 }, { topic: 'big', numPartitions: 1 }]);
  bootstrap = sandbox.bootstrap;
  const producer = sandbox.kafka.producer();
  await producer.connect();
  // Record i goes to partition i % 3 at BASE + i s: merged by time they read 0..299.
  await producer.send({
    topic: TOPIC,
    messages: Array.from({ length: 300 }, (_, i) => ({ partition: i % 3, timestamp: String(BASE + i * 1000), key: `k${i}`, value: JSON.stringify({ n: i, name: `rec-${i}`, items: [i, i + 1] }), headers: { trace: `t${i}` } })),
  });
  // Bigger than the 64 KiB preview a read carries.
  await producer.send({ topic: 'big', messages: [{ key: 'big', value: JSON.stringify({ blob: 'b'.repeat(200_000) }) }] });
  await producer.disconnect();
  return sandbox.app;
}

const kafkaOf = () => new Kafka({ brokers: [bootstrap], logCreator: silentKafkaLog });

test('Messages: newest, oldest, a record in the drawer, its kcat command, search, produce', { timeout: 240_000 }, () =>
  withApp(browser(), async ({ page, frame }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await frame.openSandboxCluster();
    await frame.openSection('Topics');
    const topics = new TopicsPage(page);
    await topics.row(TOPIC).click();
    await topics.drawer.getByTestId('open-messages').click();
    const messages = new MessagesPage(page);
    await messages.ended();
    assert.match(page.url(), /#\/cluster\/local-sandbox\/topics\/orders\/messages$/);
    assert.equal(await messages.rowCount(), 300, 'the newest 500 are all 300');
    await screenshot(page, 'messages-newest');

    await messages.read({ start: 'newest', startValue: '10' });
    assert.equal(await messages.rowCount(), 10);
    assert.deepEqual((await messages.values()).map((v) => JSON.parse(v).n), Array.from({ length: 10 }, (_, i) => 290 + i), 'in time order');
    await messages.read({ start: 'oldest', stop: 'count', stopCount: '5' });
    assert.deepEqual((await messages.values()).map((v) => JSON.parse(v).n), [0, 1, 2, 3, 4]);
    await messages.read({ start: 'offset', startValue: '95', stop: 'end', partitions: '1' });
    assert.deepEqual((await messages.values()).map((v) => JSON.parse(v).n), [286, 289, 292, 295, 298]);
    await messages.read({ start: 'offset', startValue: '5000', partitions: '0' });
    await messages.status.getByTestId('offset-out-of-range').filter({ hasText: 'partition 0 (read from 100, its end is 100)' }).waitFor();
    assert.equal(await messages.rowCount(), 0);
    await messages.read({ partitions: '7' }, false);
    await messages.root.getByTestId('error-partitions').filter({ hasText: 'partitions 0 to 2' }).waitFor();
    await messages.read({ start: 'oldest', partitions: '', stop: 'end', valueDecoder: 'hex' });
    assert.match((await messages.values())[0]!, /^7b 22 6e 22/);
    // The decoders are the topic's: a reload keeps them; the palette finds the topic's messages.
    await page.reload();
    await messages.ended();
    assert.equal(await messages.root.getByTestId('value-decoder').inputValue(), 'hex');
    await messages.read({ valueDecoder: 'auto' });
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Go to' }).fill('orders');
    await page.getByRole('option', { name: /^copy-of-orders/ }).click();
    await page.locator('h1').filter({ hasText: 'copy-of-orders / Messages' }).waitFor();
    await page.goBack();
    await messages.ended();

    // A record: partition 1, offset 2 is record 7.
    await messages.row(1, 2).click();
    const drawer = messages.drawer;
    await drawer.getByTestId('record-value-json').getByText('"rec-7"').waitFor();
    assert.match(await drawer.innerText(), /Partition\s+1[\s\S]*Offset\s+2[\s\S]*CreateTime/);
    assert.match(await drawer.getByTestId('record-headers').innerText(), /trace\s+t7/);
    await screenshot(page, 'messages-record');
    await drawer.getByTestId('record-value').getByRole('radio', { name: 'HEX' }).click();
    assert.match(await drawer.getByTestId('record-value-text').innerText(), /^7b 22 6e 22 3a 37/);
    await drawer.getByTestId('copy-kcat').click();
    const command = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(command, /kcat -P -b 127\.0\.0\.1:\d+ -t 'orders' -p 1 /);
    // Run it against copy-of-orders: the same key, value and header arrive.
    execFileSync('/bin/sh', ['-c', command.replace("-t 'orders'", "-t 'copy-of-orders'")]);
    const copy = await readOne('copy-of-orders');
    assert.deepEqual([copy.partition, copy.key, copy.value, copy.headers], [1, 'k7', JSON.stringify({ n: 7, name: 'rec-7', items: [7, 8] }), { trace: 't7' }]);
    await drawer.getByTestId('copy-json').click();
    const json = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.deepEqual([json.partition, json.offset, json.key, json.value.n, json.headers], [1, 2, 'k7', 7, [{ key: 'trace', value: 't7' }]]);

    // Produce again: the dialog holds the record; sent, it is the next offset of partition 1.
    await drawer.getByTestId('produce-again').click();
    const form = messages.produceForm;
    assert.equal(await form.getByTestId('produce-key').inputValue(), 'k7');
    await form.getByTestId('produce-value').fill('{"n": {{seq}');
    await form.getByTestId('error-produce-value').filter({ hasText: 'Not JSON' }).waitFor();
    await form.getByTestId('produce-value').fill('{"n": {{seq}}, "again": true}');
    await form.getByTestId('produce-repeat').fill('4');
    await form.getByTestId('produce-submit').click();
    await form.getByTestId('produce-summary').filter({ hasText: 'Produced 4 records' }).waitFor();
    assert.deepEqual((await form.getByTestId('produced-offsets').innerText()).split(/\s+/), ['1:100', '1:101', '1:102', '1:103']);
    await screenshot(page, 'messages-produce');
    await form.getByRole('button', { name: 'Close' }).click();
    await page.keyboard.press('Escape');
    await messages.read({ start: 'newest', startValue: '4' });
    assert.deepEqual((await messages.values()).map((v) => JSON.parse(v)), [1, 2, 3, 4].map((n) => ({ n, again: true })));

    // Search: a JSON path, then a regex that does not parse.
    await messages.root.getByTestId('open-search').click();
    const search = messages.search;
    await search.getByLabel('JSON path').fill('$.n');
    await search.getByLabel('Operator').selectOption('gt');
    await search.getByTestId('condition-0-value').fill('295');
    await messages.read({ start: 'oldest' }, false);
    await search.getByTestId('search-button').click();
    await messages.ended();
    assert.equal(await messages.rowCount(), 4, '296 to 299 (the 4 produced have n 1 to 4)');
    await messages.status.getByTestId('partition-scans').waitFor();
    assert.match(await messages.status.getByTestId('read-summary').innerText(), /4 matched of 304 scanned[\s\S]*partition 1 offsets 0–103/);
    await screenshot(page, 'messages-search');
    await search.getByLabel('JSON path').fill('');
    await search.getByLabel('Operator').selectOption('regex');
    await search.getByTestId('condition-0-value').fill('(');
    await search.getByTestId('search-button').click();
    await search.getByTestId('condition-0-error').filter({ hasText: 'not a regular expression' }).waitFor();
    assert.equal(await messages.root.getByTestId('read-error').count(), 0, 'the error is under the condition, not above the table');
    await screenshot(page, 'messages-search-refused');
  }, { start: appWithOrders }));

test('Messages: a live tail shows what is produced while open, pauses, and says when the topic is deleted', { timeout: 180_000 }, () =>
  withApp(browser(), async ({ page, frame }) => {
    await frame.open(`${new URL(page.url()).origin}/#/cluster/local-sandbox/topics/${TOPIC}/messages`);
    const messages = new MessagesPage(page);
    await messages.ended();
    await messages.read({ start: 'now', stop: 'never' }, false);
    await messages.root.getByTestId('tail-rate').filter({ hasText: 'waiting for records' }).waitFor();
    const producer = kafkaOf().producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: Array.from({ length: 20 }, (_, i) => ({ value: `live-${i}` })) });
    await messages.table.locator('[data-rows="20"]').or(messages.root.locator('[data-testid="messages-table"][data-rows="20"]')).first().waitFor();
    assert.deepEqual((await messages.values()).sort(), Array.from({ length: 20 }, (_, i) => `live-${i}`).sort());
    // A tail's buffer changes every frame: sorting waits until the read ends.
    const offsetHeader = messages.table.getByRole('columnheader', { name: 'Offset' });
    await offsetHeader.getByRole('button').click();
    assert.equal(await offsetHeader.getAttribute('aria-sort'), 'none');
    await messages.root.getByTestId('tail-pause').click();
    await messages.root.getByTestId('tail-rate').filter({ hasText: 'Paused' }).waitFor();
    await producer.send({ topic: TOPIC, messages: [{ value: 'while-paused' }] });
    await screenshot(page, 'messages-tail-paused');
    await messages.root.getByTestId('tail-pause').click();
    await messages.root.locator('[data-testid="messages-table"][data-rows="21"]').waitFor();
    await producer.disconnect();

    const admin = kafkaOf().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [TOPIC] });
    await admin.disconnect();
    await messages.root.getByTestId('read-error').filter({ hasText: 'does not exist' }).waitFor({ timeout: 60_000 });
    assert.equal(await messages.rowCount(), 21, 'what was read stays');
    await offsetHeader.getByRole('button').click();
    assert.equal(await offsetHeader.getAttribute('aria-sort'), 'descending', 'numbers sort largest first');
    await screenshot(page, 'messages-topic-deleted-dark');

    // A value bigger than the preview: the drawer says so, and Show all reads it in full.
    await frame.open(`${new URL(page.url()).origin}/#/cluster/local-sandbox/topics/big/messages`);
    await messages.ended();
    await messages.row(0, 0).click();
    await messages.drawer.getByTestId('preview-note').waitFor();
    await messages.drawer.getByTestId('record-value').getByRole('radio', { name: 'UTF-8' }).click();
    assert.equal((await messages.drawer.getByTestId('record-value-text').innerText()).length, 64 * 1024);
    await messages.drawer.getByTestId('show-all').click();
    await messages.drawer.getByTestId('preview-note').waitFor({ state: 'detached' });
    assert.equal((await messages.drawer.getByTestId('record-value-text').innerText()).length, 200_011);
    await screenshot(page, 'messages-record-dark');
  }, { start: appWithOrders, colorScheme: 'dark' }));

async function readOne(topic: string): Promise<{ partition: number; key: string; value: string; headers: Record<string, string> }> {
  const consumer = kafkaOf().consumer({ groupId: `e2e-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const record = await new Promise<{ partition: number; key: string; value: string; headers: Record<string, string> }>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => resolve({
        partition,
        key: message.key!.toString(),
        value: message.value!.toString(),
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
      }),
    });
  });
  await consumer.disconnect();
  return record;
}
