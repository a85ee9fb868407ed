// The contract: names, schemas, and the error shape, without I/O.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { channels, contract, isChannel } from '../../shared/contract';
import { BrookError, BrookErrorShape, errorCodes, invalidInput } from '../../shared/errors';
import { eventNames, events } from '../../shared/events';
import { BootstrapServer, ClusterDraft } from '../../shared/model';

test('every channel is domain:verb with zod input and output schemas', () => {
  assert.ok(channels.length >= 10);
  for (const name of channels) {
    assert.match(name, /^[a-z]+:[a-zA-Z]+$/, name);
    assert.ok(contract[name].input instanceof z.ZodType, `${name} input`);
    assert.ok(contract[name].output instanceof z.ZodType, `${name} output`);
  }
  for (const name of eventNames) assert.ok(events[name] instanceof z.ZodType, name);
  assert.equal(isChannel('clusters:list'), true);
  assert.equal(isChannel('toString'), false);
  assert.equal(isChannel('__proto__'), false);
});

test('bootstrap servers: host:port with a port in range', () => {
  for (const ok of ['localhost:9092', 'kafka-1.example.com:9093', '10.0.0.7:19092', '[::1]:9092']) assert.equal(BootstrapServer.safeParse(ok).success, true, ok);
  const messages = (value: string) => BootstrapServer.safeParse(value).error?.issues.map((i) => i.message).join(' ');
  assert.match(messages('kafka:0')!, /out of range/);
  assert.match(messages('kafka:65536')!, /out of range/);
  assert.match(messages('kafka')!, /not host:port/);
  assert.match(messages('')!, /Enter a bootstrap server/);
});

test('a cluster draft: defaults, and SASL needs credentials', () => {
  const parsed = ClusterDraft.parse({ name: ' Dev ', bootstrapServers: ['localhost:9092'] });
  assert.equal(parsed.name, 'Dev');
  assert.equal(parsed.securityProtocol, 'PLAINTEXT');
  assert.match(parsed.color, /^#[0-9a-f]{6}$/i);
  const sasl = ClusterDraft.safeParse({ name: 'x', bootstrapServers: ['a:1'], securityProtocol: 'SASL_SSL' });
  assert.equal(sasl.success, false);
  assert.deepEqual(sasl.error?.issues[0]?.path, ['sasl', 'username']);
});

test('invalid input becomes field-level messages in the shared error shape', () => {
  const result = ClusterDraft.safeParse({ name: '', bootstrapServers: ['kafka:99999'] });
  assert.equal(result.success, false);
  const shape = invalidInput(result.error!).toShape();
  assert.equal(BrookErrorShape.safeParse(shape).success, true);
  assert.equal(shape.code, 'INVALID_INPUT');
  assert.match(shape.fields!.name!, /name/);
  assert.match(shape.fields!['bootstrapServers.0']!, /out of range/);
  const error = new BrookError({ code: 'TIMEOUT', message: 'slow', hint: 'wait' });
  assert.deepEqual(JSON.parse(JSON.stringify(error.toShape())), { code: 'TIMEOUT', message: 'slow', hint: 'wait' });
  assert.ok(errorCodes.includes('NOT_KAFKA'));
});
