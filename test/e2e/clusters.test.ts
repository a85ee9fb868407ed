// e2e: the clusters screen in a browser against serve mode.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClustersPage } from './pages/ClustersPage';
import { generateSandboxCertificates } from '../../electron/broker/tls-certs';
import { startTestBroker } from '../support/broker';
import { freePort, openApp, screenshot, startApp, useBrowser, withApp } from './support/harness';

const browser = useBrowser();

test('the first run shows an empty state with a next step', () =>
  withApp(browser(), async ({ page }, app) => {
    const clusters = new ClustersPage(page);
    await clusters.empty.waitFor();
    assert.match(await clusters.empty.innerText(), /Start the local sandbox/);
    await screenshot(page, 'clusters-empty-light');
    const dark = await openApp(browser(), app.url, 'dark');
    await new ClustersPage(dark.page).empty.waitFor();
    await screenshot(dark.page, 'clusters-empty-dark');
    assert.deepEqual(dark.problems, []);
  }));

test('add a cluster by hand and see a refused connection explained', () =>
  withApp(browser(), async ({ page, frame }) => {
    const closedPort = await freePort(); // nothing listens there once freePort returns
    const clusters = new ClustersPage(page);
    const form = await clusters.add();
    await form.fill({ name: 'Staging', servers: `127.0.0.1:${closedPort}` });
    await form.save();
    await clusters.row('Staging').waitFor();
    assert.equal(await frame.cluster('Staging').count(), 1, 'the rail lists the new cluster');

    const result = await clusters.test('Staging');
    const error = result.getByTestId('test-error');
    await error.waitFor({ timeout: 15_000 });
    assert.equal(await error.getAttribute('data-code'), 'CONNECTION_REFUSED');
    const text = await error.innerText();
    assert.match(text, /Connection refused by 127\.0\.0\.1:\d+: nothing is listening there/);
    assert.match(text, /Check the port, and that the broker is running/);
    await screenshot(page, 'clusters-refused');
  }));

test('bad input gets a field-level message and never leaves the form', () =>
  withApp(browser(), async ({ page }, app) => {
    const form = await new ClustersPage(page).add();

    await form.save();
    assert.match(await form.fieldError('name').innerText(), /Give the cluster a name/);
    assert.match(await form.fieldError('servers').innerText(), /Add at least one bootstrap server/);

    await form.fill({ name: 'Broken', servers: 'kafka-1:70000' });
    await form.save();
    assert.match(await form.fieldError('servers').innerText(), /Port 70000 is out of range/);

    // Every bad server is named, not only the first.
    await form.fill({ servers: 'kafka-1:9092, kafka-2, kafka-3:0, kafka-4:99999' });
    await form.save();
    assert.deepEqual((await form.fieldError('servers').innerText()).split('\n'), [
      '"kafka-2" is not host:port (for example localhost:9092)',
      'Port 0 is out of range (1-65535) in "kafka-3:0"',
      'Port 99999 is out of range (1-65535) in "kafka-4:99999"',
    ]);
    await screenshot(page, 'cluster-form-bad-servers');

    // An unreadable CA file is checked by core (it reads the disk) and lands beside the field.
    await form.fill({ servers: 'kafka-1:9093', securityProtocol: 'SSL', caFile: '/nonexistent/ca.pem' });
    await form.save();
    await form.fieldError('caFile').waitFor();
    assert.match(await form.fieldError('caFile').innerText(), /does not exist/);
    await screenshot(page, 'cluster-form-errors');

    await form.fill({ securityProtocol: 'SASL_SSL', caFile: '', username: 'alice', password: '' });
    await form.save();
    assert.match(await form.fieldError('password').innerText(), /Enter the SASL password/);

    const saved = await app.core.registry.dispatch('clusters:list', undefined);
    assert.deepEqual(saved, { ok: true, value: [] }, 'nothing was saved');
  }));

test('Esc closes the form after Test connection, as before it', () =>
  withApp(browser(), async ({ page }) => {
    const form = await new ClustersPage(page).add();
    await form.fill({ name: 'Nowhere', servers: `127.0.0.1:${await freePort()}` });
    await form.test();
    await form.root.getByTestId('test-error').waitFor({ timeout: 15_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'form-test', 'the focus stays on the button');
    await screenshot(page, 'cluster-form-tested');
    await page.keyboard.press('Escape');
    await form.root.waitFor({ state: 'detached' });
  }));

test('removing a profile asks first: Esc and Cancel keep it, Remove deletes it', () =>
  withApp(browser(), async ({ page, frame }, app) => {
    const clusters = new ClustersPage(page);
    const form = await clusters.add();
    await form.fill({ name: 'Doomed', servers: '127.0.0.1:9' });
    await form.save();
    await clusters.row('Doomed').waitFor();

    const dialog = await clusters.remove('Doomed');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel', 'Enter must not destroy');
    await screenshot(page, 'clusters-remove-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await (await clusters.remove('Doomed')).getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await clusters.row('Doomed').count(), 1, 'still there after Esc and Cancel');

    await (await clusters.remove('Doomed')).getByRole('button', { name: 'Remove' }).click();
    await clusters.row('Doomed').waitFor({ state: 'detached' });
    assert.equal(await frame.cluster('Doomed').count(), 0, 'gone from the rail too');
    assert.deepEqual(await app.core.registry.dispatch('clusters:list', undefined), { ok: true, value: [] });
  }));

const withCorruptProfiles = () => startApp({ seed: (dir) => writeFileSync(join(dir, 'clusters.json'), '{"version": 1, "clusters": [{"id": ') });

test('a corrupt profiles file is set aside, and the UI says where it went', () =>
  withApp(browser(), async ({ page }) => {
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /saved clusters file could not be read .* moved to .*clusters\.json\.corrupt-/);
    await screenshot(page, 'clusters-corrupt-notice');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  }, { start: withCorruptProfiles }));

test('SASL_SSL against a sandbox started with SCRAM: a good login connects, a wrong password is explained', async (t) => {
  const certDir = mkdtempSync(join(tmpdir(), 'brook-e2e-tls-'));
  t.after(() => rmSync(certDir, { recursive: true, force: true }));
  const certs = generateSandboxCertificates(certDir);
  const broker = await startTestBroker({
    listeners: 'SASL_SSL://127.0.0.1:0',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'brook.sasl.users': 'alice:s3cret-pw',
    'ssl.certificate.location': certs.certPath,
    'ssl.key.location': certs.keyPath,
  });
  t.after(() => broker.stop());
  await withApp(browser(), async ({ page }) => {
    const clusters = new ClustersPage(page);
    const secure = { servers: broker.bootstrap, securityProtocol: 'SASL_SSL', caFile: certs.caPath, mechanism: 'SCRAM-SHA-512', username: 'alice' };

    const good = await clusters.add();
    await good.fill({ name: 'Secure sandbox', ...secure, password: 's3cret-pw' });
    await good.save();
    await clusters.row('Secure sandbox').waitFor();
    const ok = await clusters.test('Secure sandbox');
    await page.locator('[data-testid="test-result"][data-ok="true"]').waitFor({ timeout: 15_000 });
    assert.match(await ok.getByRole('status').innerText(), /Connected to .*1 broker/);
    await screenshot(page, 'clusters-sasl-ssl-ok');

    const bad = await clusters.add();
    await bad.fill({ name: 'Wrong password', ...secure, password: 'not-the-password' });
    await bad.save();
    await clusters.row('Wrong password').waitFor();
    const failed = await clusters.test('Wrong password');
    const error = failed.getByTestId('test-error');
    await error.waitFor({ timeout: 15_000 });
    assert.equal(await error.getAttribute('data-code'), 'SASL_AUTHENTICATION');
    assert.match(await error.innerText(), /rejected the SCRAM-SHA-512 login for "alice"/);
    await screenshot(page, 'clusters-sasl-ssl-wrong-password');
  });
});
