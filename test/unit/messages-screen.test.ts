// The Messages screen's pure parts: the toolbar's text made into a read, the produce draft checked
// as typed, and the append-only row model keeping the rows it made as a stream grows and drops.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTable } from '@tanstack/react-table';
import { appendRowModel } from '../../renderer/components/table/append-row-model';
import { defaultForm, parsePartitions, toReadInput } from '../../renderer/views/messages/read-form';
import { payloadProblem, toDraft, emptyProduceForm } from '../../renderer/views/messages/produce-form';

test('partitions: blank is all, lists and ranges, and what is not a partition of the topic is refused', () => {
  assert.equal(parsePartitions(' ', 3), undefined);
  assert.deepEqual(parsePartitions('4, 0-2, 2', 6), [0, 1, 2, 4]);
  assert.equal(parsePartitions('3-1', 6), '"3-1" is not a partition or a range like 2-4');
  assert.equal(parsePartitions('5', 3), 'The topic has partitions 0 to 2');
});

test('the toolbar makes a read, or says which field is wrong', () => {
  assert.deepEqual(toReadInput({ ...defaultForm, start: 'offset', startValue: '42', partitions: '1', stop: 'count', stopCount: '10' }, 'c1', 'orders', 3).input, {
    clusterId: 'c1', topic: 'orders', start: { from: 'offset', offset: 42 }, stop: { at: 'count', count: 10 }, keyDecoder: 'auto', valueDecoder: 'auto', isolation: 'read_uncommitted', partitions: [1],
  });
  assert.deepEqual(toReadInput({ ...defaultForm, start: 'newest', startValue: '200000', stop: 'count', stopCount: 'x' }, 'c1', 'orders', 3).errors, { startValue: 'From 1 to 100,000 records', stopCount: 'From 1 to 1,000,000 records' });
  assert.deepEqual(toReadInput({ ...defaultForm, start: 'group', startValue: ' ' }, 'c1', 'orders', 3).errors, { startValue: 'Name a consumer group' });
  assert.deepEqual(toReadInput({ ...defaultForm, start: 'now', stop: 'never' }, 'c1', 'orders', 3).input?.stop, { at: 'never' });
});

test('produce: JSON is checked once templates expand, hex and base64 by their alphabets', () => {
  assert.equal(payloadProblem({ isNull: false, encoding: 'json', data: '{"seq": {{seq}}, "n": {{random.int(1,5)}}, "id": "{{uuid}}"}' }), undefined);
  assert.match(payloadProblem({ isNull: false, encoding: 'json', data: '{"seq": {{seq}' }) ?? '', /^Not JSON/);
  assert.equal(payloadProblem({ isNull: false, encoding: 'hex', data: '00 ff 1' }), 'Hex digits, two a byte');
  assert.equal(payloadProblem({ isNull: true, encoding: 'json', data: '{' }), undefined);
  const { draft, errors } = toDraft({ ...emptyProduceForm, partition: '2', repeat: '3', headers: [{ key: 'h', value: 'v' }] });
  assert.deepEqual(errors, {});
  assert.deepEqual([draft?.partition, draft?.repeat, draft?.headers], [2, 3, [{ key: 'h', value: { encoding: 'text', data: 'v' } }]]);
  assert.deepEqual(toDraft({ ...emptyProduceForm, repeat: '0', headers: [{ key: '', value: '' }] }).errors, { 'draft.repeat': 'From 1 to 1,000,000', 'draft.headers.0.key': 'Name the header' });
});

test('the append-only row model makes rows only for what arrived, and drops those that left the start', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({ id: i }));
  const table = createTable<{ id: number }>({
    data: items.slice(0, 6),
    columns: [{ accessorKey: 'id' }],
    getCoreRowModel: appendRowModel(),
    getRowId: (r) => String(r.id),
    state: {},
    onStateChange: () => undefined,
    renderFallbackValue: null,
  });
  const first = table.getCoreRowModel();
  assert.deepEqual(first.rows.map((r) => r.id), ['0', '1', '2', '3', '4', '5']);
  const put = (data: Array<{ id: number }>) => table.setOptions((o) => ({ ...o, data }));
  put(items.slice(3, 9));
  const next = table.getCoreRowModel();
  assert.notEqual(next, first, 'a new model, so the models after it know');
  assert.deepEqual(next.rows.map((r) => r.id), ['3', '4', '5', '6', '7', '8']);
  assert.equal(next.rows[0], first.rows[3], 'the rows that stayed are the same rows');
  assert.deepEqual(Object.keys(next.rowsById).sort(), ['3', '4', '5', '6', '7', '8']);
  put([items[9]!, items[2]!]);
  assert.deepEqual(table.getCoreRowModel().rows.map((r) => r.id), ['9', '2'], 'anything else is built again');
});
