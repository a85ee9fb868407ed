// test/support/targets.ts when real Kafka cannot run (no java on the PATH): its suites are skipped
// with the reason on the reporter's line, never silently; under CI they fail instead, because CI
// has Java and a target that does not run there would hide a broken set-up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from './support';

let dir: string;
let file: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-targets-'));
  file = join(dir, 'probe.test.ts');
  writeFileSync(
    file,
    `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachTarget } from ${JSON.stringify(join(root, 'test/support/targets.ts'))};
forEachTarget(['sandbox', 'kafka'], (target) => {
  test('has a broker', () => assert.match(target.bootstrap[0], /^127\\.0\\.0\\.1:\\d+$/));
});
`,
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the probe file with node:test, with an empty PATH (so no java) and the given CI variable. */
function runProbe(ci: string | undefined): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: dir };
  delete env.JAVA_HOME;
  delete env.NODE_TEST_CONTEXT; // set by the runner around us; it would keep the child from running the file
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', file], { cwd: root, env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('without java, the Kafka suite is skipped with the reason printed; the sandbox still runs', () => {
  const { status, out } = runProbe(undefined);
  assert.equal(status, 0, out);
  assert.match(out, /▶ on sandbox\n {2}✔ has a broker/);
  assert.match(out, /﹣ on Kafka 4\.3\.1 \([\d.]+m?s\) # real Kafka unavailable: java not runnable/);
});

test('under CI, a target that cannot run fails the file', () => {
  const { status, out } = runProbe('true');
  assert.notEqual(status, 0, out);
  assert.match(out, /▶ on sandbox\n {2}✔ has a broker/);
  assert.match(out, /real Kafka unavailable: java not runnable .*\(CI is set: every target must run there\)/);
  assert.match(out, /✖ on Kafka 4\.3\.1/);
});
