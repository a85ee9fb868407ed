import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reader, ProtocolError } from '../../electron/broker/protocol/reader';
import { Writer } from '../../electron/broker/protocol/writer';

const hex = (w: Writer) => w.toBuffer().toString('hex');

test('unsigned varints use LEB128 (golden bytes)', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [16383, 'ff7f'],
    [16384, '808001'],
    [0xffffffff, 'ffffffff0f'],
  ];
  for (const [value, bytes] of cases) {
    assert.equal(hex(new Writer().uvarint(value)), bytes, `encode ${value}`);
    assert.equal(new Reader(Buffer.from(bytes, 'hex')).uvarint(), value, `decode ${bytes}`);
  }
});

test('signed varints and varlongs are zig-zag encoded', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-2, '03'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ];
  for (const [value, bytes] of cases) {
    assert.equal(hex(new Writer().varint(value)), bytes, `varint ${value}`);
    assert.equal(new Reader(Buffer.from(bytes, 'hex')).varint(), value);
    assert.equal(hex(new Writer().varlong(BigInt(value))), bytes, `varlong ${value}`);
    assert.equal(new Reader(Buffer.from(bytes, 'hex')).varlong(), BigInt(value));
  }
  const extremes = [9223372036854775807n, -9223372036854775808n];
  for (const v of extremes) assert.equal(new Reader(new Writer().varlong(v).toBuffer()).varlong(), v);
  assert.equal(hex(new Writer().varlong(-9223372036854775808n)), 'ffffffffffffffffff01');
});

test('strings, compact strings, bytes and nulls', () => {
  assert.equal(hex(new Writer().string('abc')), '0003616263');
  assert.equal(hex(new Writer().string(null)), 'ffff');
  assert.equal(hex(new Writer().compactString('abc')), '04616263');
  assert.equal(hex(new Writer().compactString(null)), '00');
  assert.equal(hex(new Writer().compactString('')), '01');
  assert.equal(hex(new Writer().bytes(Buffer.from([1, 2]))), '000000020102');
  assert.equal(hex(new Writer().bytes(null)), 'ffffffff');
  assert.equal(hex(new Writer().compactBytes(Buffer.from([1, 2]))), '030102');
  const r = new Reader(Buffer.from('0003616263ffff046162630003010200', 'hex'));
  assert.equal(r.string(), 'abc');
  assert.equal(r.string(true), null);
  assert.equal(r.compactString(), 'abc');
  assert.equal(r.compactString(true), null);
  assert.deepEqual(r.compactBytes(), Buffer.from([1, 2]));
  assert.equal(r.compactArrayLength(true), null);
  assert.equal(r.remaining, 0);
  assert.equal(hex(new Writer().string('é')), '0002c3a9');
});

test('integers, uuid and floats round trip', () => {
  const w = new Writer(1)
    .int8(-128)
    .int16(-2)
    .uint16(65535)
    .int32(-5)
    .uint32(0xfffffffe)
    .int64(-9223372036854775808n)
    .float64(0.5)
    .bool(true)
    .uuid(Buffer.alloc(16, 7));
  const r = new Reader(w.toBuffer());
  assert.equal(r.int8(), -128);
  assert.equal(r.int16(), -2);
  assert.equal(r.uint16(), 65535);
  assert.equal(r.int32(), -5);
  assert.equal(r.uint32(), 0xfffffffe);
  assert.equal(r.int64(), -9223372036854775808n);
  assert.equal(r.float64(), 0.5);
  assert.equal(r.bool(), true);
  assert.deepEqual(r.uuid(), Buffer.alloc(16, 7));
});

test('reads past the end, negative and impossible lengths throw ProtocolError', () => {
  assert.throws(() => new Reader(Buffer.from('00', 'hex')).int32(), ProtocolError);
  assert.throws(() => new Reader(Buffer.from('0005ab', 'hex')).string(), ProtocolError);
  assert.throws(() => new Reader(Buffer.from('fffe', 'hex')).string(true), ProtocolError);
  assert.throws(() => new Reader(Buffer.from('ffff', 'hex')).string(), ProtocolError, 'null where not nullable');
  assert.throws(() => new Reader(Buffer.from('7fffffff', 'hex')).arrayLength(), ProtocolError, 'huge array');
  assert.throws(() => new Reader(Buffer.from('ffffffffff', 'hex')).uvarint(), ProtocolError);
  assert.throws(() => new Reader(Buffer.from('8080808080', 'hex')).uvarint(), ProtocolError);
});

test('attached buffers keep their place between written bytes', () => {
  const big = Buffer.alloc(5000, 1);
  const w = new Writer(8).int32(1).attach([big]).int16(2);
  const chunks = w.toChunks();
  assert.equal(chunks.length, 3);
  assert.equal(chunks[1], big, 'attached by reference');
  const all = w.toBuffer();
  assert.equal(all.length, 4 + 5000 + 2);
  assert.equal(all.readInt32BE(0), 1);
  assert.equal(all.readInt16BE(5004), 2);
});
