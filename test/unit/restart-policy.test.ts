// When the sandbox broker keeps ending, Brook waits longer each time, then stops restarting it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartPolicy } from '../../electron/core/sandbox/restart-policy';

test('restarts back off, give up after five ends in a row, and a minute up starts the count afresh', () => {
  const policy = new RestartPolicy();
  assert.deepEqual([1, 2, 3, 4, 5].map(() => policy.next(500)), [1_000, 2_000, 4_000, 8_000, 16_000]);
  assert.equal(policy.next(500), null, 'a sixth end in a row is left to the user');
  assert.equal(policy.next(60_000), 1_000, 'a broker that stayed up a minute is restarted at once again');
  policy.reset();
  assert.equal(policy.count, 0);
  const short = new RestartPolicy({ delaysMs: [10, 20], maxInARow: 3, stableMs: 100 });
  assert.deepEqual([short.next(0), short.next(0), short.next(0), short.next(0)], [10, 20, 20, null], 'the longest delay repeats');
});
