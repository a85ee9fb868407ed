// e2e: every screen, light and dark, with the sandbox running demo data; keyboard navigation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClustersPage } from './pages/ClustersPage';
import { SandboxPage } from './pages/SandboxPage';
import { freePort, screenshot, startApp, useBrowser, withApp, type TestApp } from './support/harness';

const browser = useBrowser();

/** A fresh app per test: the sandbox running with demo data, one unreachable and one SASL_SSL cluster. */
async function tourApp(): Promise<TestApp> {
  const app = await startApp();
  const started = await app.core.registry.dispatch('sandbox:start', { demo: true });
  assert.equal(started.ok, true);
  await app.core.registry.dispatch('clusters:save', { name: 'Staging EU', bootstrapServers: [`127.0.0.1:${await freePort()}`], color: '#f59e0b' });
  await app.core.registry.dispatch('clusters:save', {
    name: 'Production',
    bootstrapServers: ['kafka-1.prod.internal:9093', 'kafka-2.prod.internal:9093'],
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-512', username: 'brook-reader', password: 'secret' },
    color: '#ef4444',
  });
  return app;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen in the ${scheme} theme`, () =>
    withApp(browser(), async ({ page, frame }) => {
      const clusters = new ClustersPage(page);
      await clusters.row('Staging EU').waitFor();
      await (await clusters.test('Staging EU')).getByTestId('test-error').waitFor({ timeout: 15_000 });
      await screenshot(page, `tour-${scheme}-clusters`);

      const form = await (async () => {
        await clusters.row('Production').getByRole('button', { name: 'Edit' }).click();
        return page.getByTestId('cluster-form');
      })();
      await form.waitFor();
      await screenshot(page, `tour-${scheme}-cluster-form-sasl-ssl`);
      await form.getByRole('button', { name: 'Cancel' }).click();

      await frame.openSandbox();
      const sandbox = new SandboxPage(page);
      await sandbox.waitForState(['running']);
      await screenshot(page, `tour-${scheme}-sandbox`);

      await sandbox.open();
      await page.getByTestId('overview').waitFor({ timeout: 15_000 });
      await screenshot(page, `tour-${scheme}-overview`);
      await frame.openSection('Brokers');
      await page.getByTestId('brokers-table').waitFor();
      await screenshot(page, `tour-${scheme}-brokers`);
      await frame.openSection('Topics');
      await screenshot(page, `tour-${scheme}-topics`);
      await frame.openSection('Consumer groups');
      await screenshot(page, `tour-${scheme}-groups`);

      await frame.cluster('Staging EU').click();
      await frame.openSection('Overview');
      await page.locator('[data-code="CONNECTION_REFUSED"]').waitFor({ timeout: 15_000 });
      await screenshot(page, `tour-${scheme}-overview-unreachable`);
      await page.getByRole('button', { name: 'Edit the cluster' }).click();
      assert.equal(await page.getByTestId('cluster-form').locator('input[name="name"]').inputValue(), 'Staging EU');
    }, { start: tourApp, colorScheme: scheme }));
}

test('keyboard: arrows move through the rail, Enter opens, Esc closes the form, Ctrl+K goes anywhere', () =>
  withApp(browser(), async ({ page, frame }) => {
    await frame.cluster('Staging EU').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Production');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Staging EU');
    await page.keyboard.press('Enter');
    await page.getByTestId('cluster-overview').waitFor();
    await frame.openClusters();
    await page.getByTestId('add-cluster').click();
    await page.getByTestId('cluster-form').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('cluster-form').waitFor({ state: 'detached' });

    // Ctrl+K, type, Enter.
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Go to' }).waitFor();
    await page.keyboard.type('sandbox brokers');
    await screenshot(page, 'tour-light-palette');
    await page.keyboard.press('Enter');
    await page.getByTestId('brokers-table').waitFor({ timeout: 15_000 });
  }, { start: tourApp }));
