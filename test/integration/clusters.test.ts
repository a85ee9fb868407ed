// clusters:* against real sockets: every way a connection can fail gets its own code and words,
// bad input never reaches kafkajs, profiles are stored with sealed secrets, a corrupt file is set
// aside with a message.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { close, createHttpServer, createServer, createTlsServer, freePort, listen, makeCore, selfSignedCert, type TestCore } from './support';

type Result = { ok: boolean; target: string; ms: number; error?: { code: string; message: string; hint?: string } };

let app: TestCore;
before(() => {
  app = makeCore();
});
after(async () => {
  await app.close();
});

async function testDraft(server: string, extra: Record<string, unknown> = {}, timeoutMs = 5_000): Promise<Result> {
  const reply = await app.call('clusters:test', { draft: { name: 'x', bootstrapServers: [server], ...extra }, timeoutMs });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply.value as Result;
}

describe('Test connection explains what went wrong', () => {
  test('refused', async () => {
    const result = await testDraft(`127.0.0.1:${await freePort()}`);
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'CONNECTION_REFUSED');
    assert.match(result.error!.message, /nothing is listening/);
  });

  test('DNS', async () => {
    const result = await testDraft('no-such-broker.invalid:9092');
    assert.equal(result.error?.code, 'DNS_NOT_FOUND');
    assert.match(result.error!.message, /no-such-broker\.invalid/);
  });

  test('not Kafka (an HTTP server)', async () => {
    const http = createHttpServer((_req, res) => res.end('hello'));
    const port = await listen(http);
    try {
      const result = await testDraft(`127.0.0.1:${port}`);
      assert.equal(result.error?.code, 'NOT_KAFKA', JSON.stringify(result));
      assert.match(result.error!.message, /not a Kafka broker/);
    } finally {
      await close(http);
    }
  });

  test('timeout (a server that never answers), within the time asked', async () => {
    const silent = createServer((socket) => socket.resume()); // reads, never answers
    const port = await listen(silent);
    try {
      const started = Date.now();
      const result = await testDraft(`127.0.0.1:${port}`, {}, 1_000);
      assert.equal(result.error?.code, 'TIMEOUT');
      assert.ok(Date.now() - started < 2_500, `answered in ${Date.now() - started} ms`);
    } finally {
      await close(silent);
    }
  });

  describe('TLS', () => {
    let tls: { dir: string; cert: string; key: string; certFile: string };
    let server: ReturnType<typeof createTlsServer>;
    let port: number;
    before(async () => {
      tls = selfSignedCert();
      server = createTlsServer({ cert: tls.cert, key: tls.key }, (socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
      server.on('tlsClientError', () => undefined);
      port = await listen(server);
    });
    after(async () => {
      await close(server);
      rmSync(tls.dir, { recursive: true, force: true });
    });

    test('an untrusted certificate', async () => {
      const result = await testDraft(`localhost:${port}`, { securityProtocol: 'SSL' });
      assert.equal(result.error?.code, 'TLS_CERTIFICATE', JSON.stringify(result));
      assert.match(result.error!.message, /self-signed/);
      assert.match(result.error!.hint!, /CA file/);
    });

    test('a trusted certificate gets past TLS (and then finds no Kafka)', async () => {
      const result = await testDraft(`localhost:${port}`, { securityProtocol: 'SSL', tls: { caFile: tls.certFile } });
      assert.equal(result.error?.code, 'NOT_KAFKA', JSON.stringify(result));
    });

    test('PLAINTEXT against a TLS port', async () => {
      const result = await testDraft(`127.0.0.1:${port}`);
      assert.equal(result.error?.code, 'TLS_HANDSHAKE', JSON.stringify(result));
      assert.match(result.error!.message, /expects TLS/);
    });

    test('SSL against a plaintext port', async () => {
      const http = createHttpServer((_req, res) => res.end('hello'));
      const plainPort = await listen(http);
      try {
        const result = await testDraft(`127.0.0.1:${plainPort}`, { securityProtocol: 'SSL' });
        assert.equal(result.error?.code, 'TLS_HANDSHAKE', JSON.stringify(result));
      } finally {
        await close(http);
      }
    });
  });
});

describe('bad input is stopped at the boundary with field-level messages', () => {
  const save = (draft: Record<string, unknown>) => app.call('clusters:save', { name: 'Bad', bootstrapServers: ['kafka:9092'], ...draft });

  test('a missing bootstrap server', async () => {
    const reply = await save({ bootstrapServers: [] });
    assert.equal(reply.error?.code, 'INVALID_INPUT');
    assert.match(reply.error!.fields!.bootstrapServers!, /at least one bootstrap server/);
  });

  test('a port out of range', async () => {
    const reply = await save({ bootstrapServers: ['kafka:70000'] });
    assert.match(reply.error!.fields!['bootstrapServers.0']!, /Port 70000 is out of range/);
  });

  test('an unreadable CA file', async () => {
    const reply = await save({ securityProtocol: 'SSL', tls: { caFile: '/nonexistent/ca.pem' } });
    assert.equal(reply.error?.code, 'INVALID_INPUT');
    assert.match(reply.error!.fields!['tls.caFile']!, /does not exist/);
  });

  test('SASL without a password', async () => {
    const reply = await save({ securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'PLAIN', username: 'alice' } });
    assert.match(reply.error!.fields!['sasl.password']!, /password/);
  });

  test('Test connection with a bad draft answers INVALID_INPUT, not a connection error', async () => {
    const reply = await app.call('clusters:test', { draft: { name: 'x', bootstrapServers: ['nohostport'] } });
    assert.equal(reply.error?.code, 'INVALID_INPUT');
  });

  test('nothing was saved', async () => {
    assert.deepEqual((await app.call('clusters:list')).value, []);
  });
});

describe('saved profiles', () => {
  test('passwords are sealed at rest, with a key only the user can read', async () => {
    const saved = await app.call('clusters:save', {
      name: 'Prod',
      bootstrapServers: ['kafka-1:9093', 'kafka-2:9093'],
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice', password: 'correct horse battery staple' },
    });
    assert.equal(saved.ok, true, JSON.stringify(saved));
    const file = readFileSync(join(app.dir, 'clusters.json'), 'utf8');
    assert.ok(!file.includes('correct horse'), 'no plaintext password on disk');
    assert.match(file, /"sealedPassword": "v1:/);
    if (process.platform !== 'win32') assert.equal(statSync(join(app.dir, 'secret.key')).mode & 0o777, 0o600);
    const list = (await app.call('clusters:list')).value as Array<{ name: string; sasl?: { hasPassword: boolean; password?: string } }>;
    assert.equal(list[0]?.sasl?.hasPassword, true);
    assert.equal(list[0]?.sasl?.password, undefined);

    // Editing without a password keeps the stored one.
    const id = (saved.value as { id: string }).id;
    const edited = await app.call('clusters:save', { id, name: 'Prod EU', bootstrapServers: ['kafka-1:9093'], securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice' } });
    assert.equal((edited.value as { sasl: { hasPassword: boolean } }).sasl.hasPassword, true);
    assert.deepEqual((await app.call('clusters:remove', { id })).value, { removed: true });
  });

  test('a corrupt profiles file is set aside with a message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brook-corrupt-'));
    writeFileSync(join(dir, 'clusters.json'), '{"version": 1, "clusters": [ {"id": ');
    const other = makeCore({ dir });
    try {
      assert.deepEqual((await other.call('clusters:list')).value, []);
      const info = (await other.call('app:info')).value as { notices: string[] };
      assert.match(info.notices[0]!, /could not be read.*moved to .*clusters\.json\.corrupt-/);
      const aside = readdirSync(dir).filter((f) => f.startsWith('clusters.json.corrupt-'));
      assert.equal(aside.length, 1);
      assert.ok(!existsSync(join(dir, 'clusters.json')));
    } finally {
      await other.close();
    }
  });

  test('an unknown channel and a missing profile get their codes', async () => {
    assert.equal((await app.call('clusters:explode')).error?.code, 'UNKNOWN_CHANNEL');
    assert.equal((await app.call('clusters:test', { id: 'nope' })).error?.code, 'NOT_FOUND');
  });
});
