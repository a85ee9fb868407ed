// e2e: a topic's consumer groups in its drawer on the sandbox: a lagging group without members and
// a live one with its member, a group of another topic left out, a group opened to its partitions;
// light and dark.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { appWithGroups, liveConsumers } from './groups-fixture';
import { TopicsPage } from './pages/TopicsPage';
import { screenshot, useBrowser, withApp } from './support/harness';

const browser = useBrowser();
after(() => Promise.all(liveConsumers.map((c) => c.disconnect())));

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
