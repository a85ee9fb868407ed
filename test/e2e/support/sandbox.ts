// e2e: an app whose sandbox runs, with topics made by kafkajs, for the screens that show records.
import assert from 'node:assert/strict';
import { Kafka, type ITopicConfig } from 'kafkajs';
import { silentKafkaLog } from '../../support/broker';
import { startApp, type TestApp } from './harness';

export interface SandboxApp {
  app: TestApp;
  bootstrap: string;
  kafka: Kafka;
}

/** startApp with the sandbox started (and these topics created), and a kafkajs client of it. */
export async function startSandboxApp(topics: ITopicConfig[] = []): Promise<SandboxApp> {
  const app = await startApp();
  const started = await app.core.registry.dispatch('sandbox:start', { demo: false });
  assert.equal(started.ok, true, JSON.stringify(started));
  const bootstrap = (started as { value: { bootstrap: string } }).value.bootstrap;
  const kafka = new Kafka({ brokers: [bootstrap], logCreator: silentKafkaLog });
  if (topics.length) {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics });
    await admin.disconnect();
  }
  return { app, bootstrap, kafka };
}
