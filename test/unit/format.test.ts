// Figures humanised the same way on every screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactCount, humanBytes, humanCount, humanDuration, humanElapsed, relativeTime } from '../../renderer/format';

test('counts, sizes, durations and times read as people say them', () => {
  assert.deepEqual([0, 999, 1000, 1234, 12_345, 999_999, 1_500_000, 2e9, -4200].map(humanCount), ['0', '999', '1k', '1.2k', '12k', '1M', '1.5M', '2G', '-4.2k']);
  assert.equal(exactCount(12_345_678), '12,345,678');
  assert.deepEqual([0, 1023, 1024, 1536, 10 * 1024 * 1024, 3.5 * 1024 ** 3].map(humanBytes), ['0 B', '1023 B', '1 KiB', '1.5 KiB', '10 MiB', '3.5 GiB']);
  assert.deepEqual([604_800_000, 3_600_000, 90_000, 1500, 250, -1].map(humanDuration), ['7 d', '1 h', '90 s', '1.5 s', '250 ms', 'forever']);
  const now = Date.UTC(2026, 0, 1);
  assert.deepEqual([now - 5_000, now - 180_000, now - 7_200_000, now - 4 * 86_400_000, now + 60_000].map((t) => relativeTime(t, now)), ['5 s ago', '3 min ago', '2 h ago', '4 d ago', 'in 1 min']);
});

test('a lag in time reads in its two largest units', () => {
  assert.equal(humanElapsed(850), '850 ms');
  assert.equal(humanElapsed(12_400), '12 s');
  assert.equal(humanElapsed(390_000), '6 min 30 s');
  assert.equal(humanElapsed(360_000), '6 min');
  assert.equal(humanElapsed(7_500_000), '2 h 5 min');
  assert.equal(humanElapsed(90_000_000), '1 d 1 h');
});
