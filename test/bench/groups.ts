// The consumer-group benchmark (issue 3 item 5): how long 10 members take to become Stable, how long
// the other nine take to be Stable again after one LeaveGroup, and OffsetCommit round trips per
// second on one connection, sequential and pipelined; the sandbox beside real Apache Kafka 4.3.1 in
// one run. The members are raw JoinGroup/SyncGroup/Heartbeat clients (group-member.ts), so the
// figures time the coordinators, not kafkajs. Both brokers run with group.initial.rebalance.delay.ms=0,
// else the join figure would be that delay. Each broker is measured alone, one after the other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawClient } from '../support/raw-client';
import { realKafkaAvailable } from '../support/kafka-target';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { GroupMember, type Synced } from './group-member';
import { createTopic, elapsedMs, median, rate, sleep, startKafka, startSandbox, type Part, type Row, type Target } from './measure';

const MEMBERS = 10;
const ROUNDS = 5;
const HEARTBEAT_MS = 20;
const PIPELINED = 100;
const RATE_MS = 3000;
const BROKER_CONFIG = { 'group.initial.rebalance.delay.ms': '0' };

interface Figures {
  joinMs: number;
  rejoinMs: number;
  sequential: number;
  pipelined: number;
}

/** Resolves when every live member has synced in one generation whose leader counted exactly them. */
class StableWatch {
  private readonly synced = new Map<GroupMember, number>();
  private readonly sizes = new Map<number, number>();
  private waiter?: { count: number; resolve: () => void };
  private failure?: Error;
  private failed?: (err: Error) => void;

  readonly onSynced = (s: Synced) => {
    this.synced.set(s.member, s.generation);
    if (s.members !== undefined) this.sizes.set(s.generation, s.members);
    this.check();
  };

  watch(member: GroupMember): void {
    member.done.catch((err: Error) => {
      this.failure = err;
      this.failed?.(err);
    });
  }

  forget(member: GroupMember): void {
    this.synced.delete(member);
  }

  stable(count: number, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const timer = setTimeout(() => reject(new Error(`group not Stable with ${count} members after ${timeoutMs} ms`)), timeoutMs);
      this.failed = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      this.waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.check();
    });
  }

  private check(): void {
    if (!this.waiter) return;
    const generations = new Set(this.synced.values());
    const [generation] = generations;
    if (this.synced.size === this.waiter.count && generations.size === 1 && this.sizes.get(generation) === this.waiter.count) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve();
    }
  }
}

async function withClient<T>(t: Target, use: (c: RawClient) => Promise<T>): Promise<T> {
  const c = await RawClient.connect(t.port, t.host);
  try {
    return await use(c);
  } finally {
    c.close();
  }
}

/** Asks for the group's coordinator until it is available (Kafka creates __consumer_offsets on the first ask). */
async function awaitCoordinator(t: Target, groupId: string): Promise<void> {
  await withClient(t, async (c) => {
    for (let tries = 0; ; tries++) {
      const r = await c.request(ApiKey.FindCoordinator, 4, { keyType: 0, coordinatorKeys: [groupId] });
      const e = r.coordinators[0]?.errorCode;
      if (e === ErrorCode.NONE) return;
      if (tries > 600) throw new Error(`FindCoordinator ${groupId} on ${t.name}: error ${e}`);
      await sleep(100);
    }
  });
}

/** The coordinator's own word, checked outside the timings: the group is Stable with `count` members. */
async function expectStable(t: Target, groupId: string, count: number): Promise<void> {
  const r = await withClient(t, (c) => c.request(ApiKey.DescribeGroups, 5, { groups: [groupId], includeAuthorizedOperations: false }));
  const g = r.groups[0];
  if (g?.groupState !== 'Stable' || g.members.length !== count) {
    throw new Error(`${t.name}: group ${groupId} is ${g?.groupState} with ${g?.members.length} members, expected Stable with ${count}`);
  }
}

async function groupRound(t: Target, groupId: string, topic: string): Promise<{ joinMs: number; rejoinMs: number }> {
  await awaitCoordinator(t, groupId);
  const watch = new StableWatch();
  const members = await Promise.all(Array.from({ length: MEMBERS }, () => GroupMember.connect(t, groupId, topic, HEARTBEAT_MS, watch.onSynced)));
  try {
    const joining = process.hrtime.bigint();
    for (const m of members) {
      m.start();
      watch.watch(m);
    }
    await watch.stable(MEMBERS);
    const joinMs = elapsedMs(joining);
    await expectStable(t, groupId, MEMBERS);

    const leaver = members.pop()!;
    watch.forget(leaver);
    const leaving = process.hrtime.bigint();
    await leaver.leave();
    await watch.stable(MEMBERS - 1);
    const rejoinMs = elapsedMs(leaving);
    await expectStable(t, groupId, MEMBERS - 1);
    return { joinMs, rejoinMs };
  } finally {
    for (const m of members) m.close();
    const ids = members.map((m) => ({ memberId: m.memberId, groupInstanceId: null, reason: null }));
    await withClient(t, (c) => c.request(ApiKey.LeaveGroup, 5, { groupId, members: ids }));
  }
}

async function commitRates(t: Target, topic: string): Promise<{ sequential: number; pipelined: number }> {
  return withClient(t, async (c) => {
    let offset = 0n;
    const commit = async () => {
      const r = await c.request(ApiKey.OffsetCommit, 8, {
        groupId: 'bench-commits',
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: offset++, committedLeaderEpoch: -1, committedMetadata: null }] }],
      });
      const e = r.topics[0]?.partitions[0]?.errorCode;
      if (e !== ErrorCode.NONE) throw new Error(`OffsetCommit on ${t.name}: error ${e}`);
    };
    await awaitCoordinator(t, 'bench-commits');
    await rate(500, 1, commit); // warm-up
    return { sequential: await rate(RATE_MS, 1, commit), pipelined: await rate(RATE_MS, PIPELINED, commit) };
  });
}

async function measure(t: Target): Promise<Figures> {
  const topic = 'bench-groups';
  await createTopic(t, topic, MEMBERS);
  await groupRound(t, 'bench-warm-up', topic);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await groupRound(t, `bench-group-${i}`, topic));
  const commits = await commitRates(t, topic);
  return { joinMs: median(rounds.map((r) => r.joinMs)), rejoinMs: median(rounds.map((r) => r.rejoinMs)), ...commits };
}

async function groupsBench(): Promise<Row[]> {
  const work = mkdtempSync(join(tmpdir(), 'brook-bench-groups-'));
  try {
    const sandbox = await startSandbox(work, BROKER_CONFIG);
    const ours = await measure(sandbox).finally(() => sandbox.stop());
    let theirs: Figures | null = null;
    const kafka = realKafkaAvailable();
    if (kafka.ok) {
      const real = await startKafka(BROKER_CONFIG);
      theirs = await measure(real).finally(() => real.stop());
    } else {
      console.log(`groups: ${kafka.reason}; the peer column is n/a`);
    }
    const row = (what: string, unit: string, pick: (f: Figures) => number, higherIsBetter: boolean): Row => ({
      what,
      unit,
      sandbox: pick(ours),
      peer: theirs && pick(theirs),
      peerName: 'Kafka 4.3.1',
      higherIsBetter,
    });
    return [
      row(`${MEMBERS} members join to Stable (median of ${ROUNDS})`, 'ms', (f) => f.joinMs, false),
      row(`one LeaveGroup to ${MEMBERS - 1} Stable again (median of ${ROUNDS})`, 'ms', (f) => f.rejoinMs, false),
      row('OffsetCommit v8, one connection, sequential', 'commits/s', (f) => f.sequential, true),
      row(`OffsetCommit v8, one connection, ${PIPELINED} in flight`, 'commits/s', (f) => f.pipelined, true),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const groupsPart: Part = {
  name: 'groups',
  title: `Consumer groups: sandbox vs Apache Kafka 4.3.1 (raw JoinGroup/SyncGroup clients, heartbeat every ${HEARTBEAT_MS} ms; group.initial.rebalance.delay.ms=0 on both)`,
  run: groupsBench,
};
