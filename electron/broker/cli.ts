// `npm run sandbox -- --port 9092 --data-dir ./sandbox-data [--host H] [--config key=value]...
// [--config-file server.properties] [--sasl-users user:password,...] [--tls]`: prints `listening on
// HOST:PORT` once it accepts connections, and stops cleanly on SIGINT or SIGTERM.
// --sasl-users sets brook.sasl.users; --tls makes (or reuses) a self-signed CA and a server
// certificate for localhost/127.0.0.1 in <data-dir>/tls and prints where the CA is. Without
// --config listeners=..., they make the one listener SASL_PLAINTEXT, SSL or SASL_SSL; with it, they
// only supply the users and certificates (e.g. --config listeners=SASL_SSL://127.0.0.1:9093,...).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseProperties, isKnownBrokerKey } from './config';
import { startBroker } from './index';
import { join } from 'node:path';
import { generateSandboxCertificates } from './tls-certs';

const usage = `usage: brook-sandbox [--host 127.0.0.1] [--port 9092] [--data-dir ./sandbox-data]
                    [--config key=value]... [--config-file server.properties]
                    [--sasl-users user:password,...] [--tls]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string', default: './sandbox-data' },
        config: { type: 'string', multiple: true, default: [] },
        'config-file': { type: 'string' },
        'sasl-users': { type: 'string' },
        tls: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${usage}`);
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const settings: Record<string, string> = {};
  if (args['config-file']) {
    try {
      Object.assign(settings, parseProperties(readFileSync(args['config-file'], 'utf8')));
    } catch (err) {
      fail(`cannot read ${args['config-file']}: ${(err as Error).message}`);
    }
  }
  for (const kv of args.config) {
    const eq = kv.indexOf('=');
    if (eq <= 0) fail(`--config takes key=value, got "${kv}"`);
    settings[kv.slice(0, eq).trim()] = kv.slice(eq + 1);
  }
  const unknown = Object.keys(settings).filter((k) => !isKnownBrokerKey(k));
  if (unknown.length) fail(`unsupported broker setting${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  let port: number | undefined;
  if (args.port !== undefined) {
    port = Number(args.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got "${args.port}"`);
  }
  if (args['sasl-users'] !== undefined) settings['brook.sasl.users'] = args['sasl-users'];
  if (args.tls) {
    let certs;
    try {
      certs = generateSandboxCertificates(join(args['data-dir'], 'tls'));
    } catch (err) {
      fail(`--tls: ${(err as Error).message}`);
    }
    if (settings['ssl.keystore.certificate.chain'] === undefined) settings['ssl.certificate.location'] ??= certs.certPath;
    if (settings['ssl.keystore.key'] === undefined) settings['ssl.key.location'] ??= certs.keyPath;
    if (settings['ssl.truststore.certificates'] === undefined) settings['ssl.truststore.location'] ??= certs.caPath;
    process.stdout.write(`TLS CA certificate (trust it in clients): ${certs.caPath}\n`);
  }
  if (!settings.listeners && (args.tls || args['sasl-users'] !== undefined)) {
    const protocol = args.tls ? (args['sasl-users'] !== undefined ? 'SASL_SSL' : 'SSL') : 'SASL_PLAINTEXT';
    settings.listeners = `${protocol}://${args.host ?? '127.0.0.1'}:${port ?? 9092}`;
  }
  const host = args.host ?? (settings.listeners ? undefined : '127.0.0.1');
  let running;
  try {
    running = await startBroker({ dataDir: args['data-dir'], host, port: port ?? (settings.listeners ? undefined : 9092), config: settings });
  } catch (err) {
    fail((err as Error).message);
  }
  for (const l of running.broker.listeners) process.stdout.write(`listening on ${l.host}:${l.port}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { requestsHandled, connectionsAccepted } = running.broker;
    running.broker.log(`${signal}: stopping after ${requestsHandled} requests on ${connectionsAccepted} connections`);
    running.stop().then(
      () => process.exit(0),
      (err: Error) => fail(`stop failed: ${err.message}`),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
