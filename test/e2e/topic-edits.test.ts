// e2e: changing a topic from its drawer on the sandbox: add partitions (Kafka's refusal beside the
// count first), delete records with a preview and a confirmation (the new log start offsets in the
// table after), a compacted topic's POLICY_VIOLATION, and a config set, refused, and reset in the
// Configs tab, whose address survives a reload; light and dark.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kafka } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { until } from '../support/until';
import { TopicDrawerPage } from './pages/TopicDrawerPage';
import { TopicsPage } from './pages/TopicsPage';
import { screenshot, useBrowser, withApp, type TestApp } from './support/harness';
import { startSandboxApp } from './support/sandbox';

const browser = useBrowser();
let bootstrap = '';

async function appWithTopics(): Promise<TestApp> {
  const sandbox = await startSandboxApp();
  const { app, kafka } = sandbox;
  bootstrap = sandbox.bootstrap;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }, { topic: 'ledger', numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, key: `customer-${i}`, value: `order ${i}` })) });
  await producer.send({ topic: 'ledger', messages: [{ key: 'acct-1', value: '10' }, { key: 'acct-2', value: '20' }] });
  await producer.disconnect();
  return app;
}

/** Log start offsets as the cluster itself tells them, not the page. */
async function logStarts(topic: string): Promise<number[]> {
  const admin = new Kafka({ brokers: [bootstrap], logCreator: silentKafkaLog }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((p) => Number(p.low));
  } finally {
    await admin.disconnect();
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`Topic edits: add partitions, delete records with a preview, configs set and reset (${scheme})`, { timeout: 180_000 }, () =>
    withApp(browser(), async ({ page, frame }) => {
      await frame.openSandboxCluster();
      await frame.openSection('Topics');
      const topics = new TopicsPage(page);
      const drawer = new TopicDrawerPage(page);
      await topics.row('orders').click();
      await drawer.partitions.waitFor();

      // Add partitions: not above today's, the cluster says so under the field; then 5.
      await drawer.addPartitions(3);
      const refusal = drawer.addPartitionsForm.getByTestId('error-count');
      await refusal.filter({ hasText: 'INVALID_PARTITIONS' }).waitFor();
      assert.equal(await refusal.innerText(), 'Topic already has 3 partition(s). (INVALID_PARTITIONS)');
      assert.match(await drawer.addPartitionsForm.getByTestId('keyed-warning').innerText(), /Keyed records will map to other partitions/);
      await screenshot(page, `topic-add-partitions-${scheme}`);
      await drawer.addPartitions(5);
      await drawer.addPartitionsForm.waitFor({ state: 'detached' });
      await drawer.partitions.and(page.locator('[data-rows="5"]')).waitFor();

      // Delete records: an offset past the high watermark is refused beside it; the preview says what goes.
      await drawer.previewPurge({ 0: 4, 1: 99 });
      await drawer.purgeForm.getByTestId('error-offset-1').filter({ hasText: 'Past the high watermark, 10 (OFFSET_OUT_OF_RANGE)' }).waitFor();
      await screenshot(page, `topic-purge-offsets-${scheme}`);
      await drawer.previewPurge({ 1: 10 });
      const preview = drawer.purgeForm.getByTestId('purge-preview');
      await preview.waitFor();
      assert.equal(await preview.getByTestId('purge-total').innerText(), '14');
      assert.match(await preview.locator('tr[data-partition="0"]').innerText(), /^0\s+0\s+4\s+4$/);
      assert.match(await preview.locator('tr[data-partition="1"]').innerText(), /^1\s+0\s+10\s+10$/);
      assert.deepEqual(await logStarts('orders'), [0, 0, 0, 0, 0], 'the preview deletes nothing');
      await screenshot(page, `topic-purge-preview-${scheme}`);
      await drawer.purgeForm.getByTestId('purge-confirm').click();
      await drawer.purgeForm.waitFor({ state: 'detached' });
      assert.match(await drawer.root.getByTestId('purge-done').innerText(), /Deleted 14 records: log start offset 0 → 4 on partition 0, 0 → 10 on partition 1/);
      await until('the table to show the new log start offsets', async () => /^1\s+1\s+1\s+1\s+10\s+10\s+0\s/.test(await drawer.partition(1).innerText()));
      assert.match(await drawer.partition(0).innerText(), /^0\s+1\s+1\s+1\s+4\s+10\s+6/);
      assert.deepEqual(await logStarts('orders'), [4, 10, 0, 0, 0]);
      await screenshot(page, `topic-purged-${scheme}`);

      // Configs: the tab is in the address; a refused value, then an override, then a reset.
      await drawer.openTab('configs');
      await drawer.config('retention.ms').waitFor();
      assert.match(page.url(), /#\/cluster\/local-sandbox\/topics\/orders\/configs$/);
      assert.match(await drawer.config('retention.ms').innerText(), /retention\.ms\s+604800000\s+DEFAULT_CONFIG/);
      await drawer.setConfig('retention.ms', 'soon');
      await drawer.editor.getByTestId('error-config-value').filter({ hasText: 'Invalid value soon for configuration retention.ms: Not a number of type LONG (INVALID_CONFIG)' }).waitFor();
      await screenshot(page, `topic-config-refused-${scheme}`);
      await drawer.setConfig('retention.ms', '3600000');
      await drawer.editor.waitFor({ state: 'detached' });
      assert.equal(await drawer.root.getByTestId('config-changed').innerText(), 'retention.ms is now 3600000 (DYNAMIC_TOPIC_CONFIG)');
      await drawer.root.getByTestId('config-filter').fill('');
      await drawer.root.getByTestId('only-overrides').check();
      assert.equal(await drawer.configs.getAttribute('data-rows'), '1');
      assert.match(await drawer.config('retention.ms').innerText(), /retention\.ms\s+3600000\s+DYNAMIC_TOPIC_CONFIG\s+Kafka's default/);
      await drawer.root.getByTestId('only-overrides').uncheck();
      await screenshot(page, `topic-configs-${scheme}`);
      await page.reload();
      await drawer.config('retention.ms').filter({ hasText: 'DYNAMIC_TOPIC_CONFIG' }).waitFor({ timeout: 30_000 });
      await drawer.resetConfig('retention.ms');
      await drawer.root.getByTestId('config-changed').filter({ hasText: 'retention.ms is now 604800000 (DEFAULT_CONFIG)' }).waitFor();
      await drawer.openTab('partitions');
      assert.match(page.url(), /#\/cluster\/local-sandbox\/topics\/orders$/);

      // A compacted topic: Kafka deletes none of its records, and the preview says so in its words.
      await topics.row('ledger').click();
      await drawer.root.getByText('1 partitions, 2 records').waitFor();
      await drawer.previewPurgeAll();
      await drawer.purgeForm.getByTestId('purge-error').filter({ hasText: 'Records of partition ledger-0 can not be deleted due to the configured policy (POLICY_VIOLATION)' }).waitFor();
      await screenshot(page, `topic-purge-compacted-${scheme}`);
    }, { start: appWithTopics, colorScheme: scheme }));
}
