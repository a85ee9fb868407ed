// A small levelled logger. Core and kafkajs log through it, so the console stays quiet in tests
// (BROOK_LOG=debug|info|warn|error|silent; default info, tests set warn).
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
  child(scope: string): Logger;
}

export function createLogger(scope = 'brook', level: LogLevel = envLevel()): Logger {
  const emit = (at: LogLevel, message: string, extra?: unknown) => {
    if (order[at] < order[level]) return;
    const line = `${new Date().toISOString()} ${at.padEnd(5)} [${scope}] ${message}`;
    const tail = extra === undefined ? '' : ` ${typeof extra === 'string' ? extra : safeJson(extra)}`;
    (at === 'error' || at === 'warn' ? console.error : console.log)(line + tail);
  };
  return {
    debug: (m, e) => emit('debug', m, e),
    info: (m, e) => emit('info', m, e),
    warn: (m, e) => emit('warn', m, e),
    error: (m, e) => emit('error', m, e),
    child: (child) => createLogger(`${scope}:${child}`, level),
  };
}

function envLevel(): LogLevel {
  const value = process.env.BROOK_LOG as LogLevel | undefined;
  return value && value in order ? value : 'info';
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
