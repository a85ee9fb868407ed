// e2e: Overview and Brokers on the sandbox: the figures (brokers, controller, Kafka release, bytes,
// under min ISR, groups by state) and the lists they open, filtered; the brokers table with its
// leadership share; a broker's drawer with its log directory and configs (sources, a secret
// hidden), in the address; light and dark.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kafka, type Consumer } from 'kafkajs';
import { silentKafkaLog } from '../support/broker';
import { realKafkaAvailable, startRealKafka } from '../support/kafka-target';
import { until } from '../support/until';
import { BrokersPage } from './pages/BrokersPage';
import { OverviewPage } from './pages/OverviewPage';
import { TopicsPage } from './pages/TopicsPage';
import { openApp, screenshot, startApp, useBrowser, withApp, type TestApp } from './support/harness';
import { startSandboxApp } from './support/sandbox';

const browser = useBrowser();

/** The sandbox with orders (read by a live group), payments (min.insync.replicas above its one replica) and an idle group. */
async function appWithCluster(): Promise<TestApp & { consumer: Consumer }> {
  const { app, kafka } = await startSandboxApp();
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: 'orders', numPartitions: 6 },
      { topic: 'payments', numPartitions: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] },
      ...Array.from({ length: 8 }, (_, i) => ({ topic: `events.${i}`, numPartitions: 2 })),
    ],
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 600 }, (_, i) => ({ key: `k${i % 40}`, value: JSON.stringify({ order: i, total: i * 3 }) })) });
  await producer.disconnect();
  await admin.setOffsets({ groupId: 'billing', topic: 'orders', partitions: [{ partition: 0, offset: '10' }] });
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: 'shipping' });
  await consumer.connect();
  await consumer.subscribe({ topic: 'orders', fromBeginning: true });
  let read = 0;
  await consumer.run({ eachMessage: async () => void read++ });
  await until('the group to read the orders', () => read >= 600, 60_000);
  return {
    ...app,
    consumer,
    async close() {
      await consumer.disconnect().catch(() => undefined);
      await app.close();
    },
  };
}

for (const scheme of ['light', 'dark'] as const) {
  test(`Overview and Brokers: figures, the lists they open, a broker's configs and log dirs (${scheme})`, { timeout: 180_000 }, () =>
    withApp(browser(), async ({ page, frame }) => {
      await frame.openSandboxCluster();
      const overview = new OverviewPage(page);
      await overview.loaded();
      assert.equal(await overview.value('brokers'), '1');
      assert.equal(await overview.value('controller'), '1');
      assert.equal(await overview.value('kafka'), '4.0');
      assert.equal(await overview.value('topics'), '11');
      assert.match(await overview.tile('topics').innerText(), /1 internal/);
      assert.equal(await overview.value('partitions'), String(6 + 3 + 16 + 50), 'with __consumer_offsets');
      assert.equal(await overview.value('under-replicated'), '0');
      assert.equal(await overview.value('under-min-isr'), '3');
      assert.match(await overview.tile('under-min-isr').innerText(), /in 1 topic$/);
      assert.equal(await overview.value('offline'), '0');
      assert.equal(await overview.value('groups'), '2');
      assert.equal(await overview.value('group-state-Stable'), '1');
      assert.equal(await overview.value('group-state-Empty'), '1');
      assert.match(await overview.value('bytes'), /^\d+(\.\d)? KiB$/);
      assert.equal(await overview.unanswered.count(), 0);
      await screenshot(page, `overview-${scheme}`);

      // Under min ISR opens Topics with only those topics, and the filter is in the address.
      await overview.tile('under-min-isr').click();
      const topics = new TopicsPage(page);
      await topics.row('payments').waitFor();
      assert.equal(await topics.table.getAttribute('data-rows'), '1');
      assert.match(page.url(), /#\/cluster\/local-sandbox\/topics\?health=under-min-isr$/);
      await page.reload();
      await topics.row('payments').waitFor({ timeout: 30_000 });
      assert.equal(await topics.table.getAttribute('data-rows'), '1');
      await topics.root.getByTestId('health-filter').getByRole('button', { name: 'Show every topic' }).click();
      await topics.row('orders').waitFor();
      assert.equal(await topics.table.getAttribute('data-rows'), '10');
      await page.goBack();
      await page.goBack();
      await overview.loaded();

      // A state opens Consumer groups.
      await overview.tile('group-state-Stable').click();
      await page.getByTestId('cluster-groups').waitFor();
      await page.goBack();

      await overview.tile('brokers').click();
      const brokers = new BrokersPage(page);
      await brokers.row(1).waitFor({ timeout: 30_000 });
      const row = await brokers.row(1).innerText();
      assert.match(row, /controller\s+1/);
      assert.match(row, /127\.0\.0\.1:\d+/);
      assert.match(row, /\b75\b[\s\S]*100\.0%[\s\S]*\b75\b/, `leads and holds 75 partitions: ${row}`);
      assert.match(row, /4\.0/);
      assert.match(row, /answering/);
      await screenshot(page, `brokers-${scheme}`);

      await brokers.row(1).click();
      await brokers.logDirs.waitFor({ timeout: 30_000 });
      assert.match(page.url(), /#\/cluster\/local-sandbox\/brokers\/1$/);
      assert.match(await brokers.logDirs.innerText(), /\/.+\s+\d+(\.\d)? KiB\s+75\s+.* of /);
      await brokers.config('log.retention.hours').waitFor();
      assert.match(await brokers.config('log.retention.hours').innerText(), /log\.retention\.hours\s+168\s+DEFAULT_CONFIG\s+168\s+read-only/);
      await brokers.filterConfigs('ssl.key');
      assert.match(await brokers.config('ssl.key.password').innerText(), /hidden \(sensitive\)/);
      await brokers.filterConfigs('');
      await screenshot(page, `broker-drawer-${scheme}`);
      await brokers.drawer.getByTestId('config-only-set').check();
      assert.match(await brokers.config('listeners').innerText(), /STATIC_BROKER_CONFIG/);
      assert.equal(await brokers.config('log.retention.hours').count(), 0, 'defaults are hidden');
      await page.reload();
      await brokers.logDirs.waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await brokers.drawer.waitFor({ state: 'detached' });
      assert.match(page.url(), /#\/cluster\/local-sandbox\/brokers$/);
    }, { start: appWithCluster, colorScheme: scheme }));
}

const kafkaHere = realKafkaAvailable();
test('Overview and Brokers on Kafka 4.3.1 with 3 brokers: leadership shares, the quorum leader as controller, dynamic defaults (light, dark)',
  { timeout: 300_000, skip: kafkaHere.ok ? false : kafkaHere.reason }, async () => {
    const [kafka, app] = await Promise.all([startRealKafka({ brokers: 3 }), startApp()]);
    try {
      const admin = new Kafka({ brokers: kafka.bootstrap, logCreator: silentKafkaLog }).admin();
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'orders', numPartitions: 12, replicationFactor: 3 }, { topic: 'audit', numPartitions: 3, replicationFactor: 2 }] });
      await admin.disconnect();
      const producer = new Kafka({ brokers: kafka.bootstrap, logCreator: silentKafkaLog }).producer();
      await producer.connect();
      await producer.send({ topic: 'orders', messages: Array.from({ length: 1200 }, (_, i) => ({ key: `k${i}`, value: `order ${i}` })) });
      await producer.disconnect();
      const saved = await app.core.registry.dispatch('clusters:save', { name: 'Kafka, 3 brokers', bootstrapServers: kafka.bootstrap, color: '#8b5cf6' });
      const id = (saved as { value: { id: string } }).value.id;
      for (const scheme of ['light', 'dark'] as const) {
        const { page, problems } = await openApp(browser(), `${app.url}#/cluster/${id}/overview`, scheme);
        const overview = new OverviewPage(page);
        await overview.loaded();
        assert.equal(await overview.value('brokers'), '3');
        assert.equal(await overview.value('kafka'), '4.3+');
        assert.equal(await overview.value('partitions'), String(12 + 3));
        await screenshot(page, `overview-3-brokers-${scheme}`);
        await overview.tile('brokers').click();
        const brokers = new BrokersPage(page);
        await brokers.row(3).waitFor({ timeout: 30_000 });
        assert.equal(await brokers.table.getAttribute('data-rows'), '3');
        assert.equal(await brokers.table.locator('.tag', { hasText: 'controller' }).count(), 1);
        const shares = (await brokers.table.innerText()).match(/\d+\.\d%/g)!.map(parseFloat);
        assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 0.5, `shares ${shares}`);
        await screenshot(page, `brokers-3-brokers-${scheme}`);
        await brokers.row(2).click();
        await brokers.configs.waitFor({ timeout: 30_000 });
        await brokers.filterConfigs('min.insync');
        await brokers.config('min.insync.replicas').waitFor();
        assert.match(await brokers.config('min.insync.replicas').innerText(), /DYNAMIC_DEFAULT_BROKER_CONFIG/);
        await brokers.filterConfigs('log.');
        await screenshot(page, `broker-drawer-3-brokers-${scheme}`);
        assert.deepEqual(problems, []);
        await page.context().close();
      }
    } finally {
      await Promise.all([kafka.stop(), app.close()]);
    }
  });
