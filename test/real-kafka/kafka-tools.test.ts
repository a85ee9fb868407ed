// Apache Kafka's own command-line tools (4.3.1, the Java clients) against the sandbox broker:
// kafka-topics, the console producer and consumer, kafka-consumer-groups, kafka-configs,
// kafka-get-offsets, and kafka-dump-log reading the sandbox's segment files straight from its data
// directory. Every assertion reads the tools' printed output (columns parsed), not only exit codes.
// One sandbox serves the file; the last test stops it (dump-log reads the active segment's indexes,
// which the sandbox writes when a segment rolls or closes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { startTestBroker, silentKafkaLog, type TestBroker } from '../support/broker';
import { runOk } from '../support/run';
import { kafkaTool, realKafkaAvailable, type KafkaToolName, type KafkaToolOptions, type ToolResult } from '../support/kafka-target';
import { lines, newOffsets, table } from '../support/consumer-groups-tool';
import { partitionForGroup } from '../../electron/broker/groups/offsets-topic';

const availability = realKafkaAvailable();
const skip = availability.ok ? false : availability.reason;
if (skip) console.log(`# skipping Kafka's tools: ${skip}`);

let broker: TestBroker;
let kafka: Kafka;
before(async () => {
  broker = await startTestBroker({ 'group.initial.rebalance.delay.ms': '0' });
  kafka = new Kafka({ clientId: 'kafka-tools-test', brokers: [broker.bootstrap], logCreator: silentKafkaLog });
});
after(() => broker.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a tool against the sandbox (--bootstrap-server first) and fails with its output unless it exits 0. */
async function tool(name: KafkaToolName, args: string[], options?: KafkaToolOptions): Promise<ToolResult> {
  const r = await kafkaTool(name, ['--bootstrap-server', broker.bootstrap, ...args], options);
  assert.equal(r.code, 0, `${name} ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

/** A tool expected to fail: resolves with its output (stdout and stderr together). */
async function toolFails(name: KafkaToolName, args: string[]): Promise<string> {
  const r = await kafkaTool(name, ['--bootstrap-server', broker.bootstrap, ...args]);
  assert.notEqual(r.code, 0, `${name} ${args.join(' ')} should have failed\nstdout: ${r.stdout}`);
  return r.stdout + r.stderr;
}

/** CURRENT-OFFSET, LOG-END-OFFSET and LAG per partition, from `--describe`, sorted by partition. */
function offsetColumns(out: string): [number, string, string, string][] {
  return table(out)
    .map((r): [number, string, string, string] => [Number(r.PARTITION), r['CURRENT-OFFSET'], r['LOG-END-OFFSET'], r.LAG])
    .sort((a, b) => a[0] - b[0]);
}


async function createTopic(topic: string, numPartitions: number, configEntries: { name: string; value: string }[] = []): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    assert.equal(await admin.createTopics({ topics: [{ topic, numPartitions, configEntries }], waitForLeaders: true }), true);
  } finally {
    await admin.disconnect();
  }
}

async function produce(topic: string, messages: { partition: number; value: string; timestamp?: string }[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** DeleteRecords: the log of `partition` then starts at `offset`. */
async function deleteRecordsBefore(topic: string, partition: number, offset: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.fetchTopicMetadata({ topics: [topic] }); // kafkajs looks the leader up in its cached metadata
    await admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: String(offset) }] });
  } finally {
    await admin.disconnect();
  }
}

const toPartition = (partition: number, count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ partition, value: `${prefix}-${partition}-${i}` }));

// ---- kafka-topics ----------------------------------------------------------------------------

interface DescribedTopic {
  header: Record<string, string>;
  partitions: Record<'Topic' | 'Partition' | 'Leader' | 'Replicas' | 'Isr', string>[];
}

/** `kafka-topics --describe` of one topic: the header fields and one entry per partition line. */
function describedTopic(out: string): DescribedTopic {
  const [first, ...rest] = lines(out);
  const fields = (line: string) => Object.fromEntries(line.trim().split('\t').map((f) => f.split(/: ?(.*)/s).slice(0, 2)));
  return { header: fields(first), partitions: rest.map((l) => fields(l) as DescribedTopic['partitions'][number]) };
}

test('kafka-topics: --create with --config, --describe, --alter --partitions, --list, --delete', { skip }, async () => {
  const topic = 'tools-topics';
  const topics = (...args: string[]) => tool('kafka-topics', args);
  const created = await topics('--create', '--topic', topic, '--partitions', '2', '--replication-factor', '1',
    '--config', 'retention.ms=3600000', '--config', 'cleanup.policy=compact');
  assert.equal(created.stdout.trim(), `Created topic ${topic}.`);

  const described = describedTopic((await topics('--describe', '--topic', topic)).stdout);
  const topicId = /topic_id: (\S+)/.exec(readFileSync(join(broker.dataDir, `${topic}-0`, 'partition.metadata'), 'utf8'))?.[1];
  assert.deepEqual(described.header, {
    Topic: topic,
    TopicId: topicId,
    PartitionCount: '2',
    ReplicationFactor: '1',
    // Kafka 4 writes min.insync.replicas as a cluster default when it first starts, so it is listed.
    Configs: 'min.insync.replicas=1,cleanup.policy=compact,retention.ms=3600000',
  });
  const onlyNode = (p: number) => ({ Topic: topic, Partition: String(p), Leader: '1', Replicas: '1', Isr: '1' });
  const replicas = (d: DescribedTopic) => d.partitions.map(({ Topic, Partition, Leader, Replicas, Isr }) => ({ Topic, Partition, Leader, Replicas, Isr }));
  assert.deepEqual(replicas(described), [onlyNode(0), onlyNode(1)]);

  assert.equal((await topics('--alter', '--topic', topic, '--partitions', '4')).stdout.trim(), '');
  const [altered, decrease, listed] = await Promise.all([
    topics('--describe', '--topic', topic),
    toolFails('kafka-topics', ['--alter', '--topic', topic, '--partitions', '3']),
    topics('--list'),
  ]);
  assert.equal(describedTopic(altered.stdout).header.PartitionCount, '4');
  assert.deepEqual(replicas(describedTopic(altered.stdout)), [0, 1, 2, 3].map(onlyNode));
  assert.ok(readdirSync(broker.dataDir).includes(`${topic}-3`), 'the new partition has its log directory');
  assert.match(decrease, /The topic tools-topics currently has 4 partition\(s\); 3 would not be an increase\./);
  assert.ok(lines(listed.stdout).includes(topic));

  assert.equal((await topics('--delete', '--topic', topic)).stdout.trim(), '');
  const [relisted, gone] = await Promise.all([topics('--list'), toolFails('kafka-topics', ['--describe', '--topic', topic])]);
  assert.ok(!lines(relisted.stdout).includes(topic), relisted.stdout);
  assert.match(gone, /Topic 'tools-topics' does not exist as expected/);
  assert.deepEqual(readdirSync(broker.dataDir).filter((d) => d.startsWith(`${topic}-`)), []);
});

// ---- console producer and consumer -----------------------------------------------------------

test('kafka-console-producer with keys and headers; kafka-console-consumer in a group reads back exactly that', { skip }, async () => {
  const topic = 'tools-console';
  const group = 'tools-console-group';
  await createTopic(topic, 3);
  // Kafka's line reader: "headers|key|value" with parse.headers, parse.key and the separators below.
  const produced = Array.from({ length: 12 }, (_, i) => ({
    headers: i % 2 === 0 ? `h1:a${i},h2:b${i}` : `src:console${i}`,
    key: `k${i % 5}`,
    value: `value ${i}: é✓ ${'x'.repeat(i + 1)}`,
  }));
  const startedMs = Date.now();
  await tool('kafka-console-producer', [
    '--topic', topic,
    '--reader-property', 'parse.key=true', '--reader-property', 'key.separator=|',
    '--reader-property', 'parse.headers=true', '--reader-property', 'headers.delimiter=|',
  ], { input: produced.map((r) => `${r.headers}|${r.key}|${r.value}\n`).join('') });

  const consumed = await tool('kafka-console-consumer', [
    '--topic', topic, '--group', group, '--from-beginning', '--max-messages', String(produced.length), '--timeout-ms', '30000',
    ...['print.timestamp', 'print.partition', 'print.offset', 'print.headers', 'print.key'].flatMap((p) => ['--formatter-property', `${p}=true`]),
    '--formatter-property', 'key.separator=|',
  ]);
  assert.match(consumed.stderr, new RegExp(`Processed a total of ${produced.length} messages`));
  const records = lines(consumed.stdout).map((line) => {
    const m = /^CreateTime:(\d+)\|Partition:(\d+)\|Offset:(\d+)\|([^|]*)\|([^|]*)\|(.*)$/.exec(line);
    assert.ok(m, `unexpected line: ${line}`);
    return { timestamp: Number(m[1]), partition: Number(m[2]), offset: Number(m[3]), headers: m[4], key: m[5], value: m[6] };
  });
  // Exactly what was produced, each once...
  const asProduced = (r: { headers: string; key: string; value: string }) => `${r.headers}|${r.key}|${r.value}`;
  assert.deepEqual(records.map(asProduced).sort(), produced.map(asProduced).sort());
  for (const r of records) assert.ok(r.timestamp >= startedMs - 1000 && r.timestamp <= Date.now(), `CreateTime ${r.timestamp}`);
  // ...each key in one partition, in the order sent, and each partition's offsets 0, 1, 2...
  for (const key of new Set(produced.map((r) => r.key))) {
    const mine = records.filter((r) => r.key === key);
    assert.equal(new Set(mine.map((r) => r.partition)).size, 1, `key ${key} in one partition`);
    assert.deepEqual(mine.sort((a, b) => a.offset - b.offset).map((r) => r.value), produced.filter((r) => r.key === key).map((r) => r.value));
  }
  const counts = [0, 1, 2].map((p) => records.filter((r) => r.partition === p).length);
  for (const p of [0, 1, 2]) {
    assert.deepEqual(records.filter((r) => r.partition === p).map((r) => r.offset).sort((a, b) => a - b), [...Array(counts[p]).keys()]);
  }
  // The consumer committed what it read when it closed.
  const committed = await tool('kafka-consumer-groups', ['--describe', '--group', group]);
  assert.deepEqual(offsetColumns(committed.stdout), counts.map((n, p) => [p, String(n), String(n), '0']));
});

// ---- kafka-consumer-groups -------------------------------------------------------------------

test('kafka-consumer-groups: members of a live group, lag, --reset-offsets (earliest, to-offset, shift-by), --list, --delete', { skip }, async () => {
  const topic = 'tools-lag';
  const group = 'tools-lag-group';
  const groups = (...args: string[]) => tool('kafka-consumer-groups', args);
  await createTopic(topic, 4);
  await produce(topic, [0, 1, 2, 3].flatMap((p) => toPartition(p, 5, 'first')));

  // The consumer reads the 20 records, then waits in the group for 5 more.
  const consuming = tool('kafka-console-consumer', ['--topic', topic, '--group', group, '--from-beginning', '--max-messages', '25', '--timeout-ms', '60000']);
  let members: Record<string, string>[] = [];
  for (let tries = 0; members.length === 0 || members[0]['#PARTITIONS'] !== '4'; tries++) {
    assert.ok(tries < 30, 'the console consumer never showed up as a member with 4 partitions');
    const out = (await kafkaTool('kafka-consumer-groups', ['--bootstrap-server', broker.bootstrap, '--describe', '--members', '--group', group])).stdout;
    members = /CONSUMER-ID/.test(out) ? table(out) : [];
    if (members.length === 0) await sleep(200);
  }
  assert.equal(members.length, 1);
  assert.match(members[0]['CONSUMER-ID'], /^console-consumer-[0-9a-f-]{36}$/);
  assert.deepEqual([members[0].GROUP, members[0].HOST, members[0]['CLIENT-ID']], [group, '/127.0.0.1', 'console-consumer']);
  const state = table((await groups('--describe', '--state', '--group', group)).stdout.replace('COORDINATOR (ID)', 'COORDINATOR ID'));
  assert.deepEqual(state, [{ GROUP: group, COORDINATOR: broker.bootstrap, ID: '(1)', 'ASSIGNMENT-STRATEGY': 'range', STATE: 'Stable', '#MEMBERS': '1' }]);

  await produce(topic, toPartition(3, 5, 'second'));
  const consumed = await consuming;
  assert.equal(lines(consumed.stdout).length, 25);

  // More records than were read: the lag is exactly the unread count.
  await produce(topic, [...toPartition(0, 3, 'unread'), ...toPartition(2, 4, 'unread')]);
  const lag = await groups('--describe', '--group', group);
  assert.deepEqual(offsetColumns(lag.stdout), [[0, '5', '8', '3'], [1, '5', '5', '0'], [2, '5', '9', '4'], [3, '10', '10', '0']]);
  assert.ok(table(lag.stdout).every((r) => r['CONSUMER-ID'] === '-' && r.GROUP === group && r.TOPIC === topic), 'no member is left');

  // The earliest offset of partition 1 is 2 after DeleteRecords, so --to-earliest is not just 0.
  await deleteRecordsBefore(topic, 1, 2);
  const reset = async (args: string[]) => newOffsets((await groups('--reset-offsets', '--group', group, ...args, '--execute')).stdout);
  assert.deepEqual(await reset(['--topic', topic, '--to-earliest']), [[0, '0'], [1, '2'], [2, '0'], [3, '0']]);
  assert.deepEqual(await reset(['--topic', `${topic}:1,3`, '--to-offset', '4']), [[1, '4'], [3, '4']]);
  // Past the log end and before the log start, shift-by clamps as Kafka does.
  assert.deepEqual(await reset(['--topic', topic, '--shift-by', '3']), [[0, '3'], [1, '5'], [2, '3'], [3, '7']]);
  assert.deepEqual(await reset(['--topic', `${topic}:0,1`, '--shift-by', '-5']), [[0, '0'], [1, '2']]);
  const afterReset = await groups('--describe', '--group', group);
  assert.deepEqual(offsetColumns(afterReset.stdout), [[0, '0', '8', '8'], [1, '2', '5', '3'], [2, '3', '9', '6'], [3, '7', '10', '3']]);

  assert.ok(lines((await groups('--list')).stdout).includes(group));
  assert.equal((await groups('--delete', '--group', group)).stdout.trim(), `Deletion of requested consumer groups ('${group}') was successful.`);
  const [listed, described] = await Promise.all([
    groups('--list'),
    kafkaTool('kafka-consumer-groups', ['--bootstrap-server', broker.bootstrap, '--describe', '--group', group]),
  ]);
  assert.ok(!lines(listed.stdout).includes(group), listed.stdout);
  assert.match(described.stdout + described.stderr, /Consumer group 'tools-lag-group' does not exist\./);
});

// ---- kafka-configs ---------------------------------------------------------------------------

interface PrintedConfig {
  value: string;
  sensitive: string;
  synonyms: string;
}

/** `kafka-configs --describe`: the title line and name -> value, sensitive, synonyms. */
function printedConfigs(out: string): { title: string; configs: Record<string, PrintedConfig> } {
  const [title, ...rest] = lines(out);
  const configs: Record<string, PrintedConfig> = {};
  for (const line of rest) {
    const m = /^ {2}([^=\s]+)=(.*) sensitive=(true|false) synonyms=\{(.*)\}$/.exec(line);
    assert.ok(m, `unexpected config line: ${line}`);
    configs[m[1]] = { value: m[2], sensitive: m[3], synonyms: m[4] };
  }
  return { title, configs };
}

test('kafka-configs: a topic\'s --add-config and --delete-config; a broker\'s configs with --all', { skip }, async () => {
  const topic = 'tools-configs';
  await createTopic(topic, 1);
  const configs = (...args: string[]) => tool('kafka-configs', args).then((r) => r.stdout);
  const ofTopic = ['--entity-type', 'topics', '--entity-name', topic];
  const ofBroker = ['--entity-type', 'brokers', '--entity-name', '1'];
  const [initial, brokerDynamic, brokerAll, brokerDefault] = await Promise.all([
    configs('--describe', ...ofTopic),
    configs('--describe', ...ofBroker),
    configs('--describe', '--all', ...ofBroker),
    configs('--describe', '--entity-type', 'brokers', '--entity-default'),
  ]);
  assert.deepEqual(printedConfigs(initial), { title: `Dynamic configs for topic ${topic} are:`, configs: {} });
  // The sandbox has no dynamic broker configs: its settings are fixed when it starts.
  assert.deepEqual(printedConfigs(brokerDynamic), { title: 'Dynamic configs for broker 1 are:', configs: {} });
  assert.deepEqual(printedConfigs(brokerDefault), { title: 'Default configs for brokers in the cluster are:', configs: {} });
  const b = printedConfigs(brokerAll);
  assert.equal(b.title, 'All configs for broker 1 are:');
  const entry = (value: string, source: string, name: string) => ({ value, sensitive: 'false', synonyms: `${source}:${name}=${value}` });
  assert.deepEqual(b.configs['broker.id'], entry('1', 'DEFAULT_CONFIG', 'broker.id'));
  assert.deepEqual(b.configs['node.id'], entry('1', 'DEFAULT_CONFIG', 'node.id'));
  assert.deepEqual(b.configs.listeners, entry(`PLAINTEXT://${broker.bootstrap}`, 'STATIC_BROKER_CONFIG', 'listeners'));
  assert.deepEqual(b.configs['group.initial.rebalance.delay.ms'], entry('0', 'STATIC_BROKER_CONFIG', 'group.initial.rebalance.delay.ms'));
  assert.deepEqual(b.configs['num.partitions'], entry('1', 'DEFAULT_CONFIG', 'num.partitions'));
  assert.deepEqual(b.configs['log.retention.hours'], entry('168', 'DEFAULT_CONFIG', 'log.retention.hours'));

  assert.equal((await configs('--alter', ...ofTopic, '--add-config', 'retention.ms=86400000,cleanup.policy=[compact,delete]')).trim(),
    `Completed updating config for topic ${topic}.`);
  assert.deepEqual(printedConfigs(await configs('--describe', ...ofTopic)).configs, {
    'cleanup.policy': { value: 'compact,delete', sensitive: 'false', synonyms: 'DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete' },
    // As Kafka 4.3.1 prints it: log.retention.hours is no synonym of retention.ms there.
    'retention.ms': { value: '86400000', sensitive: 'false', synonyms: 'DYNAMIC_TOPIC_CONFIG:retention.ms=86400000' },
  });

  assert.equal((await configs('--alter', ...ofTopic, '--delete-config', 'retention.ms')).trim(), `Completed updating config for topic ${topic}.`);
  const [dynamic, all, invalid] = await Promise.all([
    configs('--describe', ...ofTopic),
    configs('--describe', '--all', ...ofTopic),
    toolFails('kafka-configs', ['--alter', ...ofTopic, '--add-config', 'retention.ms=soon']),
  ]);
  assert.deepEqual(Object.keys(printedConfigs(dynamic).configs), ['cleanup.policy']);
  const every = printedConfigs(all);
  assert.equal(every.title, `All configs for topic ${topic} are:`);
  assert.equal(every.configs['cleanup.policy'].value, 'compact,delete');
  assert.deepEqual(every.configs['retention.ms'], { value: '604800000', sensitive: 'false', synonyms: '' });
  assert.deepEqual(every.configs['min.insync.replicas'], { value: '1', sensitive: 'false', synonyms: 'DYNAMIC_DEFAULT_BROKER_CONFIG:min.insync.replicas=1, DEFAULT_CONFIG:min.insync.replicas=1' });
  assert.deepEqual(every.configs['segment.bytes'], { value: '1073741824', sensitive: 'false', synonyms: 'DEFAULT_CONFIG:log.segment.bytes=1073741824' });
  assert.match(invalid, /InvalidConfigurationException: Invalid value soon for configuration retention\.ms: Not a number of type LONG/);
});

// ---- kafka-get-offsets -----------------------------------------------------------------------

test('kafka-get-offsets: latest (-1), earliest (-2), max-timestamp (-3) and by timestamp, per partition', { skip }, async () => {
  const topic = 'tools-offsets';
  await createTopic(topic, 3);
  // Explicit CreateTimes a minute back (recent enough for retention), in a known order.
  const t0 = Date.now() - 60_000;
  const at = (partition: number, value: string, dt: number) => ({ partition, value, timestamp: String(t0 + dt) });
  await produce(topic, [at(0, 'a', 1000), at(0, 'b', 2000), at(0, 'c', 3000), at(1, 'd', 1500), at(1, 'e', 2500)]);
  await deleteRecordsBefore(topic, 0, 1);

  const offsets = async (...args: string[]) => lines((await tool('kafka-get-offsets', ['--topic', topic, ...args])).stdout);
  const results = await Promise.all([
    offsets('--time', '-1'),
    offsets('--time', '-2'),
    offsets('--time', '-3'),
    offsets('--time', String(t0)),
    offsets('--time', String(t0 + 2000)),
    offsets('--time', String(t0 + 2600)),
    offsets('--time', '-1', '--partitions', '1,2'),
  ]);
  assert.deepEqual(results, [
    [`${topic}:0:3`, `${topic}:1:2`, `${topic}:2:0`],
    // Records before offset 1 of partition 0 were deleted.
    [`${topic}:0:1`, `${topic}:1:0`, `${topic}:2:0`],
    // The record with the largest timestamp; an empty partition has none, so the tool leaves it out.
    [`${topic}:0:2`, `${topic}:1:1`],
    // The first offset at or after the time, from the log start on; none past a partition's last record.
    [`${topic}:0:1`, `${topic}:1:0`],
    [`${topic}:0:1`, `${topic}:1:1`],
    [`${topic}:0:2`],
    [`${topic}:1:2`, `${topic}:2:0`],
  ]);
});

// ---- kafka-dump-log (last: it stops the sandbox) ---------------------------------------------

interface DumpedBatch {
  fields: Record<string, string>;
  records: { offset: number; createTime: number; keySize: number; valueSize: number; sequence: number; headerKeys: string; key: string | null; payload: string }[];
}

/** `kafka-dump-log --deep-iteration --print-data-log` of one .log file: its batches and their records. */
function dumpedBatches(out: string): DumpedBatch[] {
  const batches: DumpedBatch[] = [];
  for (const line of lines(out)) {
    if (line.startsWith('baseOffset: ')) {
      batches.push({ fields: Object.fromEntries([...line.matchAll(/(\w+): (\S+)/g)].map((m) => [m[1], m[2]])), records: [] });
    } else if (line.startsWith('| offset: ')) {
      const m = /^\| offset: (\d+) CreateTime: (\d+) keySize: (-?\d+) valueSize: (-?\d+) sequence: (-?\d+) headerKeys: \[(.*?)\](?: key: (.*?))? payload: (.*)$/.exec(line);
      assert.ok(m, `unexpected record line: ${line}`);
      batches[batches.length - 1].records.push({
        offset: Number(m[1]),
        createTime: Number(m[2]),
        keySize: Number(m[3]),
        valueSize: Number(m[4]),
        sequence: Number(m[5]),
        headerKeys: m[6],
        key: m[7] ?? null,
        payload: m[8],
      });
    } else {
      assert.match(line, /^(Dumping \S+|Log starting offset: 0)$/);
    }
  }
  return batches;
}

test('kafka-dump-log reads the sandbox\'s segments: batches, records, CRCs, compression, indexes, committed offsets', { skip }, async () => {
  const topic = 'tools-dump';
  const group = 'tools-dump-group';
  // An index entry for every batch after the first (Kafka adds one once more than 1 byte went by).
  await createTopic(topic, 1, [{ name: 'index.interval.bytes', value: '1' }]);
  const kcat = (args: string[], input: string) => runOk('kcat', ['-b', broker.bootstrap, '-P', '-t', topic, '-p', '0', '-K:', ...args], { input });
  const startedMs = Date.now();
  // librdkafka sends a batch uncompressed when compressing does not make it smaller: the gzip and
  // lz4 values repeat themselves.
  const plain = ['p0:plain zero', 'p1:plain one'];
  const gzip = Array.from({ length: 4 }, (_, i) => `g${i}:${'gzip me '.repeat(30)}${i}`);
  const lz4 = Array.from({ length: 3 }, (_, i) => `l${i}:${'lz4 me '.repeat(30)}${i}`);
  const zstd = Array.from({ length: 3 }, (_, i) => `z${i}:${'zstd from java '.repeat(10)}${i}`);
  await kcat(['-H', 'trace=abc', '-H', 'n=1'], plain.map((l) => `${l}\n`).join(''));
  await kcat(['-z', 'gzip'], gzip.map((l) => `${l}\n`).join(''));
  await kcat(['-z', 'lz4'], lz4.map((l) => `${l}\n`).join(''));
  await tool('kafka-console-producer', ['--topic', topic, '--compression-codec', 'zstd', '--reader-property', 'parse.key=true', '--reader-property', 'key.separator=:'],
    { input: zstd.map((l) => `${l}\n`).join('') });
  await tool('kafka-consumer-groups', ['--reset-offsets', '--group', group, '--topic', topic, '--to-latest', '--execute']);

  const dir = join(broker.dataDir, `${topic}-0`);
  const file = (ext: string) => join(dir, `00000000000000000000${ext}`);
  const dumped = await kafkaTool('kafka-dump-log', ['--files', file('.log'), '--deep-iteration', '--print-data-log']);
  assert.equal(dumped.code, 0, dumped.stderr);
  const batches = dumpedBatches(dumped.stdout);

  // The records, in order, with their offsets, keys and values, each in a batch of its codec.
  const expected = [
    ...plain.map((l) => ({ line: l, codec: 'none', headerKeys: 'trace,n' })),
    ...gzip.map((l) => ({ line: l, codec: 'gzip', headerKeys: '' })),
    ...lz4.map((l) => ({ line: l, codec: 'lz4', headerKeys: '' })),
    ...zstd.map((l) => ({ line: l, codec: 'zstd', headerKeys: '' })),
  ];
  const records = batches.flatMap((b) => b.records.map((r) => ({ ...r, codec: b.fields.compresscodec, producerId: b.fields.producerId })));
  assert.deepEqual(
    records.map((r) => [r.offset, `${r.key}:${r.payload}`, r.codec, r.headerKeys, r.keySize, r.valueSize]),
    expected.map((e, offset) => {
      const [key, value] = e.line.split(/:(.*)/s);
      return [offset, e.line, e.codec, e.headerKeys, key.length, value.length];
    }),
  );
  for (const r of records) assert.ok(r.createTime >= startedMs - 1000 && r.createTime <= Date.now(), `CreateTime ${r.createTime}`);
  // kcat is not idempotent (no producer id); Kafka's console producer is, numbering from 0.
  assert.deepEqual(records.filter((r) => r.codec === 'zstd').map((r) => r.sequence), [0, 1, 2]);
  assert.ok(records.filter((r) => r.codec === 'zstd').every((r) => Number(r.producerId) >= 0));
  assert.ok(records.filter((r) => r.codec !== 'zstd').every((r) => r.producerId === '-1' && r.sequence === -1));

  // Every batch: a valid CRC, format v2, end to end in the file, its offsets and count consistent.
  let position = 0;
  for (const b of batches) {
    const f = b.fields;
    assert.deepEqual([f.isvalid, f.magic, f.partitionLeaderEpoch, f.isTransactional, f.isControl], ['true', '2', '0', 'false', 'false'], JSON.stringify(f));
    assert.equal(Number(f.position), position);
    assert.deepEqual([Number(f.baseOffset), Number(f.lastOffset), Number(f.count)], [b.records[0].offset, b.records.at(-1)!.offset, b.records.length]);
    assert.equal(Number(f.CreateTime), Math.max(...b.records.map((r) => r.createTime)), 'the batch timestamp is its max timestamp');
    position += Number(f.size);
  }
  assert.equal(position, statSync(file('.log')).size);
  for (const codec of ['none', 'gzip', 'lz4', 'zstd']) assert.ok(batches.some((b) => b.fields.compresscodec === codec), `a ${codec} batch`);

  // The committed offset (key type 1), in __consumer_offsets as Kafka's offsets decoder reads it.
  const offsetsLog = join(broker.dataDir, `__consumer_offsets-${partitionForGroup(group, 50)}`, '00000000000000000000.log');
  const decoded = await kafkaTool('kafka-dump-log', ['--files', offsetsLog, '--offsets-decoder']);
  assert.equal(decoded.code, 0, decoded.stderr);
  const commits = lines(decoded.stdout)
    .map((l) => /key: (\{"type":"1".*\}) payload: (\{.*\})$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => [JSON.parse(m[1]).data, JSON.parse(m[2]).data.offset]);
  assert.deepEqual(commits, [[{ group, topic, partition: 0 }, records.length]]);

  // The indexes: the sandbox writes the active segment's when the log closes, so stop it first.
  await broker.running.stop();
  const [indexes, verified, sane] = await Promise.all([
    kafkaTool('kafka-dump-log', ['--files', `${file('.index')},${file('.timeindex')}`]),
    kafkaTool('kafka-dump-log', ['--files', `${file('.index')},${file('.timeindex')}`, '--verify-index-only']),
    kafkaTool('kafka-dump-log', ['--files', `${file('.index')},${file('.timeindex')}`, '--index-sanity-check']),
  ]);
  for (const r of [indexes, verified, sane]) assert.equal(r.code, 0, r.stderr);
  const entries = (kind: 'index' | 'timeindex') => {
    const section = indexes.stdout.split(/^Dumping /m).find((s) => s.startsWith(file(`.${kind}`)))!;
    return lines(section).slice(1);
  };
  // Kafka's LogSegment.append: an offset index entry (last offset, position) for each batch after
  // the first, and with it a time index entry when the max timestamp so far has grown (the one
  // Kafka adds at close would repeat the last here, so it adds nothing).
  assert.deepEqual(entries('index'), batches.slice(1).map((b) => `offset: ${b.fields.lastOffset} position: ${b.fields.position}`));
  const timeEntries: string[] = [];
  let maxTs = -1;
  let maxTsOffset = '';
  let lastIndexed = -1;
  for (const b of batches) {
    if (Number(b.fields.CreateTime) > maxTs) [maxTs, maxTsOffset] = [Number(b.fields.CreateTime), b.fields.lastOffset];
    if (b !== batches[0] && maxTs > lastIndexed) {
      timeEntries.push(`timestamp: ${maxTs} offset: ${maxTsOffset}`);
      lastIndexed = maxTs;
    }
  }
  assert.deepEqual(entries('timeindex'), timeEntries);
  assert.deepEqual(lines(verified.stdout), [`Dumping ${file('.index')}`, `Dumping ${file('.timeindex')}`], 'no index mismatch');
  assert.deepEqual(lines(sane.stdout), [
    `Dumping ${file('.index')}`, `${file('.index')} passed sanity check.`,
    `Dumping ${file('.timeindex')}`, `${file('.timeindex')} passed sanity check.`,
  ]);
});
