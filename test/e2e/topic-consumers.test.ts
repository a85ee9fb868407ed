// e2e: a topic's consumer groups in its drawer on the sandbox: a lagging group without members and
// a live one with its member, a group of another topic left out, a group opened to its partitions;
// light and dark.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Kafka, type Consumer } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { until } from '../support/until';
import { TopicsPage } from './pages/TopicsPage';
import { screenshot, startApp, useBrowser, withApp, type TestApp } from './support/harness';

const browser = useBrowser();
const consumers: Consumer[] = [];
after(() => Promise.all(consumers.map((c) => c.disconnect())));

async function appWithGroups(): Promise<TestApp> {
  const app = await startApp();
  const started = await app.core.registry.dispatch('sandbox:start', { demo: false });
  assert.equal(started.ok, true, JSON.stringify(started));
  const kafka = new Kafka({ brokers: [(started as { value: { bootstrap: string } }).value.bootstrap], logCreator: silentKafkaLog, clientId: 'audit-service' });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'payments', numPartitions: 3 }, { topic: 'refunds', numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'payments', messages: Array.from({ length: 1_200 }, (_, i) => ({ partition: i % 3, value: `payment ${i}` })) });
  await producer.send({ topic: 'refunds', messages: [{ value: 'refund' }] });
  await producer.disconnect();
  await admin.setOffsets({ groupId: 'billing', topic: 'payments', partitions: [{ partition: 0, offset: '150' }, { partition: 1, offset: '400' }, { partition: 2, offset: '0' }] });
  await admin.setOffsets({ groupId: 'refunds-reader', topic: 'refunds', partitions: [{ partition: 0, offset: '1' }] });
  const consumer = kafka.consumer({ groupId: 'audit', maxWaitTimeInMs: 200 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic: 'payments', fromBeginning: true });
  await consumer.run({ autoCommitInterval: 100, eachMessage: async () => undefined });
  await until('the audit group to commit every record', async () => {
    const [read] = await admin.fetchOffsets({ groupId: 'audit', topics: ['payments'] });
    return read?.partitions.every((p) => p.offset === '400') ?? false;
  }, 60_000);
  await admin.disconnect();
  return app;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`Topic drawer: the consumer groups of a topic with their lag (${scheme})`, { timeout: 180_000 }, () =>
    withApp(browser(), async ({ page, frame }) => {
      await frame.openSandboxCluster();
      await frame.openSection('Topics');
      const topics = new TopicsPage(page);
      await topics.row('payments').click();
      await topics.drawer.getByTestId('tab-consumers').click();
      assert.match(page.url(), /\/topics\/payments\/consumers$/);
      const table = topics.consumers.getByTestId('consumers-table');
      await table.waitFor({ timeout: 30_000 });
      assert.equal(await table.getAttribute('data-rows'), '2', 'refunds-reader committed on another topic');
      assert.match(await table.locator('[data-row-id="billing"]').innerText(), /^billing\s+Empty\s+650\s+0\s+3$/);
      assert.match(await table.locator('[data-row-id="audit"]').innerText(), /^audit\s+Stable\s+0\s+1\s+3$/);
      assert.match(await topics.consumers.innerText(), /2 with offsets here, lag 650/);

      await table.locator('[data-row-id="billing"]').click();
      const partitions = topics.consumers.getByTestId('consumer-partitions-table');
      await partitions.waitFor();
      assert.match(await partitions.locator('[data-row-id="0"]').innerText(), /^0\s+150\s+400\s+250\s+—/);
      await topics.consumers.scrollIntoViewIfNeeded();
      await screenshot(page, `topic-consumers-${scheme}`);

      await table.locator('[data-row-id="audit"]').click();
      assert.match(await partitions.locator('[data-row-id="2"]').innerText(), /^2\s+400\s+400\s+0\s+audit-service\s+\S+/);
      await screenshot(page, `topic-consumers-live-${scheme}`);
    }, { start: appWithGroups, colorScheme: scheme }));
}
