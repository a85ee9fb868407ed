// Small host pieces of core: the key-file SecretBox, the window state, the Electron check.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadWindowState, saveWindowState } from '../../electron/core/app/window-state';
import { describeFailure } from '../../electron/core/clusters/failures';
import { checkElectron } from '../../electron/core/launch';
import { createKeyFileSecretBox } from '../../electron/core/secrets';

test('the key-file SecretBox seals, opens, and keeps its key private', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brook-secrets-'));
  try {
    const box = createKeyFileSecretBox(join(dir, 'secret.key'));
    const sealed = box.encrypt('hunter2');
    assert.doesNotMatch(sealed, /hunter2/);
    assert.notEqual(box.encrypt('hunter2'), sealed, 'a fresh IV each time');
    assert.equal(createKeyFileSecretBox(join(dir, 'secret.key')).decrypt(sealed), 'hunter2');
    if (process.platform !== 'win32') assert.equal(statSync(join(dir, 'secret.key')).mode & 0o777, 0o600);
    assert.throws(() => box.decrypt(`v1:${Buffer.alloc(40).toString('base64')}`), { code: 'SECRET_UNAVAILABLE' });
    assert.throws(() => box.decrypt('os1:abc'), { code: 'SECRET_UNAVAILABLE' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('window state: remembered, and dropped when off every display', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brook-window-'));
  const file = join(dir, 'window-state.json');
  const display = { x: 0, y: 0, width: 1920, height: 1080 };
  try {
    assert.deepEqual(loadWindowState(file, [display]), { width: 1280, height: 800, maximized: false });
    saveWindowState(file, { x: 100, y: 80, width: 1000, height: 700 }, true);
    assert.deepEqual(loadWindowState(file, [display]), { x: 100, y: 80, width: 1000, height: 700, maximized: true });
    assert.deepEqual(loadWindowState(file, [{ x: 5000, y: 0, width: 800, height: 600 }]), { width: 1000, height: 700, maximized: true });
    writeFileSync(file, 'garbage');
    assert.equal(loadWindowState(file, [display]).width, 1280);
    assert.ok(readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('npm start says why Electron cannot start here', () => {
  const check = checkElectron({}, 'linux');
  assert.equal(check.ok, false);
  assert.match(!check.ok ? check.reason : '', /binary was not downloaded|no display/);
});

test('electron-builder packages the Electron version package.json pins', () => {
  const pinned = JSON.parse(readFileSync('package.json', 'utf8')).optionalDependencies.electron;
  assert.match(pinned, /^\d+\.\d+\.\d+$/, 'an exact version, so the two cannot drift apart within a range');
  assert.match(readFileSync('build/electron-builder.yml', 'utf8'), new RegExp(`^electronVersion: ${pinned.replaceAll('.', '\\.')}$`, 'm'));
  assert.equal(JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version, pinned, 'npm install put the pinned package in place');
});

test('kafkajs errors map to codes a user can act on', () => {
  const where = { server: 'kafka:9092', spec: { brokers: ['kafka:9092'], securityProtocol: 'SASL_PLAINTEXT' as const, tls: false as const, sasl: { mechanism: 'SCRAM-SHA-256' as const, username: 'alice', password: 'x' } }, stage: 'auth' };
  const sasl = Object.assign(new Error('SASL SCRAM SHA256 authentication failed: Authentication failed'), { name: 'KafkaJSSASLAuthenticationError' });
  assert.equal(describeFailure(sasl, where).code, 'SASL_AUTHENTICATION');
  assert.match(describeFailure(sasl, where).message, /rejected the SCRAM-SHA-256 login for "alice"/);
  const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError', code: 'ECONNREFUSED' });
  const retries = Object.assign(new Error('retries'), { name: 'KafkaJSNumberOfRetriesExceeded', cause: refused });
  assert.equal(describeFailure(retries, where).code, 'CONNECTION_REFUSED');
  const timeout = Object.assign(new Error('Request Metadata(key: 3, version: 6) timed out'), { name: 'KafkaJSRequestTimeoutError' });
  assert.equal(describeFailure(timeout, where).code, 'TIMEOUT');
});
