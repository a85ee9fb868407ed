// `npm test`'s first step: brings what the suites need onto this machine. On Debian as root (our
// machines and CI) it installs what is missing with apt-get; elsewhere it says in one line per tool
// what to run, and the suites that need it skip with that reason (or fail under CI).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const python = (module) => spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;

/** What the suites use, how to tell it is here, and its Debian package. */
const tools = [
  { name: 'kcat (librdkafka)', here: () => has('kcat'), apt: 'kcat', elsewhere: 'brew install kcat' },
  { name: 'kafka-python', here: () => python('kafka'), apt: 'python3-kafka', elsewhere: '/usr/bin/python3 -m pip install kafka-python==2.0.2' },
  { name: 'confluent-kafka for Python', here: () => python('confluent_kafka'), apt: 'python3-confluent-kafka', elsewhere: '/usr/bin/python3 -m pip install confluent-kafka' },
  { name: 'Chromium (end-to-end tests)', here: () => existsSync('/usr/bin/chromium'), apt: 'chromium', elsewhere: 'npx playwright-core install chromium' },
  { name: 'Java 17 (real Kafka)', here: () => has('java'), apt: 'openjdk-17-jre-headless', elsewhere: 'install a Java 17+ runtime (e.g. brew install openjdk@17)' },
  { name: 'Maven (fetches Kafka\'s jars)', here: () => has('mvn'), apt: 'maven', elsewhere: 'brew install maven' },
];

const missing = tools.filter((t) => !t.here());
if (missing.length > 0) {
  const asRoot = process.getuid?.() === 0 && has('apt-get');
  if (asRoot) {
    console.log(`test setup: installing ${missing.map((t) => t.apt).join(', ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', ...missing.map((t) => t.apt)], { stdio: 'inherit', env });
    if (!install || install.status !== 0) console.log('test setup: apt-get failed; the suites that need these tools will say so');
  } else {
    for (const t of missing) console.log(`test setup: ${t.name} is missing: run \`sudo apt-get install ${t.apt}\` (Debian/Ubuntu) or \`${t.elsewhere}\``);
  }
}

// Kafka's jars from Maven Central (cold: ~10 s on a near mirror), once Java and Maven are here.
if (has('java') && has('mvn')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/real-kafka/kafka.ts', '--resolve-only'], { stdio: 'inherit' });
  if (r.status !== 0) console.log('test setup: Kafka\'s jars could not be fetched; the real-Kafka suites will say why');
}
