// One test definition, run on every kind of cluster Brook meets: our sandbox broker and real Apache
// Kafka (1 node, and 3 nodes where replication shows). Each target starts lazily, at most once per
// test file (node:test runs each file in its own process, so module state is per file), is shared
// by the tests of the file, and stops after the file's last suite on it.
//
//   forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
//     test('sees every broker', async () => {
//       const admin = new Kafka({ brokers: target.bootstrap }).admin();   // started by now
//       ...assert.equal(cluster.brokers.length, target.brokers);
//     });
//   });
//
// Call forEachTarget at the top level of a test file. A target that cannot run here (real Kafka
// without Java 17+ or its jars) skips its suite with the reason on the reporter's line; under CI
// (CI set) it fails instead, since CI has Java and every target must run there.
import { after, before, describe } from 'node:test';
import { startTestBroker } from './broker';
import { KAFKA_VERSION, realKafkaAvailable, startRealKafka } from './kafka-target';

export const targetNames = ['sandbox', 'kafka', 'kafka-3-brokers'] as const;
export type TargetName = (typeof targetNames)[number];

export interface Target {
  name: TargetName;
  /** For test titles: "sandbox", "Kafka 4.3.1", "Kafka 4.3.1, 3 brokers". */
  title: string;
  /** How many brokers it runs. */
  brokers: number;
  /** Why it cannot run here; undefined when it can. */
  skip: string | undefined;
  /** host:port of every broker, first node first. Read it inside a test (the target is started by then). */
  readonly bootstrap: string[];
  /** The cluster id its brokers report. */
  readonly clusterId: string;
  /** Stops it (idempotent). The end of its last suite stops it anyway; a test may stop it early to see it gone. */
  stop(): Promise<void>;
  /** Stops one broker (node ids from 1) and starts it again on its data: real Kafka only. */
  stopBroker(id: number): Promise<void>;
  startBroker(id: number): Promise<void>;
}

interface Running {
  bootstrap: string[];
  clusterId: string;
  stop(): Promise<void>;
  stopNode?(id: number): Promise<void>;
  startNode?(id: number): Promise<void>;
}

interface Kind {
  title: string;
  brokers: number;
  /** Why it cannot run here, or undefined. Checked only for the targets a file asks for. */
  unavailable(): string | undefined;
  start(): Promise<Running>;
}

const kinds: Record<TargetName, Kind> = {
  sandbox: {
    title: 'sandbox',
    brokers: 1,
    unavailable: () => undefined,
    async start() {
      const broker = await startTestBroker();
      return { bootstrap: [broker.bootstrap], clusterId: broker.running.broker.clusterId, stop: () => broker.stop() };
    },
  },
  kafka: realKafka(1),
  'kafka-3-brokers': realKafka(3),
};

function realKafka(brokers: 1 | 3): Kind {
  return {
    title: brokers === 1 ? `Kafka ${KAFKA_VERSION}` : `Kafka ${KAFKA_VERSION}, ${brokers} brokers`,
    brokers,
    unavailable: () => {
      const avail = realKafkaAvailable();
      return avail.ok ? undefined : avail.reason;
    },
    start: () => startRealKafka({ brokers }),
  };
}

/** A JVM start on 2 busy cores: ~12 s for 3 nodes here, much more on a cold CI machine. */
const START_TIMEOUT_MS = 180_000;

const started = new Map<TargetName, Promise<Running>>();
/** Suites of this file still to run per target: the last one stops it, so JVMs do not pile up. */
const suitesLeft = new Map<TargetName, number>();
let stopAtEnd = false;

function acquire(name: TargetName): Promise<Running> {
  let running = started.get(name);
  if (!running) {
    running = kinds[name].start();
    started.set(name, running);
  }
  return running;
}

async function release(name: TargetName): Promise<void> {
  const starting = started.get(name);
  started.delete(name);
  // A start that failed was reported by the before hook that awaited it; there is nothing to stop.
  const running = await starting?.catch(() => undefined);
  await running?.stop();
}

function nodeControl(name: TargetName, running: Running): Required<Pick<Running, 'stopNode' | 'startNode'>> {
  const { stopNode, startNode } = running;
  if (!stopNode || !startNode) throw new Error(`target ${name} cannot stop one broker`);
  return { stopNode, startNode };
}

/**
 * Declares one suite per target, titled "on <target>", whose body is `body(target)`. The target
 * starts in the suite's before hook (once per file, however many suites ask for it) and stops after
 * the file's last suite on it (node:test declares every suite before it runs any).
 */
export function forEachTarget(names: readonly TargetName[], body: (target: Target) => void): void {
  if (!stopAtEnd) {
    stopAtEnd = true;
    after(() => Promise.all([...started.keys()].map(release)).then(() => undefined));
  }
  for (const name of names) {
    const kind = kinds[name];
    const reason = kind.unavailable();
    let running: Running | undefined;
    const current = (): Running => {
      if (!running) throw new Error(`target ${name} is not started: read it inside a test of forEachTarget`);
      return running;
    };
    const target: Target = {
      name,
      title: kind.title,
      brokers: kind.brokers,
      skip: reason,
      get bootstrap() {
        return current().bootstrap;
      },
      get clusterId() {
        return current().clusterId;
      },
      stop: () => release(name),
      stopBroker: (id) => nodeControl(name, current()).stopNode(id),
      startBroker: (id) => nodeControl(name, current()).startNode(id),
    };
    const skip = process.env.CI ? false : (reason ?? false);
    if (!skip) suitesLeft.set(name, (suitesLeft.get(name) ?? 0) + 1);
    describe(`on ${kind.title}`, { skip }, () => {
      before(async () => {
        if (reason) throw new Error(`${reason} (CI is set: every target must run there)`);
        running = await acquire(name);
      }, { timeout: START_TIMEOUT_MS });
      after(async () => {
        const left = (suitesLeft.get(name) ?? 1) - 1;
        suitesLeft.set(name, left);
        if (left === 0) await release(name);
      });
      body(target);
    });
  }
}
