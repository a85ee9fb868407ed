// Real Apache Kafka 4.3.1 (KRaft) on 127.0.0.1, for trying Brook or a benchmark against it.
//
//   npm run kafka                    # 1 node (broker+controller)
//   npm run kafka -- --brokers 3     # 3 combined nodes, 3-voter quorum
//   npm run kafka -- --resolve-only  # only fetch the jars with Maven (CI)
//
// Prints exactly one stdout line, `kafka ready at 127.0.0.1:PORT[,...]`; progress goes to stderr.
// Ctrl-C (SIGINT) or SIGTERM stops the JVMs and deletes the temp dirs.
import { ensureKafkaLibs, KAFKA_VERSION, realKafkaAvailable, startRealKafka } from '../support/kafka-target';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run kafka -- [--brokers 1|3] [--heap 512m] [--resolve-only] [--keep-dirs]');
  process.exit(2);
}

const args = process.argv.slice(2);
let brokers: 1 | 3 = 1;
let heap: string | undefined;
let resolveOnly = false;
let keepDirs = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--brokers') {
    const n = args[++i];
    if (n !== '1' && n !== '3') usage(`--brokers takes 1 or 3, not ${n}`);
    brokers = Number(n) as 1 | 3;
  } else if (a === '--heap') heap = args[++i] ?? usage('--heap needs a value');
  else if (a === '--resolve-only') resolveOnly = true;
  else if (a === '--keep-dirs') keepDirs = true;
  else if (a === '--help' || a === '-h') usage();
  else usage(`unknown argument ${a}`);
}

const log = (line: string) => console.error(`[kafka] ${line}`);

if (resolveOnly) {
  try {
    ensureKafkaLibs(log);
    log(`Apache Kafka ${KAFKA_VERSION} jars are in place`);
    process.exit(0);
  } catch (err) {
    log((err as Error).message);
    process.exit(1);
  }
}

const avail = realKafkaAvailable();
if (!avail.ok) {
  log(avail.reason);
  process.exit(1);
}
log(`starting Apache Kafka ${KAFKA_VERSION}, ${brokers} node(s)`);
let kafka: Awaited<ReturnType<typeof startRealKafka>>;
try {
  kafka = await startRealKafka({ brokers, heap, keepDirs });
} catch (err) {
  log((err as Error).message);
  process.exit(1);
}
for (const n of kafka.nodes) log(`node ${n.id}: pid ${n.pid}, broker ${n.port}, controller ${n.controllerPort}, log ${n.serverLog}`);
log(`cluster ${kafka.clusterId} ready in ${(kafka.startupMs / 1000).toFixed(1)} s`);
console.log(`kafka ready at ${kafka.bootstrap.join(',')}`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await kafka.stop();
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Stay alive until a signal.
setInterval(() => {}, 1 << 30);
