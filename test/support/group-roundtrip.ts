// One round trip per client library: produce the values of ROUND_TRIP to partition 0 of a fresh
// topic, read them back as the only member of a consumer group, commit, and close. Each resolves
// with the values read (the Python clients also with the offset they saw committed), or rejects
// with what the client reported. committedAndLatest then asks the broker (OffsetFetch and
// ListOffsets) where the group stands.
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { runOk } from './run';
import { kafkaTool } from './kafka-target';
import { kcatArgs, type ClientSecurity } from './client-security';

export const ROUND_TRIP = ['one', 'two', 'three'];

export async function kafkajsRoundTrip(kafka: Kafka, topic: string, groupId: string): Promise<string[]> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: ROUND_TRIP.map((value) => ({ value, partition: 0 })) });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const read: string[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let last = '0';
    const done = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error));
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          read.push(message.value!.toString());
          last = message.offset;
          if (read.length === ROUND_TRIP.length) resolve();
        },
      });
    });
    await done;
    await consumer.commitOffsets([{ topic, partition: 0, offset: String(Number(last) + 1) }]);
  } finally {
    await consumer.disconnect();
  }
  return read;
}

/**
 * kafka-python or confluent-kafka through clients/security_clients.py, `config` in the client's own
 * words (kafkaPythonConfig, librdkafkaConfig); also what the client itself read back as committed.
 */
export async function pythonRoundTrip(client: 'kafka-python' | 'confluent', config: Record<string, string>, bootstrap: string, topic: string, group: string) {
  const script = join(import.meta.dirname, '..', 'broker', 'clients', 'security_clients.py');
  const out = JSON.parse(await runOk('/usr/bin/python3', [script, client, bootstrap, topic, group, JSON.stringify(config)], { timeoutMs: 90_000 })) as
    | { error: string }
    | { produced: number; consumed: string[]; committed: number };
  if ('error' in out) throw new Error(out.error);
  return out;
}

/** kcat -P, then kcat -G (a balanced consumer, committing as it closes) until partition 0's end. */
export async function kcatRoundTrip(s: ClientSecurity, bootstrap: string, topic: string, group: string): Promise<string[]> {
  const args = ['-b', bootstrap, ...kcatArgs(s)];
  await runOk('kcat', [...args, '-P', '-t', topic, '-p', '0'], { input: ROUND_TRIP.map((v) => `${v}\n`).join('') });
  const out = await runOk('kcat', [...args, '-X', 'auto.offset.reset=earliest', '-G', group, '-e', '-f', '%s\\n', topic], { timeoutMs: 60_000 });
  return out.split('\n').filter(Boolean);
}

/** kafka-console-producer, then kafka-console-consumer in a group (committing as it closes). */
export async function javaRoundTrip(configPath: string, bootstrap: string, topic: string, group: string): Promise<string[]> {
  const common = ['--bootstrap-server', bootstrap, '--topic', topic, '--command-config', configPath];
  const produced = await kafkaTool('kafka-console-producer', common, { input: ROUND_TRIP.map((v) => `${v}\n`).join('') });
  if (produced.code !== 0 || /ERROR|Exception/.test(produced.stderr)) throw new Error(`kafka-console-producer exited ${produced.code}: ${produced.stderr}`);
  const consumed = await kafkaTool('kafka-console-consumer', [...common, '--group', group, '--from-beginning', '--max-messages', String(ROUND_TRIP.length)]);
  if (consumed.code !== 0) throw new Error(`kafka-console-consumer exited ${consumed.code}: ${consumed.stderr}`);
  return consumed.stdout.split('\n').filter(Boolean);
}

/** The group's committed offset (OffsetFetch) and the log end offset (ListOffsets latest) of partition 0. */
export async function committedAndLatest(kafka: Kafka, groupId: string, topic: string): Promise<{ committed: number; latest: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // ListOffsets first: it loads the metadata kafkajs needs to find the coordinator (with no retries).
    const latest = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === 0)!;
    const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = fetched.partitions.find((p) => p.partition === 0)!;
    return { committed: Number(committed.offset), latest: Number(latest.high) };
  } finally {
    await admin.disconnect();
  }
}
