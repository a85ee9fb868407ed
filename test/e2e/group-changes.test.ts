// e2e: changing consumer groups from their drawer on the sandbox: every reset mode previewed and
// one applied (the drawer shows the new offsets), a reset refused for a live group naming its
// member, a refused delete, deleting a topic's offsets and a group, a group deleted while open,
// a group Kafka does not know.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { appWithGroups, liveConsumers, sandboxKafka } from './groups-fixture';
import { until } from '../support/until';
import { GroupsPage } from './pages/GroupsPage';
import { screenshot, useBrowser, withApp } from './support/harness';

const browser = useBrowser();
after(() => Promise.all(liveConsumers.map((c) => c.disconnect())));

test('Group drawer: reset offsets in every mode, refusals, delete offsets, delete groups', { timeout: 240_000 }, () =>
  withApp(browser(), async ({ page, frame }) => {
    await frame.openSandboxCluster();
    await frame.openSection('Consumer groups');
    const groups = new GroupsPage(page);
    await groups.row('audit').waitFor({ timeout: 30_000 });
    await groups.root.getByTestId('show-empty').check();
    await groups.open('billing');

    await groups.drawer.getByTestId('reset-offsets').click();
    const form = groups.resetForm;
    assert.equal(await groups.preview('earliest'), '1,200');
    assert.match(await form.getByTestId('reset-plan').locator('[data-row="payments:0"]').innerText(), /^payments\s+0\s+0\s+400\s+150\s+0\s+400$/);
    assert.equal(await groups.preview('latest'), '0');
    assert.equal(await groups.preview('datetime', { testId: 'reset-datetime', value: '2020-01-01T00:00:00' }), '1,200');
    assert.equal(await groups.preview('duration', { testId: 'reset-duration', value: '15' }), '1,200');
    assert.equal(await groups.preview('offset', { testId: 'reset-offset', value: '100' }), '900');
    await groups.mode('shift');
    await form.getByTestId('reset-shift').fill('back a bit');
    await form.getByTestId('reset-preview').click();
    assert.match(await form.getByTestId('reset-error-shift').innerText(), /A number of records/);
    assert.equal(await groups.preview('shift', { testId: 'reset-shift', value: '-100' }), '850');
    await form.getByTestId('reset-scope-partitions').check();
    await form.getByTestId('reset-partition-0').check();
    await form.getByTestId('reset-preview').click();
    assert.equal(await form.getByTestId('reset-plan').locator('tbody tr').count(), 1);
    assert.match(await form.getByTestId('reset-plan').innerText(), /payments\s+0\s+0\s+400\s+150\s+50\s+350/);
    await screenshot(page, 'group-reset-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'group-reset-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await form.getByTestId('reset-apply').click();
    await form.waitFor({ state: 'detached' });
    assert.match(await groups.drawer.getByTestId('group-notice').innerText(), /Reset 1 partition: lag now 350/);
    await until('the drawer to show the new offset', async () => /^payments\s+0\s+50\s+400\s+350\s/.test(await groups.partition('payments', 0).innerText()));
    assert.match(await groups.drawer.getByTestId('group-lag').innerText(), /^(1\.2k|750)$/);

    // A live group: Kafka resets nothing while it has members, and the preview says who.
    await groups.open('audit');
    await groups.drawer.getByTestId('reset-offsets').click();
    await groups.preview('earliest');
    assert.match(await form.getByTestId('reset-refused').innerText(), /audit-service/);
    assert.equal(await form.getByTestId('reset-apply').isDisabled(), true);
    await screenshot(page, 'group-reset-refused');
    await page.keyboard.press('Escape');
    await groups.drawer.getByTestId('delete-group').click();
    await page.getByTestId('delete-group-confirm').click();
    assert.match(await page.getByTestId('delete-group-error').innerText(), /NON_EMPTY_GROUP|members/i);
    await page.keyboard.press('Escape');

    await groups.open('billing');
    await groups.drawer.getByTestId('delete-offsets').click();
    await page.getByTestId('delete-offsets-confirm').click();
    assert.match(await groups.drawer.getByTestId('group-notice').innerText(), /Deleted the offsets of payments \(partitions 0, 1, 2\)/);

    await groups.open('refunds-reader');
    await groups.drawer.getByTestId('delete-group').click();
    await page.getByTestId('delete-group-confirm').click();
    await groups.drawer.waitFor({ state: 'detached' });
    await groups.row('refunds-reader').waitFor({ state: 'detached' });

    // Deleted behind the app's back while open: the watch's next tick says it is gone.
    const admin = sandboxKafka!.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: 'doomed', topic: 'refunds', partitions: [{ partition: 0, offset: '0' }] });
    await groups.root.getByTestId('groups-refresh').click();
    await groups.open('doomed');
    await admin.deleteGroups(['doomed']);
    await admin.disconnect();
    await groups.drawer.getByTestId('group-gone').waitFor({ timeout: 30_000 });
    await screenshot(page, 'group-gone');

    await page.goto(page.url().replace(/\/groups\/doomed.*$/, '/groups/no-such-group'));
    assert.equal(await groups.drawer.getByTestId('group-error').getAttribute('data-code'), 'UNKNOWN_GROUP');
  }, { start: appWithGroups }));
