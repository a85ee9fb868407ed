// The short soak of npm test (`npm run bench -- soak` runs the long one): every lane of mixed
// client load at once against the sandbox as the app runs it. It must not die once, and every lane
// must get work done, so a lane that silently stopped working cannot pass as "no crash".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { soak } from '../support/soak/run';

test('45 s of mixed load from kafkajs and librdkafka: no crash, every lane served', { timeout: 180_000 }, async () => {
  const report = await soak({ durationMs: 45_000 });
  const crashes = report.crashes.map((c) => `${c.signal ?? `exit ${c.code}`} at ${(c.atMs / 1000).toFixed(0)} s:\n  ${c.lastLines.join('\n  ')}`);
  assert.deepEqual(crashes, []);
  for (const [lane, tally] of Object.entries(report.lanes)) {
    assert.ok(tally.ok > 0, `${lane} got nothing done (${tally.failed} failed; last: ${tally.lastError})`);
    assert.ok(tally.failed <= tally.ok / 4, `${lane}: ${tally.failed} failed of ${tally.ok + tally.failed} (last: ${tally.lastError})`);
  }
  assert.ok(report.requestsHandled > 5_000, `the broker handled ${report.requestsHandled} requests`);
});
