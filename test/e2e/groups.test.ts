// e2e: the Consumer groups screen on the sandbox: the list (states, members, lag, the empty toggle,
// filters), a group's drawer (members, partition lags, the lag chart from history), the address;
// light and dark.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { appWithGroups, liveConsumers, sandboxKafka } from './groups-fixture';
import { until } from '../support/until';
import { GroupsPage } from './pages/GroupsPage';
import { screenshot, useBrowser, withApp } from './support/harness';

const browser = useBrowser();
after(() => Promise.all(liveConsumers.map((c) => c.disconnect())));

for (const scheme of ['light', 'dark'] as const) {
  test(`Consumer groups: the list, its filters, a group's members, partitions and chart (${scheme})`, { timeout: 180_000 }, () =>
    withApp(browser(), async ({ page, frame }, app) => {
      await frame.openSandboxCluster();
      await frame.openSection('Consumer groups');
      const groups = new GroupsPage(page);
      await groups.row('audit').waitFor({ timeout: 30_000 });
      await groups.figuresDone();
      assert.equal(await groups.rows(), 1, 'Empty groups wait behind the toggle');
      assert.match(await groups.row('audit').innerText(), /^audit\s+Stable\s+1\s+RoundRobinAssigner\s+payments\s+0\s+0/);
      assert.match(await groups.root.getByTestId('show-empty').locator('xpath=..').innerText(), /Show empty \(2\)/);

      await groups.root.getByTestId('show-empty').check();
      await groups.row('billing').waitFor();
      assert.equal(await groups.rows(), 3);
      assert.match(await groups.row('billing').innerText(), /^billing\s+Empty\s+0\s+—\s+payments\s+650\s+400/);
      await groups.filter('refunds');
      assert.equal(await groups.rows(), 1, 'the filter matches topics too');
      await groups.filter('');
      await groups.root.getByTestId('group-state-filter').selectOption('Empty');
      assert.match(page.url(), /\/groups\?state=Empty$/);
      assert.equal(await groups.rows(), 2);
      await groups.root.getByTestId('group-state-filter').selectOption('');

      // More records: the watch's next tick moves billing's lag and its sparkline, nothing else.
      const producer = sandboxKafka!.producer();
      await producer.connect();
      await producer.send({ topic: 'payments', messages: Array.from({ length: 30 }, (_, i) => ({ partition: 2, value: `late ${i}` })) });
      await producer.disconnect();
      await groups.row('billing').locator('svg.sparkline[data-points="2"]').waitFor({ timeout: 30_000 });
      assert.match(await groups.row('billing').innerText(), /^billing\s+Empty\s+0\s+—\s+payments\s+680\s+430/);
      assert.equal(await groups.row('refunds-reader').locator('svg.sparkline').getAttribute('data-points'), '1');
      await screenshot(page, `groups-${scheme}`);

      // The list's watch records each tick in the lag history: the drawer's chart starts from it.
      await until('a tick of billing in the lag history', async () => {
        const read = await app.core.registry.dispatch('groups:history', { id: 'local-sandbox', groupId: 'billing', from: 0 });
        return read.ok && (read.value as { points: unknown[] }).points.length > 0;
      });
      await groups.open('billing');
      assert.match(page.url(), /\/groups\/billing$/);
      assert.match(await groups.drawer.getByTestId('group-members').innerText(), /No members/);
      assert.equal(await groups.partitions.getAttribute('data-rows'), '3');
      assert.match(await groups.partition('payments', 0).innerText(), /^payments\s+0\s+150\s+400\s+250\s/);
      assert.match(await groups.partition('payments', 2).innerText(), /^payments\s+2\s+0\s+430\s+430\s/);
      assert.match(await groups.drawer.getByTestId('group-lag').innerText(), /680/);
      await groups.drawer.locator('[data-testid="lag-section"]:not([data-history=""]):not([data-history="0"])').waitFor();
      await groups.drawer.locator('[data-testid="lag-chart"]:not([data-points="0"])').waitFor();
      assert.equal(await groups.drawer.locator('[data-testid="lag-chart"] canvas').count(), 1);
      await screenshot(page, `group-drawer-${scheme}`);

      await groups.open('audit');
      const member = groups.drawer.getByTestId('group-members').locator('tbody tr');
      assert.equal(await member.count(), 1);
      assert.match(await member.innerText(), /audit-service\s+\/?[\d.:a-f]+\s+payments \[0, 1, 2\]/);
      assert.match(await groups.partition('payments', 1).innerText(), /^payments\s+1\s+400\s+400\s+0\s/);
      await page.reload();
      await groups.drawer.getByTestId('group-facts').waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await groups.drawer.waitFor({ state: 'detached' });
      assert.match(page.url(), /\/groups$/);
    }, { start: appWithGroups, colorScheme: scheme }));
}
