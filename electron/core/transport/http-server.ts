// The contract over HTTP + WebSocket, for a browser (`npm run serve`) and for e2e tests: serves the
// built renderer and answers invoke messages on /ws with the same registry Electron's IPC uses.
// Guarded by a random token: the printed URL carries it, the page gets it as an HttpOnly cookie,
// the WebSocket must present it (in its URL or the cookie) and come from our own origin. Host headers are checked so a DNS
// rebinding page cannot reach it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller } from '../context';
import type { Core } from '../index';
import type { Logger } from '../logger';
import { serveExports } from './export-files';
import { isLocalAddress } from './local-address';

export interface ServeOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  logger: Logger;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'brook_token';
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export async function startHttpServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const log = options.logger;
  let boundPort = 0;

  const tokenOk = (candidate: string | null | undefined) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const cookieToken = (req: IncomingMessage) =>
    (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === COOKIE)?.[1];
  const hostOk = (req: IncomingMessage) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    const name = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return ['127.0.0.1', 'localhost', '::1', host.toLowerCase()].includes(name) || (host === '0.0.0.0' || host === '::');
  };
  const csp = () =>
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${boundPort} ws://localhost:${boundPort}${host !== '127.0.0.1' ? ` ws://${host}:${boundPort}` : ''}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      log.error('request failed', (error as Error).stack);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    }
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://brook.invalid');
    if (!hostOk(req)) return deny(res, 403, 'Brook: this host name is not allowed.');
    const fromQuery = url.searchParams.get('token');
    const authorised = tokenOk(fromQuery) || tokenOk(cookieToken(req));
    if (!authorised) {
      return deny(res, 401, 'Brook: unauthorised. Open the address printed in the terminal, with its ?token=... part.');
    }
    if (serveExports(req, res, decodeURIComponent(url.pathname), options.core.exportsDir, deny)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed');
    const headers: Record<string, string | string[]> = {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    };
    if (tokenOk(fromQuery)) headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;

    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    let file = normalize(join(rendererDir, path));
    if (!file.startsWith(rendererDir + sep)) return deny(res, 403, 'Forbidden');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (extname(path)) return deny(res, 404, 'Not found');
      file = join(rendererDir, 'index.html'); // client-side routes
    }
    if (!existsSync(file)) {
      return deny(res, 500, `Brook: the renderer is not built (${rendererDir} has no index.html). Run "npm run build:app".`);
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    headers['content-type'] = type;
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = csp();
      headers['cache-control'] = 'no-store';
    } else {
      headers['cache-control'] = 'no-cache';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://brook.invalid');
    const origin = req.headers.origin;
    const sameOrigin = origin === `http://${req.headers.host}`;
    // The cookie alone will do: a bookmarked address has no token, and the page drops it from the address bar.
    const authorised = tokenOk(url.searchParams.get('token')) || tokenOk(cookieToken(req));
    if (url.pathname !== '/ws' || !hostOk(req) || !sameOrigin || !authorised) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    const caller: Caller = { local: isLocalAddress(req.socket.remoteAddress) };
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, caller));
  });

  const attach = (ws: WebSocket, caller: Caller) => {
    const unsubscribe = options.core.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'event', event, payload }));
    });
    // This socket's streams and subscriptions: its messages alone reach it, and they end with it.
    const session = options.core.openSession((message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    });
    ws.on('close', () => {
      unsubscribe();
      session.close();
    });
    ws.on('message', (data) => {
      let message: { type?: unknown; id?: unknown; channel?: unknown; input?: unknown };
      try {
        message = JSON.parse(String(data));
      } catch {
        return ws.close(1003, 'not JSON');
      }
      if (message.type !== 'invoke') {
        if (!session.handle(message)) ws.close(1003, 'unknown message');
        return;
      }
      if (typeof message.id !== 'number') return ws.close(1003, 'unknown message');
      const id = message.id;
      void options.core.registry.dispatch(message.channel, message.input, caller).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, result }));
      });
    });
  };

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 8080 }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${boundPort}/?token=${token}`,
    host,
    port: boundPort,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function deny(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text + '\n');
}
