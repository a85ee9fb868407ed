// The client side of reading: records out of Fetch answers (compressed, control and aborted
// batches, a batch cut off by the size limit), filters, JSON paths, templates and the time merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchedRecords, type FetchedRecord } from '../../electron/core/messages/fetched-records';
import { compileFilter, Verdict } from '../../electron/core/messages/record-filter';
import { parseJsonPath } from '../../electron/core/messages/json-path';
import { compilePayload } from '../../electron/core/messages/templates';
import { TimestampMerge } from '../../electron/core/messages/timestamp-merge';
import { RecordFilter, type DecoderName } from '../../shared/model';
import { buildBatch, simpleRecords } from './batch-builder';

const marker = (type: 0 | 1) => Buffer.from([0, 0, 0, type]);

test('records of every codec from the fetch offset on; a batch cut off at the end waits for the next fetch', () => {
  for (const compression of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
    const a = buildBatch({ records: simpleRecords(5), baseOffset: 10n, baseTimestamp: 1000n, compression });
    const b = buildBatch({ records: simpleRecords(3), baseOffset: 15n, compression });
    const got = fetchedRecords(Buffer.concat([a, b.subarray(0, b.length - 4)]), { partition: 2, from: 12, until: null, aborted: null }, (r) => r);
    assert.deepEqual(got.kept.map((r) => [r.partition, r.offset]), [[2, 12], [2, 13], [2, 14]], compression);
    assert.equal(got.next, 15, 'the cut batch is fetched again');
    assert.equal(got.kept[0]!.batch.compression, ['none', 'gzip', 'snappy', 'lz4', 'zstd'].indexOf(compression));
  }
});

test('read_committed leaves out aborted transactions and every control batch; read_uncommitted shows aborted data', () => {
  const data = Buffer.concat([
    buildBatch({ records: [{ value: 'aborted' }], baseOffset: 0n, producerId: 7n, isTransactional: true }),
    buildBatch({ records: [{ value: 'committed' }], baseOffset: 1n, producerId: 8n, isTransactional: true }),
    buildBatch({ records: [{ key: marker(0), value: Buffer.alloc(6) }], baseOffset: 2n, producerId: 7n, isTransactional: true, isControl: true }),
    buildBatch({ records: [{ key: marker(1), value: Buffer.alloc(6) }], baseOffset: 3n, producerId: 8n, isTransactional: true, isControl: true }),
    buildBatch({ records: [{ value: 'later' }], baseOffset: 4n, producerId: 7n, isTransactional: true }),
  ]);
  const read = (aborted: { producerId: bigint; firstOffset: bigint }[] | null, until: number | null = null) => fetchedRecords(data, { partition: 0, from: 0, until, aborted }, (r) => r.value?.toString());
  const values = (aborted: { producerId: bigint; firstOffset: bigint }[] | null) => read(aborted).kept;
  assert.deepEqual(values([{ producerId: 7n, firstOffset: 0n }]), ['committed', 'later'], 'the abort marker ends producer 7\'s aborted transaction');
  assert.deepEqual(values(null), ['aborted', 'committed', 'later']);
  assert.equal(read(null).next, 5);
  assert.deepEqual([read(null, 1).kept, read(null, 1).seen], [['aborted'], 1], 'nothing at or after `until` is decoded');
});

const record = (over: Partial<FetchedRecord>): FetchedRecord => ({
  partition: 0,
  offset: 0,
  timestamp: 0,
  key: null,
  value: null,
  headers: [],
  batch: { compression: 0, bytes: 0, records: 1, leaderEpoch: 0, transactional: false, producerId: -1, logAppendTime: false },
  ...over,
});
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const filter = (f: unknown, decoders: { key: DecoderName; value: DecoderName } = { key: 'auto', value: 'auto' }) => compileFilter(RecordFilter.parse(f), decoders);

test('filters: raw contains, JSON paths, headers, numbers and times, and/or, undecodable counted apart', () => {
  const r = record({ offset: 5, timestamp: Date.parse('2026-12-07T10:00:00Z'), key: Buffer.from('user-1'), value: json({ user: { id: 42, tags: ['a', 'b'] }, note: 'Hello' }), headers: [{ key: Buffer.from('trace'), value: Buffer.from('abc') }] });
  const yes = (f: unknown) => assert.equal(filter(f)(r), Verdict.Yes, JSON.stringify(f));
  const no = (f: unknown) => assert.equal(filter(f)(r), Verdict.No, JSON.stringify(f));
  yes({ conditions: [{ field: 'value', op: 'contains', value: 'Hello' }] });
  no({ conditions: [{ field: 'value', op: 'contains', value: 'hello' }] });
  yes({ conditions: [{ field: 'value', op: 'contains', value: 'hello' }], ignoreCase: true });
  yes({ conditions: [{ field: 'value', path: '$.user.id', op: 'equals', value: '42' }] });
  yes({ conditions: [{ field: 'value', path: 'user.tags[1]', op: 'equals', value: 'b' }] });
  yes({ conditions: [{ field: 'value', path: '$.user.id', op: 'gt', value: '9' }] }); // as numbers, not text
  no({ conditions: [{ field: 'value', path: '$.user.missing', op: 'exists' }] });
  yes({ conditions: [{ field: 'header', header: 'trace', op: 'regex', value: '^a.c$' }] });
  no({ conditions: [{ field: 'header', header: 'other', op: 'exists' }] });
  yes({ conditions: [{ field: 'timestamp', op: 'gt', value: '2026-12-07T09:59:59Z' }, { field: 'offset', op: 'lt', value: '6' }] });
  no({ conditions: [{ field: 'partition', op: 'equals', value: '1' }, { field: 'key', op: 'contains', value: 'user' }] });
  yes({ match: 'or', conditions: [{ field: 'partition', op: 'equals', value: '1' }, { field: 'key', op: 'contains', value: 'user' }] });
  yes({ conditions: [{ field: 'value', op: 'not-contains', value: 'bye' }] });
  const text = record({ value: Buffer.from('plain text') });
  assert.equal(filter({ conditions: [{ field: 'value', path: '$.a', op: 'exists' }] })(text), Verdict.Undecodable);
  assert.equal(filter({ match: 'or', conditions: [{ field: 'value', path: '$.a', op: 'exists' }, { field: 'value', op: 'contains', value: 'plain' }] })(text), Verdict.Yes);
  assert.equal(filter({ conditions: [{ field: 'key', op: 'equals', value: '1' }] }, { key: 'int32', value: 'auto' })(record({ key: Buffer.from([0, 0, 0, 1]) })), Verdict.Yes);
});

test('a filter that cannot be compiled says which condition and why', () => {
  const refused = (f: unknown, message: RegExp, field: string) =>
    assert.throws(() => filter(f), (e: Error & { code?: string; fields?: Record<string, string> }) => e.code === 'INVALID_INPUT' && message.test(e.message) && field in (e.fields ?? {}));
  refused({ conditions: [{ field: 'value', op: 'regex', value: '[' }] }, /^Condition 1: not a regular expression/, 'filter.conditions.0');
  refused({ conditions: [{ field: 'key', op: 'exists' }, { field: 'partition', op: 'contains', value: '1' }] }, /^Condition 2: partition is a number/, 'filter.conditions.1');
  refused({ conditions: [{ field: 'timestamp', op: 'gt', value: 'yesterday' }] }, /not a time/, 'filter.conditions.0');
  assert.throws(() => parseJsonPath('$.a[x]', 'f'), /does not parse at character 4/);
  assert.deepEqual(parseJsonPath(`$['odd key'].b[3]`, 'f'), ['odd key', 'b', 3]);
});

test('templates: seq, uuid, now and random.int per record; unknown ones and bad JSON refused before sending', () => {
  const value = compilePayload({ encoding: 'json', data: '{"n":{{seq}},"id":"{{uuid}}","r":{{ random.int(5,6) }},"t":{{now}}}' }, 'draft.value');
  const [one, two] = [JSON.parse(value(1)!.toString()), JSON.parse(value(2)!.toString())];
  assert.deepEqual([one.n, two.n], [1, 2]);
  assert.notEqual(one.id, two.id);
  assert.ok([5, 6].includes(one.r) && Math.abs(one.t - Date.now()) < 60_000);
  assert.deepEqual(compilePayload({ encoding: 'hex', data: '00 ff' }, 'k')(1), Buffer.from([0, 255]));
  assert.equal(compilePayload(null, 'k')(1), null);
  assert.throws(() => compilePayload({ encoding: 'text', data: '{{nope}}' }, 'draft.key'), /Unknown template \{\{nope\}\}/);
  assert.throws(() => compilePayload({ encoding: 'json', data: '{"a":{{seq}}' }, 'draft.value'), /Not JSON once its templates are filled in/);
  assert.throws(() => compilePayload({ encoding: 'hex', data: 'abc' }, 'draft.key'), /Not hex/);
});

test('the time merge lets a record go only when no partition still being read can send an earlier one', () => {
  const at = (partition: number, offset: number, timestamp: number) => record({ partition, offset, timestamp });
  const merge = new TimestampMerge([0, 1]);
  merge.add(0, [at(0, 0, 10), at(0, 1, 30)]);
  assert.deepEqual(merge.take(10), [], 'partition 1 may still send something earlier');
  merge.add(1, [at(1, 0, 20)]);
  assert.deepEqual(merge.take(10).map((r) => r.timestamp), [10, 20], 'then partition 1 has none waiting');
  merge.end(1);
  assert.deepEqual(merge.take(10).map((r) => r.timestamp), [30]);
  assert.equal(merge.waiting(0), 0);
});
