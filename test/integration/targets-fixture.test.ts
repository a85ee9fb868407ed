// test/support/targets.ts, seen from a probe test file run with node:test in a child process with no
// java on the PATH: a target is started once and shared by the suites of the file, then stopped
// after its last one; real Kafka's suites are skipped with the reason on the reporter's line, never
// silently; under CI they fail instead, because CI has Java and a target that does not run there
// would hide a broken set-up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from './support';

const probe = (targets: string) => `import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { forEachTarget } from ${targets};

const seen: string[] = [];
forEachTarget(['sandbox', 'kafka'], (target) => {
  test('has a broker', () => {
    assert.match(target.bootstrap[0], /^127\\.0\\.0\\.1:\\d+$/);
    seen.push(target.bootstrap[0]);
  });
});
forEachTarget(['sandbox'], (target) => {
  test('is the same sandbox', () => assert.deepEqual(target.bootstrap, seen));
});
test('the sandbox is stopped after its last suite', async () => {
  const [host, port] = seen[0].split(':');
  const refused = await new Promise((resolve) => {
    const socket = connect(Number(port), host);
    socket.once('connect', () => resolve(socket.destroy() && false)).once('error', () => resolve(true));
  });
  assert.equal(refused, true);
});
`;

let dir: string;
let file: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-targets-'));
  file = join(dir, 'probe.test.ts');
  writeFileSync(file, probe(JSON.stringify(join(root, 'test/support/targets.ts'))));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the probe file with node:test, with an empty PATH (so no java) and the given CI variable. */
function runProbe(ci: string | undefined): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: dir };
  delete env.JAVA_HOME;
  delete env.NODE_TEST_CONTEXT; // set by the runner around us; it would keep the child from running the file
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-force-exit', '--test-reporter=spec', file], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('without java: one sandbox shared by two suites and stopped after them; the Kafka suite skipped with the reason printed', () => {
  const { status, out } = runProbe(undefined);
  assert.equal(status, 0, out);
  assert.match(out, /▶ on sandbox\n {2}✔ has a broker/);
  assert.match(out, /▶ on sandbox\n {2}✔ is the same sandbox/);
  assert.match(out, /✔ the sandbox is stopped after its last suite/);
  assert.match(out, /﹣ on Kafka 4\.3\.1 \([\d.]+m?s\) # real Kafka unavailable: java not runnable/);
});

test('under CI, a target that cannot run fails the file', () => {
  const { status, out } = runProbe('true');
  assert.notEqual(status, 0, out);
  assert.match(out, /▶ on sandbox\n {2}✔ has a broker/);
  assert.match(out, /✖ on Kafka 4\.3\.1/);
  assert.match(out, /real Kafka unavailable: java not runnable .*\(CI is set: every target must run there\)/);
});
