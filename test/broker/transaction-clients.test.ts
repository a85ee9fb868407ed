// Transactions with librdkafka: confluent-kafka's transactional producer (commit and abort) and
// read_committed consumer (Debian's package, /usr/bin/python3), and kcat -X isolation.level.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTestBroker, type TestBroker } from '../support/broker';
import { runOk } from '../support/run';

let broker: TestBroker;
before(async () => {
  broker = await startTestBroker();
});
after(() => broker.stop());

test('confluent-kafka: a transactional producer commits and aborts; read_committed skips the aborted record', async () => {
  const script = join(import.meta.dirname, 'clients', 'confluent_transactions.py');
  const out = JSON.parse(await runOk('/usr/bin/python3', [script, broker.bootstrap, 'py-txn'], { timeoutMs: 90_000 })) as Record<
    string,
    { values: string[]; high: number }
  >;
  assert.deepEqual(out.read_committed.values, ['committed-0', 'committed-1', 'committed-2']);
  assert.deepEqual(out.read_uncommitted.values, ['committed-0', 'committed-1', 'committed-2', 'aborted']);
  // 3 records, COMMIT, 1 record, ABORT.
  assert.equal(out.read_committed.high, 6);

  const kcat = (isolation: string) =>
    runOk('kcat', ['-b', broker.bootstrap, '-C', '-t', 'py-txn', '-p', '0', '-o', 'beginning', '-e', '-q', '-X', `isolation.level=${isolation}`]);
  assert.deepEqual((await kcat('read_committed')).trim().split('\n'), ['committed-0', 'committed-1', 'committed-2']);
  assert.deepEqual((await kcat('read_uncommitted')).trim().split('\n'), ['committed-0', 'committed-1', 'committed-2', 'aborted']);
});
