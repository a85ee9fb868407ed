// e2e: the Topics screen on the sandbox with 2,000 topics: names at once, the table virtualized,
// filter, figures streaming in, internal topics behind a toggle, keyboard through rows, a topic's
// partitions in the drawer; light and dark.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TopicsPage } from './pages/TopicsPage';
import { screenshot, useBrowser, withApp, type TestApp } from './support/harness';
import { startSandboxApp } from './support/sandbox';

const browser = useBrowser();
const TOPICS = 2_000;

async function appWithTopics(): Promise<TestApp> {
  const { app, kafka } = await startSandboxApp();
  const admin = kafka.admin();
  await admin.connect();
  const names = Array.from({ length: TOPICS }, (_, i) => `orders.region-${String(i).padStart(4, '0')}`);
  for (let i = 0; i < names.length; i += 500) {
    await admin.createTopics({ topics: names.slice(i, i + 500).map((topic) => ({ topic, numPartitions: 3 })) });
  }
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders.region-0007', messages: Array.from({ length: 90 }, (_, i) => ({ partition: i % 3 === 2 ? 1 : i % 3, value: `order ${i}` })) });
  await producer.disconnect();
  // A committed offset: the cluster keeps it in __consumer_offsets, an internal topic.
  await admin.connect();
  await admin.setOffsets({ groupId: 'billing', topic: 'orders.region-0007', partitions: [{ partition: 0, offset: '10' }] });
  await admin.disconnect();
  return app;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`Topics: 2,000 topics, filter, figures, drawer (${scheme})`, { timeout: 240_000 }, () =>
    withApp(browser(), async ({ page, frame }) => {
      await frame.openSandboxCluster();
      await frame.openSection('Topics');
      const topics = new TopicsPage(page);
      await topics.row('orders.region-0000').waitFor({ timeout: 30_000 });
      assert.equal(await topics.table.getAttribute('data-rows'), String(TOPICS), 'internal topics are hidden by default');
      assert.ok((await topics.renderedRows.count()) < 80, 'only the rows in view are rendered');
      await topics.figuresDone(120_000);
      assert.match(await topics.row('orders.region-0007').innerText(), /orders\.region-0007\s+3\s+1\s+90\s/);
      await screenshot(page, `topics-${scheme}`);

      await topics.filter('region-19');
      assert.equal(await topics.table.getAttribute('data-rows'), '100');
      await topics.filter('');
      await topics.root.getByTestId('show-internal').check();
      await topics.row('__consumer_offsets').waitFor();
      await topics.root.getByTestId('show-internal').uncheck();

      // The keyboard: into the table, down two rows, Enter opens the drawer on that topic.
      await topics.filter('region-000');
      await topics.table.locator('[role="grid"]').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await topics.drawer.getByText('orders.region-0002').first().waitFor();
      await page.keyboard.press('Escape');
      await topics.drawer.waitFor({ state: 'detached' });

      await topics.row('orders.region-0007').click();
      const partitions = topics.drawer.getByTestId('partitions-table');
      await partitions.waitFor();
      assert.equal(await partitions.getAttribute('data-rows'), '3');
      assert.match(await topics.drawer.innerText(), /3 partitions, 90 records/);
      assert.match(await partitions.locator('[data-row-id="1"]').innerText(), /^1\s+1\s+1\s+1\s+0\s+60\s+60/);
      await screenshot(page, `topic-drawer-${scheme}`);
      assert.match(page.url(), /#\/cluster\/local-sandbox\/topics\/orders\.region-0007$/);
      await page.reload();
      await topics.drawer.getByTestId('partitions-table').waitFor({ timeout: 30_000 });
      await page.goBack();
      await topics.drawer.waitFor({ state: 'detached' });
    }, { start: appWithTopics, colorScheme: scheme }));
}

test('Topics: create a topic (refusals beside their fields), then delete it by typing its name', { timeout: 120_000 }, () =>
  withApp(browser(), async ({ page, frame }) => {
    await frame.openSandboxCluster();
    await frame.openSection('Topics');
    const topics = new TopicsPage(page);
    await topics.row('orders.region-0000').waitFor({ timeout: 30_000 });

    await topics.root.getByTestId('create-topic').click();
    const form = page.getByTestId('create-topic-form');
    await form.getByLabel('Name').fill('orders.region-0001');
    await form.getByTestId('create-topic-submit').click();
    await form.getByTestId('error-name').filter({ hasText: 'TOPIC_ALREADY_EXISTS' }).waitFor();
    await form.getByLabel('Name').fill('payments.eu');
    await form.getByLabel('Replication factor').fill('3');
    await form.getByTestId('create-topic-submit').click();
    await form.getByTestId('error-replicationFactor').filter({ hasText: 'INVALID_REPLICATION_FACTOR' }).waitFor();
    await form.getByLabel('Name').fill('bad name');
    await form.getByTestId('create-topic-submit').click();
    await form.getByTestId('error-name').filter({ hasText: 'Letters, digits' }).waitFor();
    await screenshot(page, 'topic-create-refused');
    await form.getByLabel('Name').fill('payments.eu');
    await form.getByLabel('Replication factor').fill('1');
    await form.getByLabel('Partitions').fill('6');
    await form.getByTestId('create-topic-submit').click();
    await form.waitFor({ state: 'detached' });
    const partitions = topics.drawer.getByTestId('partitions-table');
    await partitions.waitFor();
    assert.equal(await partitions.getAttribute('data-rows'), '6');
    await topics.filter('payments');
    await topics.row('payments.eu').waitFor();

    await topics.drawer.getByTestId('delete-topic').click();
    const confirm = page.getByTestId('delete-topic-form');
    assert.equal(await confirm.getByTestId('delete-topic-submit').isDisabled(), true, 'not until the name is typed');
    await confirm.getByLabel("Type the topic's name to confirm").fill('payments.eu');
    await confirm.getByTestId('delete-topic-submit').click();
    await topics.drawer.waitFor({ state: 'detached' });
    await topics.row('payments.eu').waitFor({ state: 'detached' });
    await topics.filter('');
    assert.equal(await topics.table.getAttribute('data-rows'), String(TOPICS));
  }, { start: appWithTopics }));
