// Record batches compressed by a real client: kcat (librdkafka) produces a few messages a few
// milliseconds apart, lingering so that they travel as one batch whose records carry different
// timestamps, which is what ListOffsets by timestamp must look inside. The batch is read back from
// the sandbox's segment file (Kafka's own layout), as the client sent it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iterateBatches } from '../../electron/broker/protocol/record-batch';
import { runOk } from './run';

/** Produces `count` messages to topic-partition with kcat -z codec, about 20 ms apart, in one request. */
export async function kcatSpaced(bootstrap: string, topic: string, partition: number, codec: string, count = 5): Promise<void> {
  const script = 'i=0; while [ $i -lt "$COUNT" ]; do echo "message $i $(printf "%080d" $i) of a compressed batch"; i=$((i+1)); sleep 0.02; done' +
    ' | kcat -P -b "$BOOTSTRAP" -t "$TOPIC" -p "$PARTITION" -z "$CODEC" -X linger.ms=5000';
  await runOk('sh', ['-c', script], {
    env: { ...process.env, BOOTSTRAP: bootstrap, TOPIC: topic, PARTITION: String(partition), CODEC: codec, COUNT: String(count) },
  });
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
