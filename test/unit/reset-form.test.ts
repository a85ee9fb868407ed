// The reset dialog's fields as groups:previewReset takes them, or the field that is wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResetScope, ResetTarget } from '../../shared/model';
import { parseResetForm, type ResetForm } from '../../renderer/views/groups/reset-form';

const form: ResetForm = { scope: 'all', topic: 'payments', partitions: [], mode: 'earliest', datetime: '', duration: '15', durationUnit: 'minutes', offset: '0', shift: '-100' };

test('each mode becomes the target Kafka-consumer-groups names, and the contract accepts it', () => {
  const cases: Array<[Partial<ResetForm>, ResetTarget]> = [
    [{ mode: 'earliest' }, { to: 'earliest' }],
    [{ mode: 'latest' }, { to: 'latest' }],
    [{ mode: 'datetime', datetime: '2020-01-01T00:00:00' }, { to: 'datetime', timestamp: new Date('2020-01-01T00:00:00').getTime() }],
    [{ mode: 'duration', duration: '2', durationUnit: 'hours' }, { to: 'duration', ms: 7_200_000 }],
    [{ mode: 'offset', offset: ' 42 ' }, { to: 'offset', offset: 42 }],
    [{ mode: 'shift', shift: '+50' }, { to: 'shift', by: 50 }],
    [{ mode: 'shift', shift: '-100' }, { to: 'shift', by: -100 }],
  ];
  for (const [change, target] of cases) {
    const parsed = parseResetForm({ ...form, ...change });
    assert.deepEqual(parsed, { ok: true, scope: {}, target }, JSON.stringify(change));
    assert.ok(ResetTarget.safeParse(target).success);
  }
});

test('the scope: every partition, a topic, or chosen partitions of it in order', () => {
  assert.deepEqual(parseResetForm({ ...form, scope: 'topic' }), { ok: true, scope: { topic: 'payments' }, target: { to: 'earliest' } });
  const chosen = parseResetForm({ ...form, scope: 'partitions', partitions: [2, 0] });
  assert.deepEqual(chosen, { ok: true, scope: { topic: 'payments', partitions: [0, 2] }, target: { to: 'earliest' } });
  assert.ok(chosen.ok && ResetScope.safeParse(chosen.scope).success);
});

test('what cannot be sent names its field', () => {
  const refused = (change: Partial<ResetForm>) => {
    const parsed = parseResetForm({ ...form, ...change });
    return parsed.ok ? 'accepted' : parsed.field;
  };
  assert.equal(refused({ scope: 'topic', topic: '' }), 'topic');
  assert.equal(refused({ scope: 'partitions', partitions: [] }), 'partitions');
  assert.equal(refused({ mode: 'datetime', datetime: '' }), 'datetime');
  assert.equal(refused({ mode: 'duration', duration: '1.5' }), 'duration');
  assert.equal(refused({ mode: 'offset', offset: '-1' }), 'offset');
  assert.equal(refused({ mode: 'shift', shift: '0' }), 'shift');
  assert.equal(refused({ mode: 'shift', shift: 'back a bit' }), 'shift');
});
