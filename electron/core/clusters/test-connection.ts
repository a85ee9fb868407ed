// "Test connection": probe each bootstrap server below the client (DNS, TCP, TLS, ApiVersions),
// then log in and describe the cluster with kafkajs. Answers within the timeout, always with a
// result (never a thrown error): ok with the cluster's brokers, or what failed and what to do.
import type { TestResult, TestStep } from '../../../shared/model';
import type { Logger } from '../logger';
import type { ConnectionSpec } from './connection';
import { describeFailure } from './failures';
import { kafkaClient } from './kafka';
import { probeServer } from './probe';

export async function testConnection(spec: ConnectionSpec, timeoutMs: number, logger: Logger): Promise<TestResult> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let firstFailure: TestResult | undefined;

  for (const server of spec.brokers) {
    const probe = await probeServer(server, spec, deadline);
    if (probe.failure) {
      firstFailure ??= { ok: false, target: server, ms: Date.now() - started, steps: probe.steps, error: probe.failure };
      if (Date.now() >= deadline) break;
      continue;
    }
    const steps: TestStep[] = [...probe.steps];
    const kafkaStarted = Date.now();
    const admin = kafkaClient({ ...spec, brokers: [server] }, logger.child('kafkajs'), {
      clientId: 'brook-test',
      connectionTimeout: Math.max(500, deadline - Date.now()),
      requestTimeout: Math.max(500, deadline - Date.now()),
      retries: 0,
    }).admin();
    let timer: NodeJS.Timeout | undefined;
    try {
      const described = await Promise.race([
        (async () => {
          await admin.connect();
          if (spec.sasl) steps.push({ name: 'auth', ok: true, ms: Date.now() - kafkaStarted, note: spec.sasl.mechanism });
          return admin.describeCluster();
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('timed out waiting for the cluster metadata'), { code: 'BROOK_TIMEOUT' })), Math.max(0, deadline - Date.now()));
        }),
      ]);
      steps.push({ name: 'metadata', ok: true, ms: Date.now() - kafkaStarted, note: `${described.brokers.length} broker(s)` });
      return {
        ok: true,
        target: server,
        ms: Date.now() - started,
        steps,
        cluster: {
          clusterId: described.clusterId ?? '',
          controller: described.controller ?? null,
          brokers: described.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
        },
      };
    } catch (error) {
      const stage = spec.sasl && !steps.some((s) => s.name === 'auth') ? 'auth' : 'metadata';
      steps.push({ name: stage, ok: false, ms: Date.now() - kafkaStarted });
      return { ok: false, target: server, ms: Date.now() - started, steps, error: describeFailure(error, { server, spec, stage }) };
    } finally {
      clearTimeout(timer);
      admin.disconnect().catch(() => undefined);
    }
  }
  return firstFailure ?? { ok: false, target: spec.brokers[0] ?? '', ms: Date.now() - started, steps: [], error: { code: 'INVALID_INPUT', message: 'No bootstrap servers', hint: 'Add at least one bootstrap server.' } };
}
