// Serve mode's guard: the token (query or cookie) for pages and for the WebSocket, which must also
// come from our own origin; loopback Host headers only; and the contract over the socket, validated like IPC.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { createLogger } from '../../electron/core';
import { startHttpServer, type RunningServer } from '../../electron/core/transport/http-server';
import { makeCore, type TestCore } from './support';

let app: TestCore;
let server: RunningServer;
let rendererDir: string;

before(async () => {
  app = makeCore({ openPath: async () => true });
  rendererDir = mkdtempSync(join(tmpdir(), 'brook-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Brook</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startHttpServer({ core: app.core, rendererDir, port: 0, logger: createLogger('test', 'silent') });
});
after(async () => {
  await server.close();
  await app.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET', upload?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers, method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end(upload);
  });
}

test('the printed URL carries the token and binds to 127.0.0.1', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
});

test('a request without the token gets 401', async () => {
  const res = await get('/');
  assert.equal(res.status, 401);
  assert.match(res.body, /token/);
  assert.equal((await get('/assets/app.js')).status, 401);
  assert.equal((await get('/?token=wrong')).status, 401);
});

test('with the token: the page, a cookie for its assets, a strict CSP', async () => {
  const res = await get(`/?token=${server.token}`);
  assert.equal(res.status, 200);
  assert.match(String(res.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  assert.match(String(res.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  assert.equal((await get('/assets/app.js', { cookie })).status, 200);
  for (const path of ['/../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
    const escape = await get(path, { cookie });
    assert.ok(!escape.body.includes('root:'), `${path} stays inside the renderer folder`);
  }
  assert.equal((await get('/..%2f..%2fetc%2fpasswd', { cookie })).status, 403);
});

test('a foreign Host header (DNS rebinding) is refused', async () => {
  assert.equal((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status, 403);
});

/** A socket to /ws with the token in its URL (or none), and headers such as the page's cookie. */
function socket(token: string | null, origin = `http://127.0.0.1:${server.port}`, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${token === null ? '' : `?token=${token}`}`, { origin, headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

test('the WebSocket needs the token and our own origin', async () => {
  await assert.rejects(socket('wrong'), /401/);
  await assert.rejects(socket(null), /401/, 'neither token nor cookie');
  await assert.rejects(socket(server.token, 'http://evil.example'), /401/);
});

test('the cookie alone opens the WebSocket (a bookmark, or a page that took the token out of its address)', async () => {
  const cookie = `brook_token=${server.token}`;
  const ws = await socket(null, undefined, { cookie });
  ws.close();
  (await socket('stale', undefined, { cookie })).close();
  await assert.rejects(socket(null, undefined, { cookie: 'brook_token=wrong' }), /401/);
  await assert.rejects(socket(null, 'http://evil.example', { cookie }), /401/, 'still our own origin only');
  await assert.rejects(socket(null, undefined, { cookie, host: `evil.example:${server.port}` }), /401/, 'still loopback Host headers only');
});

test('the contract over the WebSocket: results, validation errors, pushed events', async () => {
  const ws = await socket(server.token);
  const replies: Array<{ type: string; id?: number; result?: { ok: boolean; value?: unknown; error?: { code: string } }; event?: string }> = [];
  ws.on('message', (data) => replies.push(JSON.parse(String(data))));
  const wait = async (predicate: () => boolean) => {
    for (let i = 0; i < 100 && !predicate(); i++) await new Promise((r) => setTimeout(r, 20));
  };
  ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'clusters:list' }));
  ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'clusters:save', input: { name: '', bootstrapServers: [] } }));
  ws.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'clusters:save', input: { name: 'Dev', bootstrapServers: ['localhost:9092'] } }));
  await wait(() => replies.filter((r) => r.type === 'result').length === 3 && replies.some((r) => r.type === 'event'));
  const byId = (id: number) => replies.find((r) => r.id === id)?.result;
  assert.deepEqual(byId(1), { ok: true, value: [] });
  assert.equal(byId(2)?.error?.code, 'INVALID_INPUT');
  assert.equal(byId(3)?.ok, true);
  assert.ok(replies.some((r) => r.type === 'event' && r.event === 'clusters:changed'));
  ws.close();
});

test('a socket from this machine counts as local, so Open data folder may open a window here', async () => {
  const ws = await socket(server.token);
  const reply = new Promise<{ result: { ok: boolean; value?: { opened: boolean } } }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
  ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'sandbox:openDataFolder' }));
  assert.equal((await reply).result.value?.opened, true);
  ws.close();
});

test('exports: downloaded as attachments, uploaded from our own page only, by name, never over one that exists', async () => {
  const own = { cookie: `brook_token=${server.token}`, origin: `http://127.0.0.1:${server.port}`, host: `127.0.0.1:${server.port}` };
  const line = '{"partition":0}\n';
  const put = await get('/exports/up.jsonl', own, 'PUT', line);
  assert.equal(put.status, 201, put.body);
  assert.deepEqual(JSON.parse(put.body), { bytes: line.length });
  const down = await get('/exports/up.jsonl', { cookie: own.cookie });
  assert.equal(down.status, 200);
  assert.equal(down.body, line);
  assert.equal(down.headers['content-disposition'], 'attachment; filename="up.jsonl"');
  assert.equal((await get('/exports/up.jsonl', own, 'PUT', 'again')).status, 409, 'an upload never replaces an export');
  assert.equal((await get('/exports/other.jsonl', { ...own, origin: 'http://evil.example' }, 'PUT', line)).status, 403);
  assert.equal((await get('/exports/up.jsonl', { origin: own.origin }, 'PUT', line)).status, 401, 'the token is needed');
  assert.equal((await get('/exports/..%2Fsecret.key', { cookie: own.cookie })).status, 400);
  assert.equal((await get('/exports/none.jsonl', { cookie: own.cookie })).status, 404);
});
