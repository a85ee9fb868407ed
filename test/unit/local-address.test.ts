// Which WebSocket callers count as this machine (Open data folder opens a window only for them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLocalAddress } from '../../electron/core/transport/local-address';

test('loopback and our own interfaces are local; anything else, or nothing, is not', () => {
  const own = new Set(['192.168.1.20', 'fe80::1']);
  for (const address of ['127.0.0.1', '127.5.0.1', '::1', '::ffff:127.0.0.1', '192.168.1.20', '::ffff:192.168.1.20', 'FE80::1']) assert.equal(isLocalAddress(address, own), true, address);
  for (const address of ['192.168.1.21', '10.0.0.7', '::ffff:10.0.0.7', '2001:db8::1', '', undefined]) assert.equal(isLocalAddress(address, own), false, String(address));
  assert.equal(isLocalAddress('127.0.0.1'), true, 'with the real interfaces');
});
