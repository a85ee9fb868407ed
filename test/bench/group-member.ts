// A classic consumer-group member that speaks JoinGroup, SyncGroup, Heartbeat and LeaveGroup itself
// over one raw connection, so a group benchmark times the coordinator, not a client library's
// scheduling. It rejoins whenever the coordinator answers REBALANCE_IN_PROGRESS; the leader assigns
// nothing (the coordinator does not read assignments), but the subscription it sends is a valid
// ConsumerProtocolSubscription, as a coordinator may parse those of protocol type "consumer".
import { RawClient } from '../support/raw-client';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { Writer } from '../../electron/broker/protocol/writer';
import { sleep, type Target } from './measure';

const JOIN = 9;
const SYNC = 5;
const HEARTBEAT = 4;
const LEAVE = 5;
const NOT_READY = new Set<number>([ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR]);

function subscription(topic: string): Buffer {
  const w = new Writer();
  w.int16(0); // version
  w.int32(1);
  w.string(topic);
  w.int32(-1); // no user data
  return w.toBuffer();
}

/** A synced member's view: its generation and, from the leader, how many members that generation has. */
export interface Synced {
  member: GroupMember;
  generation: number;
  members?: number;
}

export class GroupMember {
  memberId = '';
  generation = -1;
  private leaving = false;
  /** Settles when the member's loop ends: after leave() or close(), or on an error the coordinator answered. */
  done: Promise<void> = Promise.resolve();

  private constructor(
    private readonly client: RawClient,
    private readonly groupId: string,
    private readonly topic: string,
    private readonly heartbeatMs: number,
    private readonly onSynced: (s: Synced) => void,
  ) {}

  static async connect(t: Target, groupId: string, topic: string, heartbeatMs: number, onSynced: (s: Synced) => void): Promise<GroupMember> {
    return new GroupMember(await RawClient.connect(t.port, t.host), groupId, topic, heartbeatMs, onSynced);
  }

  /** Starts joining; the member then keeps itself in the group until leave(). */
  start(): void {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.leaving) {
      const join = await this.client.request(ApiKey.JoinGroup, JOIN, {
        groupId: this.groupId,
        sessionTimeoutMs: 30_000,
        rebalanceTimeoutMs: 30_000,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: subscription(this.topic) }],
        reason: null,
      });
      if (this.leaving) return;
      if (join.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
        this.memberId = join.memberId;
        continue;
      }
      if (join.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) continue;
      if (NOT_READY.has(join.errorCode)) {
        // Kafka's coordinator may still be loading its __consumer_offsets partition: retry as clients do.
        await sleep(10);
        continue;
      }
      if (join.errorCode !== ErrorCode.NONE) throw new Error(`JoinGroup ${this.groupId}: error ${join.errorCode}`);
      this.memberId = join.memberId;
      const leader = join.leader === join.memberId;
      const sync = await this.client.request(ApiKey.SyncGroup, SYNC, {
        groupId: this.groupId,
        generationId: join.generationId,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocolName: join.protocolName,
        assignments: leader ? join.members.map((m) => ({ memberId: m.memberId, assignment: Buffer.alloc(0) })) : [],
      });
      if (this.leaving) return;
      if (sync.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) continue;
      if (sync.errorCode !== ErrorCode.NONE) throw new Error(`SyncGroup ${this.groupId}: error ${sync.errorCode}`);
      this.generation = join.generationId;
      this.onSynced({ member: this, generation: join.generationId, members: leader ? join.members.length : undefined });
      await this.heartbeatUntilRebalance();
    }
  }

  private async heartbeatUntilRebalance(): Promise<void> {
    for (;;) {
      await sleep(this.heartbeatMs);
      if (this.leaving) return;
      const hb = await this.client.request(ApiKey.Heartbeat, HEARTBEAT, {
        groupId: this.groupId,
        generationId: this.generation,
        memberId: this.memberId,
        groupInstanceId: null,
      });
      if (this.leaving || hb.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) return;
      if (hb.errorCode !== ErrorCode.NONE) throw new Error(`Heartbeat ${this.groupId}: error ${hb.errorCode}`);
    }
  }

  /** Sends LeaveGroup and closes the connection once it is answered. */
  async leave(): Promise<void> {
    this.leaving = true;
    const r = await this.client.request(ApiKey.LeaveGroup, LEAVE, {
      groupId: this.groupId,
      members: [{ memberId: this.memberId, groupInstanceId: null, reason: null }],
    });
    if (r.errorCode !== ErrorCode.NONE) throw new Error(`LeaveGroup ${this.groupId}: error ${r.errorCode}`);
    await this.done;
    this.client.close();
  }

  /** Drops the connection without leaving (the group is then removed by a batch LeaveGroup or expires). */
  close(): void {
    this.leaving = true;
    this.done.catch(() => {});
    this.client.close();
  }
}
