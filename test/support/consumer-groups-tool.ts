// Kafka's own kafka-consumer-groups as the oracle of what Brook says of groups: its --describe
// table read into rows, and its --state line.
import assert from 'node:assert/strict';
import { kafkaTool } from './kafka-target';

/** kafka-consumer-groups --describe (of `group`, or --all-groups): per group, the rows about `topic` (partition, current offset, log end, lag, consumer id), by partition. */
export async function kafkaDescribe(bootstrap: string, topic: string, group?: string): Promise<Map<string, string[][]>> {
  const { code, stdout, stderr } = await kafkaTool('kafka-consumer-groups', ['--bootstrap-server', bootstrap, '--describe', ...(group ? ['--group', group] : ['--all-groups'])], { timeoutMs: 90_000 });
  assert.equal(code, 0, stderr);
  const out = new Map<string, string[][]>();
  for (const line of stdout.split('\n')) {
    const [g, t, partition, current, end, lag, consumer] = line.trim().split(/\s+/);
    if (t !== topic || !g) continue;
    out.set(g, [...(out.get(g) ?? []), [partition!, current!, end!, lag!, consumer!]].sort((a, b) => Number(a[0]) - Number(b[0])));
  }
  return out;
}

/** kafka-consumer-groups --describe --state: the group's state and number of members. */
export async function kafkaState(bootstrap: string, group: string): Promise<[string, number]> {
  const { code, stdout, stderr } = await kafkaTool('kafka-consumer-groups', ['--bootstrap-server', bootstrap, '--describe', '--state', '--group', group], { timeoutMs: 90_000 });
  assert.equal(code, 0, stderr);
  const line = stdout.split('\n').find((l) => l.startsWith(`${group} `));
  assert.ok(line, stdout);
  const cells = line.trim().split(/\s+/);
  return [cells.at(-2)!, Number(cells.at(-1))];
}
