// Record batches compressed by a real client: confluent-kafka (librdkafka, the library inside kcat)
// produces a few messages with the timestamps a test chooses, lingering so that they travel as one
// batch, which is what ListOffsets by timestamp must look inside. (kcat cannot set timestamps, and
// librdkafka stamps the messages of one kcat batch alike.) Batches are read back from the
// sandbox's segment files (Kafka's own layout), byte for byte as the client sent them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iterateBatches } from '../../electron/broker/protocol/record-batch';
import { runOk } from './run';

const PRODUCE = `
import json, sys
from confluent_kafka import Producer
a = json.loads(sys.argv[1])
p = Producer({'bootstrap.servers': a['bootstrap'], 'compression.type': a['codec'], 'linger.ms': 5000})
# Know the partition's leader first: messages produced before that wait in librdkafka's unassigned
# queue, and flush() sends at once what has reached the partition, splitting the batch.
p.list_topics(a['topic'], timeout=30)
for i, ts in enumerate(a['timestamps']):
    p.produce(a['topic'], value=('message %d of a compressed batch ' % i) * 8, key='k%d' % i, partition=a['partition'], timestamp=ts)
if p.flush(30) != 0:
    sys.exit('messages left unsent')
`;

/** Produces one message per timestamp to topic-partition with compression.type `codec`, in one batch. */
export async function produceWithTimestamps(bootstrap: string, topic: string, partition: number, codec: string, timestamps: number[]): Promise<void> {
  await runOk('/usr/bin/python3', ['-c', PRODUCE, JSON.stringify({ bootstrap, topic, partition, codec, timestamps })]);
}

/** The batches of a partition of a sandbox's data dir, each as its own bytes. */
export function storedBatches(dataDir: string, topic: string, partition: number): Buffer[] {
  const dir = join(dataDir, `${topic}-${partition}`);
  const out: Buffer[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
    const log = readFileSync(join(dir, file));
    for (const { pos, header } of iterateBatches(log)) out.push(log.subarray(pos, pos + header.size));
  }
  return out;
}
