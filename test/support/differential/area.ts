// One area of a differential sequence as a test: skipped without Kafka, failed with every
// unexplained difference its steps produced; the known ones hit are printed as diagnostics.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { realKafkaAvailable } from '../kafka-target';
import type { Differential } from './pair';

export async function runArea(t: TestContext, d: Differential | undefined, steps: (d: Differential) => Promise<void>): Promise<void> {
  const avail = realKafkaAvailable();
  if (!avail.ok) {
    t.skip(avail.reason);
    return;
  }
  assert.ok(d, 'the brokers did not start (see the before hook error)');
  const from = d.differences.length;
  const knownFrom = d.known.length;
  await steps(d);
  for (const k of d.known.slice(knownFrom)) t.diagnostic(k);
  const found = d.differences.slice(from);
  assert.equal(found.length, 0, `${found.length} difference(s) from Kafka 4.3.1:\n${found.join('\n')}`);
}
