// A sandbox broker for one test: a fresh data directory, a free port, stopped and removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type RunningBroker } from '../../electron/broker';

export interface TestBroker {
  bootstrap: string;
  port: number;
  dataDir: string;
  running: RunningBroker;
  /** Log lines the broker wrote, for assertions on what it reported. */
  lines: string[];
  stop(): Promise<void>;
}

export async function startTestBroker(
  config: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'brook-broker-')),
): Promise<TestBroker> {
  const lines: string[] = [];
  const running = await startBroker({ dataDir, host: '127.0.0.1', port: 0, config, log: (l) => lines.push(l) });
  return {
    bootstrap: `127.0.0.1:${running.port}`,
    port: running.port,
    dataDir,
    running,
    lines,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A kafkajs logCreator that keeps kafkajs quiet in test output. */
export const silentKafkaLog = () => () => {};
