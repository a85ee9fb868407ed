// Kafka's kafka-acls.sh (4.3.1, org.apache.kafka.tools.AclCommand) against the sandbox broker:
// --add (allow and deny, literal and prefixed, the '*' group), --list (all, and --resource-pattern-type
// match for one topic), --remove --force; the assertions read what the tool prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestBroker, type TestBroker } from '../support/broker';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';

const availability = realKafkaAvailable();
const skip = availability.ok ? false : availability.reason;
if (skip) console.log(`# skipping kafka-acls: ${skip}`);

let broker: TestBroker;
before(async () => {
  broker = await startTestBroker();
});
after(() => broker.stop());

async function acls(args: string[]): Promise<string> {
  const r = await kafkaTool('kafka-acls', ['--bootstrap-server', broker.bootstrap, ...args]);
  assert.equal(r.code, 0, `kafka-acls ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

/** "resource: entry" for every ACL the tool printed under "Current ACLs for resource", sorted. */
function listed(out: string): string[] {
  const found: string[] = [];
  let resource = '';
  for (const line of out.split('\n')) {
    const r = /^Current ACLs for resource `ResourcePattern\(resourceType=(\w+), name=(.*), patternType=(\w+)\)`:/.exec(line);
    if (r) resource = `${r[1]} ${r[2]} ${r[3]}`;
    const e = /^\s+\(principal=(.*), host=(.*), operation=(\w+), permissionType=(\w+)\)/.exec(line);
    if (e && resource) found.push(`${resource}: ${e[1]} ${e[2]} ${e[3]} ${e[4]}`);
  }
  return found.sort();
}

test('kafka-acls: --add, --list (all and matching one topic), --remove --force', { skip }, async () => {
  const added = await acls(['--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--operation', 'Describe', '--topic', 'orders']);
  assert.match(added, /Adding ACLs for resource `ResourcePattern\(resourceType=TOPIC, name=orders, patternType=LITERAL\)`/);
  await acls(['--add', '--deny-principal', 'User:bob', '--operation', 'Write', '--topic', 'ord', '--resource-pattern-type', 'prefixed']);
  await acls(['--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--group', '*']);

  assert.deepEqual(listed(await acls(['--list'])), [
    'GROUP * LITERAL: User:alice * READ ALLOW',
    'TOPIC ord PREFIXED: User:bob * WRITE DENY',
    'TOPIC orders LITERAL: User:alice * DESCRIBE ALLOW',
    'TOPIC orders LITERAL: User:alice * READ ALLOW',
  ]);
  assert.deepEqual(listed(await acls(['--list', '--topic', 'orders', '--resource-pattern-type', 'match'])), [
    'TOPIC ord PREFIXED: User:bob * WRITE DENY',
    'TOPIC orders LITERAL: User:alice * DESCRIBE ALLOW',
    'TOPIC orders LITERAL: User:alice * READ ALLOW',
  ]);

  await acls(['--remove', '--force', '--topic', 'orders']);
  assert.deepEqual(listed(await acls(['--list'])), ['GROUP * LITERAL: User:alice * READ ALLOW', 'TOPIC ord PREFIXED: User:bob * WRITE DENY']);
  await acls(['--remove', '--force', '--deny-principal', 'User:bob', '--operation', 'Write', '--topic', 'ord', '--resource-pattern-type', 'prefixed']);
  assert.deepEqual(listed(await acls(['--list'])), ['GROUP * LITERAL: User:alice * READ ALLOW']);
});
