import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes, fromBase64, toBase64 } from '../../shared/decoders';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

test('auto reads JSON documents as JSON, other UTF-8 as text, anything else as hex', () => {
  assert.deepEqual(decodeBytes(text('{"a":[1,2]}'), 'auto'), { as: 'json', text: '{"a":[1,2]}', json: { a: [1, 2] } });
  assert.deepEqual(decodeBytes(text('42'), 'auto'), { as: 'string', text: '42' }, 'a bare number stays text');
  assert.deepEqual(decodeBytes(text('{not json'), 'auto'), { as: 'string', text: '{not json' });
  assert.deepEqual(decodeBytes(text('héllo\n'), 'auto'), { as: 'string', text: 'héllo\n' });
  assert.deepEqual(decodeBytes(bytes(0xff, 0xfe, 0x00), 'auto'), { as: 'hex', text: 'ff fe 00' }, 'invalid UTF-8');
  assert.deepEqual(decodeBytes(bytes(0x61, 0x00, 0x62), 'auto'), { as: 'hex', text: '61 00 62' }, 'control characters');
});

test('fixed-size decoders are big-endian and refuse the wrong length', () => {
  assert.equal(decodeBytes(bytes(0xff, 0xff, 0xff, 0xfe), 'int32').text, '-2');
  assert.equal(decodeBytes(bytes(0, 0, 0, 1, 0, 0, 0, 0), 'int64').text, '4294967296');
  assert.equal(decodeBytes(bytes(0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18), 'double').text, String(Math.PI));
  const wrong = decodeBytes(bytes(1, 2, 3), 'int32');
  assert.equal(wrong.error, 'int32 needs 4 bytes; these are 3');
  assert.equal(wrong.text, '01 02 03');
  assert.equal(decodeBytes(Uint8Array.from({ length: 16 }, (_, i) => i), 'uuid').text, '00010203-0405-0607-0809-0a0b0c0d0e0f');
});

test('json says why bytes are not JSON; string shows invalid UTF-8 with replacement characters', () => {
  assert.match(decodeBytes(text('{"a":'), 'json').error ?? '', /^Not JSON/);
  assert.equal(decodeBytes(bytes(0x61, 0xff), 'string').text, 'a\ufffd');
});

test('base64 round-trips every byte value, also past the chunk size', () => {
  const all = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
  assert.deepEqual(fromBase64(toBase64(all)), all);
  assert.equal(toBase64(all), Buffer.from(all).toString('base64'));
});
