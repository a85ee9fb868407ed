// Consumer-group lag (issue 13's targets), on the sandbox as the app runs it (core in this
// process, the broker a child process): one lag monitor tick over 1,000 groups x 50 partitions at
// 5 s (main-process CPU and requests per tick, the history's minute writes aside, beside `kafka-consumer-groups --describe
// --all-groups` on the same cluster), the groups list of 10,000 groups (groups:list and the first
// groups:figures chunk, beside `kafka-consumer-groups --list`), and lag history of 1,000 groups
// over 7 simulated days (its size on disk, a tick's write, a 7-day query).
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wire } from '../../electron/core/clusters/wire';
import { LagMonitor } from '../../electron/core/groups/lag-monitor';
import { LagHistory } from '../../electron/core/history/lag-history';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import type { GroupLagUpdate } from '../../shared/model';
import { makeCore } from '../integration/support';
import { kafkaTool, realKafkaAvailable } from '../support/kafka-target';
import { RawClient } from '../support/raw-client';
import { createTopic, elapsedMs, median, sleep, startSandbox, type Part, type Row, type Target } from './measure';

const WATCHED = 1_000;
const PARTITIONS = 50;
const LISTED = 10_000;
const TICKS = 4;
const DAYS = 7;

/** Commits for `groups` on `topic` partitions 0..partitions-1, pipelined on one connection. */
async function commitAll(t: Target, groups: string[], topic: string, partitions: number): Promise<void> {
  const c = await RawClient.connect(t.port, t.host);
  try {
    for (let i = 0; i < groups.length; i += 100) {
      await Promise.all(
        groups.slice(i, i + 100).map(async (groupId) => {
          const r = await c.request(ApiKey.OffsetCommit, 8, {
            groupId,
            generationIdOrMemberEpoch: -1,
            memberId: '',
            groupInstanceId: null,
            topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, p) => ({ partitionIndex: p, committedOffset: 0n, committedLeaderEpoch: -1, committedMetadata: null })) }],
          });
          const e = r.topics[0]?.partitions[0]?.errorCode;
          if (e !== ErrorCode.NONE) throw new Error(`OffsetCommit ${groupId}: error ${e}`);
        }),
      );
    }
  } finally {
    c.close();
  }
}

/** Seconds a Kafka tool takes against the sandbox, or null without Java. */
async function toolSeconds(t: Target, args: string[]): Promise<number | null> {
  if (!realKafkaAvailable().ok) return null;
  const started = process.hrtime.bigint();
  const r = await kafkaTool('kafka-consumer-groups', ['--bootstrap-server', t.bootstrap, ...args], { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`kafka-consumer-groups ${args.join(' ')}: ${r.stderr}`);
  return elapsedMs(started) / 1e3;
}

/** Counts the requests core sends and times each lag monitor tick (CPU and wall), for the bench only. */
function instrument(): { requests: () => number; ticks: { cpuMs: number; wallMs: number; requests: number }[] } {
  let requests = 0;
  const send = Wire.prototype.send;
  Wire.prototype.send = function (this: Wire, ...args: Parameters<Wire['send']>) {
    requests++;
    return send.apply(this, args);
  } as Wire['send'];
  const ticks: { cpuMs: number; wallMs: number; requests: number }[] = [];
  const proto = LagMonitor.prototype as unknown as { tick: () => Promise<void> };
  const tick = proto.tick;
  proto.tick = async function (this: LagMonitor) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const before = requests;
    await tick.call(this);
    const used = process.cpuUsage(cpu);
    ticks.push({ cpuMs: (used.user + used.system) / 1e3, wallMs: elapsedMs(started), requests: requests - before });
  };
  return { requests: () => requests, ticks };
}

async function historyFigures(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'brook-bench-history-'));
  try {
    const file = join(dir, 'lag-history.sqlite');
    const history = new LagHistory(file);
    const groups = Array.from({ length: WATCHED }, (_, i) => `g${i}`);
    const start = Date.UTC(2026, 11, 1);
    const writes: number[] = [];
    // A tick every ten minutes, then every minute for the last 6 hours: every bucket of both tiers
    // is written, as 5 s ticks would write it, in a fraction of the time.
    const end = start + DAYS * 86_400_000;
    for (let at = start, n = 0; at < end; at += at < end - 6 * 3_600_000 ? 600_000 : 60_000, n++) {
      const t = process.hrtime.bigint();
      history.record('c', at, groups.map((groupId, i) => ({ groupId, lag: (n * 7 + i) % 5_000, maxLag: (n + i) % 300 })));
      // Ticks of the last 6 hours, into a full week's table (a tenth of them also drop old buckets).
      if (at >= end - 6 * 3_600_000) writes.push(elapsedMs(t));
    }
    const queries = Array.from({ length: 5 }, (_, i) => {
      const t = process.hrtime.bigint();
      const { points } = history.query('c', `g${i * 100}`, end - DAYS * 86_400_000, end, end);
      if (points.length < 1_000) throw new Error(`a 7-day query gave ${points.length} points`);
      return elapsedMs(t);
    });
    history.close();
    const bytes = ['', '-wal', '-shm'].reduce((sum, s) => sum + (existsSync(file + s) ? statSync(file + s).size : 0), 0);
    const none = { peer: null, peerName: 'none: no explorer keeps lag history', higherIsBetter: false } as const;
    return [
      { what: `history of ${WATCHED} groups over ${DAYS} days, on disk`, unit: 'MB', sandbox: bytes / 1e6, ...none },
      { what: `history: a minute's buckets of ${WATCHED} groups written (median)`, unit: 'ms', sandbox: median(writes), ...none },
      { what: `history: a minute's buckets of ${WATCHED} groups written (slowest, dropping old ones)`, unit: 'ms', sandbox: Math.max(...writes), ...none },
      { what: 'history: a 7-day chart of one group read (1,008 points)', unit: 'ms', sandbox: median(queries), ...none },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const lagPart: Part = {
  name: 'lag',
  title: `Consumer-group lag: a lag monitor tick over ${WATCHED} groups x ${PARTITIONS} partitions, the list of ${LISTED} groups, ${DAYS} days of history (sandbox; peer: Kafka's kafka-consumer-groups on the same cluster)`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'brook-bench-lag-'));
    const sandbox = await startSandbox(dir, { 'group.initial.rebalance.delay.ms': '0' });
    const app = makeCore();
    const probe = instrument();
    try {
      const topics = Array.from({ length: 10 }, (_, i) => `lag-${i}`);
      for (const topic of topics) await createTopic(sandbox, topic, PARTITIONS);
      await createTopic(sandbox, 'lag-listed', 1);
      const watched = Array.from({ length: WATCHED }, (_, i) => `watched-${String(i).padStart(4, '0')}`);
      for (let i = 0; i < topics.length; i++) await commitAll(sandbox, watched.slice(i * 100, (i + 1) * 100), topics[i]!, PARTITIONS);
      await commitAll(sandbox, Array.from({ length: LISTED - WATCHED }, (_, i) => `listed-${i}`), 'lag-listed', 1);
      const id = ((await app.call('clusters:save', { name: 'bench lag', bootstrapServers: [sandbox.bootstrap] })).value as { id: string }).id;

      const watch = app.watch<GroupLagUpdate>('groups:watch', { clusterId: id, groups: watched, intervalMs: 5_000 });
      while (probe.ticks.length < TICKS + 1) await sleep(200);
      watch.end();
      const ticks = probe.ticks.slice(1); // the first also finds the coordinators
      const describeAll = await toolSeconds(sandbox, ['--describe', '--all-groups']);

      const listMs: number[] = [];
      const firstChunkMs: number[] = [];
      for (let round = 0; round < 3; round++) {
        const t = process.hrtime.bigint();
        const listed = await app.call('groups:list', { id });
        if (!listed.ok || (listed.value as { groups: unknown[] }).groups.length < LISTED) throw new Error(`groups:list: ${JSON.stringify(listed).slice(0, 300)}`);
        listMs.push(elapsedMs(t));
        const f = process.hrtime.bigint();
        let first = 0;
        const run = app.stream('groups:figures', { clusterId: id }, () => void (first ||= elapsedMs(f)));
        await run.done;
        firstChunkMs.push(first);
      }
      const list = await toolSeconds(sandbox, ['--list']);
      const tool = 'kafka-consumer-groups';
      return [
        { what: `lag tick: ${WATCHED} groups x ${PARTITIONS} partitions, main-process CPU`, unit: 'ms', sandbox: median(ticks.map((t) => t.cpuMs)), peer: null, peerName: 'target < 100 ms', higherIsBetter: false },
        { what: 'lag tick: requests to the cluster', unit: 'requests', sandbox: median(ticks.map((t) => t.requests)), peer: null, peerName: 'a request per group would be 1,000+', higherIsBetter: false },
        { what: 'lag tick: wall time vs --describe --all-groups', unit: 'ms', sandbox: median(ticks.map((t) => t.wallMs)), peer: describeAll === null ? null : describeAll * 1e3, peerName: `${tool} --describe --all-groups`, higherIsBetter: false },
        { what: `groups:list of ${LISTED} groups vs --list`, unit: 'ms', sandbox: median(listMs), peer: list === null ? null : list * 1e3, peerName: `${tool} --list`, higherIsBetter: false },
        { what: `first groups:figures chunk of ${LISTED} groups`, unit: 'ms', sandbox: median(firstChunkMs), peer: null, peerName: 'target: first rows within 1 s', higherIsBetter: false },
        ...(await historyFigures()),
      ];
    } finally {
      await app.close();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
