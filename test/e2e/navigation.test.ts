// e2e: every screen has an address. A reload stays, Back and Forward move between screens, a link
// to a screen opens it, the serve token leaves the address bar and is not needed again, and a
// refused cluster's dot says so in the rail and on its overview, before and after a reload.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClustersPage } from './pages/ClustersPage';
import { freePort, newPage, screenshot, startApp, useBrowser, withApp, type TestApp } from './support/harness';

const browser = useBrowser();

/** A fresh app with one saved cluster on a port nothing listens on. */
async function withRefused(): Promise<TestApp> {
  const app = await startApp();
  const saved = await app.core.registry.dispatch('clusters:save', { name: 'Staging', bootstrapServers: [`127.0.0.1:${await freePort()}`] });
  assert.equal(saved.ok, true);
  return app;
}

test('the token leaves the address bar, and a reload or a bookmark without it still connects', () =>
  withApp(browser(), async ({ page, frame }, app) => {
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('token'), null, page.url());
    assert.equal(url.hash, '#/clusters', 'the address names the screen');
    await page.reload();
    await new ClustersPage(page).empty.waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Lost the connection' }).count(), 0);

    // A bookmark of a screen, in the same browser (the cookie) but with no token at all.
    const bookmark = `http://127.0.0.1:${app.server.port}/#/sandbox`;
    await frame.open(bookmark);
    // The data folder comes from sandbox:status, so seeing it means the socket answered.
    await page.getByTestId('sandbox-view').getByText(app.userDataDir, { exact: false }).waitFor();
    assert.equal(page.url(), bookmark);
  }));

test('a reload lands on the same screen; Back and Forward move between screens', () =>
  withApp(browser(), async ({ page, frame }) => {
    await frame.cluster('Staging').click();
    await page.getByTestId('cluster-overview').waitFor();
    await frame.openSection('Brokers');
    await page.getByTestId('cluster-brokers').waitFor();
    assert.match(page.url(), /#\/cluster\/[^/]+\/brokers$/);
    await page.reload();
    await page.getByTestId('cluster-brokers').waitFor();
    assert.equal(await frame.entries('Brokers').getAttribute('class'), 'rail-item active');
    await screenshot(page, 'navigation-reloaded-brokers');

    await frame.openSandbox();
    await page.goBack();
    await page.getByTestId('cluster-brokers').waitFor();
    await page.goBack();
    await page.getByTestId('cluster-overview').waitFor();
    await page.goBack();
    await page.getByTestId('clusters-view').waitFor();
    await page.goForward();
    await page.getByTestId('cluster-overview').waitFor();
  }, { start: withRefused }));

test('a link opens its screen, a cluster form too; one that names no screen opens Clusters', () =>
  withApp(browser(), async ({ page, frame }, app) => {
    const id = ((await app.core.registry.dispatch('clusters:list', undefined)) as { value: Array<{ id: string }> }).value[0]!.id;
    const base = `http://127.0.0.1:${app.server.port}/`;
    await frame.open(`${base}#/clusters/edit/${id}`);
    const form = page.getByTestId('cluster-form');
    await form.waitFor();
    assert.equal(await form.locator('input[name="name"]').inputValue(), 'Staging');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    assert.equal(new URL(page.url()).hash, '#/clusters');

    await frame.open(`${base}#/cluster/${id}/topics/orders%2Fv2/partitions`);
    await page.getByTestId('cluster-topics').waitFor();

    for (const hash of ['#/nowhere', '#/cluster/%E0%A4%A/overview']) {
      await frame.open(`${base}${hash}`);
      await page.getByTestId('clusters-view').waitFor();
      assert.equal(new URL(page.url()).hash, '#/clusters', hash);
    }
  }, { start: withRefused }));

test("a refused cluster's dot agrees with its overview, and stays after a reload", () =>
  withApp(browser(), async ({ page, frame }) => {
    const dot = frame.cluster('Staging').getByRole('img');
    await page.locator('nav.rail [aria-label="unreachable"]').waitFor({ timeout: 15_000 });
    await frame.cluster('Staging').click();
    await page.locator('[data-code="CONNECTION_REFUSED"]').waitFor({ timeout: 15_000 });
    assert.match(await page.getByTestId('cluster-state').innerText(), /unreachable/);
    assert.equal(await dot.getAttribute('aria-label'), 'unreachable');

    // Test connection says the same, on the clusters screen and in the rail.
    await frame.openClusters();
    const clusters = new ClustersPage(page);
    await (await clusters.test('Staging')).getByTestId('test-error').waitFor({ timeout: 15_000 });
    assert.equal(await clusters.row('Staging').getByRole('img').getAttribute('aria-label'), 'unreachable');
    assert.equal(await dot.getAttribute('aria-label'), 'unreachable');

    await page.reload();
    await page.locator('nav.rail [aria-label="unreachable"]').waitFor({ timeout: 15_000 });
    await screenshot(page, 'navigation-refused-after-reload');
  }, { start: withRefused }));

test('a browser that never opened the printed address is refused; once it has, links need no token', async () => {
  const app = await startApp();
  try {
    const { page } = await newPage(browser());
    const response = await page.goto(`http://127.0.0.1:${app.server.port}/#/sandbox`);
    assert.equal(response?.status(), 401, 'a new browser has no cookie');
    await page.goto(app.url);
    await page.locator('nav.rail').waitFor();
    await page.goto(`http://127.0.0.1:${app.server.port}/#/sandbox`);
    await page.getByTestId('sandbox-state').waitFor();
  } finally {
    await app.close();
  }
});
