// Lag history on a real SQLite file: ticks folded into minute and ten-minute buckets (the last lag
// and the greatest), the finest tier that covers a range answering it, old buckets dropped so a
// group's rows stay bounded over 8 simulated days, history surviving a reopen, and a file that is
// not a database moved aside with a notice.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { LagHistory, TIERS } from '../../electron/core/history/lag-history';

const dir = mkdtempSync(join(tmpdir(), 'brook-history-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const start = Date.UTC(2026, 11, 1);
/** Buckets kept past their tier between two prunes (every ten minutes of records). */
const PRUNE_SLACK = (bucketMs: number) => Math.ceil((10 * MINUTE) / bucketMs) + 1;

test('ticks fold into buckets of the last lag and the greatest; the finest tier covering the range answers', () => {
  const history = new LagHistory(join(dir, 'fold.sqlite'));
  // Within one minute: lags 5, 9, 3 (max lag of a tick 4 at most).
  history.record('c1', start + 1_000, [{ groupId: 'g', lag: 5, maxLag: 2 }]);
  history.record('c1', start + 6_000, [{ groupId: 'g', lag: 9, maxLag: 4 }]);
  history.record('c1', start + 11_000, [{ groupId: 'g', lag: 3, maxLag: 1 }]);
  history.record('c1', start + MINUTE + 1_000, [{ groupId: 'g', lag: 1, maxLag: 1 }]);
  history.record('c2', start + 1_000, [{ groupId: 'g', lag: 100, maxLag: 100 }]);
  const recent = history.query('c1', 'g', start, start + 2 * MINUTE, start + 2 * MINUTE);
  assert.deepEqual(recent, { bucketMs: MINUTE, points: [{ at: start, lag: 3, maxLag: 9 }, { at: start + MINUTE, lag: 1, maxLag: 1 }] });
  const week = history.query('c1', 'g', start, start + 2 * MINUTE, start + 2 * DAY);
  assert.deepEqual(week, { bucketMs: 10 * MINUTE, points: [{ at: start, lag: 1, maxLag: 9 }] }, 'a range older than 6 hours comes from ten-minute buckets');
  assert.deepEqual(history.query('c1', 'nobody', start, start + MINUTE, start + MINUTE).points, []);
  history.close();
});

test('8 simulated days of ticks a minute apart: each group keeps at most its tiers, and history survives a reopen', () => {
  const file = join(dir, 'week.sqlite');
  let history = new LagHistory(file);
  const groups = ['a', 'b', 'c'];
  for (let at = start; at < start + 8 * DAY; at += MINUTE) history.record('c', at, groups.map((groupId, i) => ({ groupId, lag: (at / MINUTE) % 100 + i, maxLag: 1 })));
  history.close();
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT tier, count(*) AS n FROM lag_buckets GROUP BY tier ORDER BY tier').all() as { tier: number; n: number }[];
  db.close();
  const bound = TIERS.map((t) => (t.keepMs / t.bucketMs + PRUNE_SLACK(t.bucketMs)) * groups.length);
  assert.ok(rows.every((r, i) => r.n <= bound[i]!), `rows per tier ${JSON.stringify(rows)} within ${bound}`);
  history = new LagHistory(file);
  const end = start + 8 * DAY;
  const week = history.query('c', 'b', end - 7 * DAY, end, end);
  assert.equal(week.bucketMs, 10 * MINUTE);
  assert.ok(week.points.length >= 1_000 && week.points.length <= 1_009, `${week.points.length} ten-minute points over 7 days`);
  assert.deepEqual(history.notices, []);
  history.close();
});

test('a file that is not a database is moved aside, with a notice, and a new history begins', () => {
  const file = join(dir, 'broken.sqlite');
  writeFileSync(file, 'this is not SQLite '.repeat(100));
  const history = new LagHistory(file);
  assert.equal(history.notices.length, 1);
  assert.match(history.notices[0]!, /could not be read .* moved to .*broken\.sqlite\.corrupt-\d+ and a new one begun/);
  assert.ok(readdirSync(dir).some((f) => f.startsWith('broken.sqlite.corrupt-')));
  history.record('c', start, [{ groupId: 'g', lag: 1, maxLag: 1 }]);
  assert.equal(history.query('c', 'g', start, start, start).points.length, 1);
  history.close();
  assert.ok(existsSync(file));
});
