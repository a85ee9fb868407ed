// Kafka's own kafka-consumer-groups as the oracle of what Brook says of groups: its tables read
// into rows (--describe, --reset-offsets), and its --state line.
import assert from 'node:assert/strict';
import { kafkaTool } from './kafka-target';

export const lines = (out: string) => out.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');

/** The rows of a column table (kafka-consumer-groups), keyed by the header names. */
export function table(out: string): Record<string, string>[] {
  const all = lines(out);
  const head = all.findIndex((l) => /^(GROUP|TOPIC)\s/.test(l));
  assert.ok(head >= 0, `no table in:\n${out}`);
  const names = all[head].trim().split(/\s+/);
  return all.slice(head + 1).map((row) => {
    const cells = row.trim().split(/\s+/);
    assert.equal(cells.length, names.length, `row "${row}" does not fit the header ${names.join(' ')}`);
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}

/** NEW-OFFSET per partition, from `--reset-offsets`, sorted by partition. */
export function newOffsets(out: string): [number, string][] {
  return table(out)
    .map((r): [number, string] => [Number(r.PARTITION), r['NEW-OFFSET']])
    .sort((a, b) => a[0] - b[0]);
}

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
