// The registry: inputs parsed before handlers run, every failure in the shared shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BrookError } from '../../shared/errors';
import { createLogger } from '../../electron/core/logger';
import { createRegistry, type Handlers } from '../../electron/core/registry';

function registry(overrides: Partial<Handlers>) {
  const calls: string[] = [];
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, key: string) =>
      target[key as keyof Handlers] ??
      ((input: unknown) => {
        calls.push(`${key}:${JSON.stringify(input)}`);
        return {};
      }),
  });
  return { calls, registry: createRegistry(handlers, createLogger('test', 'silent')) };
}

test('a handler never sees invalid input', async () => {
  const { calls, registry: r } = registry({});
  const result = await r.dispatch('clusters:save', { name: 'x', bootstrapServers: ['nope'] });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'INVALID_INPUT');
  assert.deepEqual(calls, []);
});

test('inputs reach the handler parsed, with defaults applied', async () => {
  let seen: unknown;
  const { registry: r } = registry({ 'sandbox:start': (input) => ((seen = input), {} as never) });
  await r.dispatch('sandbox:start', undefined);
  assert.deepEqual(seen, { demo: false });
});

test('unknown channels, BrookErrors and bugs all come back as the shared shape', async () => {
  const { registry: r } = registry({
    'clusters:list': () => {
      throw new BrookError({ code: 'NOT_FOUND', message: 'gone', hint: 'reload' });
    },
    'clusters:remove': () => {
      throw new TypeError('oops');
    },
  });
  assert.deepEqual(await r.dispatch('nope:nope', {}), { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel nope:nope' } });
  assert.deepEqual(await r.dispatch('clusters:list', undefined), { ok: false, error: { code: 'NOT_FOUND', message: 'gone', hint: 'reload' } });
  const bug = await r.dispatch('clusters:remove', { id: 'x' });
  assert.equal(!bug.ok && bug.error.code, 'INTERNAL');
  assert.equal(!bug.ok && bug.error.detail, 'oops');
});
