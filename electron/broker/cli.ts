// `npm run sandbox -- --port 9092 --data-dir ./sandbox-data [--host H] [--config key=value]...
// [--config-file server.properties]`: prints `listening on HOST:PORT` once it accepts connections,
// and stops cleanly on SIGINT or SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseProperties, isKnownBrokerKey } from './config';
import { startBroker } from './index';

const usage = `usage: brook-sandbox [--host 127.0.0.1] [--port 9092] [--data-dir ./sandbox-data]
                    [--config key=value]... [--config-file server.properties]`;

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
    running.broker.log(`${signal}: stopping`);
    running.stop().then(
      () => process.exit(0),
      (err: Error) => fail(`stop failed: ${err.message}`),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
