import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { crc32c, crc32cUpdate } from '../../electron/broker/protocol/crc32c';
import { compileCrc32cWasm } from '../../electron/broker/protocol/crc32c-wasm';

const require = createRequire(import.meta.url);

test('crc32c of "123456789" is 0xE3069283', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
});

test('crc32c known vectors (RFC 3720 B.4)', () => {
  assert.equal(crc32c(Buffer.alloc(0)), 0);
  assert.equal(crc32c(Buffer.alloc(32, 0)), 0x8a9136aa);
  assert.equal(crc32c(Buffer.alloc(32, 0xff)), 0x62a8ab43);
  const inc = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  assert.equal(crc32c(inc), 0x46dd794e);
});

test('crc32c over a range and incrementally equals the whole', () => {
  const buf = Buffer.from('xx123456789yy');
  assert.equal(crc32c(buf, 2, 11), 0xe3069283);
  const big = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff));
  for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) {
    assert.equal(crc32cUpdate(crc32c(big, 0, cut), big, cut), crc32c(big));
  }
});

test('crc32c agrees with kafkajs (an independent implementation) on every length 0..300', () => {
  const kafkajsCrc = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number;
  const buf = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff));
  for (let n = 0; n <= 300; n++) {
    assert.equal(crc32c(buf, 0, n), kafkajsCrc(buf.subarray(0, n)) >>> 0, `length ${n}`);
  }
});

test('crc32c agrees with kafkajs from every alignment of the underlying memory', () => {
  const kafkajsCrc = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number;
  const backing = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 197 + 3) & 0xff));
  for (let shift = 0; shift < 8; shift++) {
    const view = backing.subarray(shift);
    for (const [start, end] of [[0, 64], [1, 65], [3, 200], [5, 399 - shift], [0, 80]]) {
      assert.equal(crc32c(view, start, end), kafkajsCrc(view.subarray(start, end)) >>> 0, `shift ${shift} [${start}, ${end})`);
    }
  }
});

test('the WebAssembly loop compiles here, so long inputs do not silently fall back to JavaScript', () => {
  assert.notEqual(compileCrc32cWasm(new Int32Array(16 * 256)), null);
});

test('crc32c of inputs longer than the WebAssembly chunk agrees with kafkajs', () => {
  const kafkajsCrc = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number;
  const buf = Buffer.from(Array.from({ length: (1 << 21) + 9 }, (_, i) => (i * 7919) & 0xff));
  for (const [start, end] of [[0, buf.length], [3, (1 << 20) + 5], [1, 1 << 20]]) {
    assert.equal(crc32c(buf, start, end), kafkajsCrc(buf.subarray(start, end)) >>> 0, `[${start}, ${end})`);
  }
});

test('every length, alignment and continuation agrees with kafkajs, across the WebAssembly and JavaScript loops', () => {
  const kafkajsCrc = require('kafkajs/src/protocol/recordBatch/crc32C/index.js') as (b: Buffer) => number;
  const backing = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 193 + 11) & 0xff));
  for (let shift = 0; shift < 4; shift++) {
    const buf = backing.subarray(shift);
    for (let n = 1; n <= 2100; n += n < 300 ? 7 : 37) {
      const expected = kafkajsCrc(buf.subarray(0, n)) >>> 0;
      assert.equal(crc32c(buf, 0, n), expected, `shift ${shift}, length ${n}`);
      // A short head (the JavaScript loop) continued by a long tail (WebAssembly), and the other way.
      const cut = n >> 1;
      assert.equal(crc32cUpdate(crc32c(buf, 0, cut), buf, cut, n), expected, `continued at ${cut}`);
      if (n >= 300) assert.equal(crc32cUpdate(crc32c(buf, 0, 300), buf, 300, n), expected, `continued at 300`);
    }
  }
});
