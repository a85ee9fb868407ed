// One classic consumer group: its state, generation, chosen protocol and members, as Kafka's
// GroupMetadata. The coordinator (coordinator.ts) drives the state changes; this file holds the
// data and the rules that only read it (protocol choice, commit validation, summaries).
import { ErrorCode } from '../protocol/errors';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface Protocol {
  name: string;
  metadata: Buffer;
}

/** What a pending JoinGroup is answered with. */
export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
  /** JoinGroup v9 (KIP-814): the leader is to keep the current assignment, not compute one. */
  skipAssignment?: boolean;
}

/** What a pending SyncGroup is answered with. */
export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export interface Member {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
  assignment: Buffer;
  /** Set while the member's JoinGroup waits for the join phase to complete. */
  awaitingJoin?: (result: JoinResult) => void;
  /** Set while the member's SyncGroup waits for the leader's assignment. */
  awaitingSync?: (result: SyncResult) => void;
  sessionTimer?: NodeJS.Timeout;
}

const EMPTY = Buffer.alloc(0);

export class Group {
  state: GroupState = 'Empty';
  /** When the group entered its state (ms since the epoch); null when a stored record had none. */
  currentStateTimestamp: number | null = Date.now();
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined with them yet. */
  readonly pendingMembers = new Map<string, NodeJS.Timeout>();
  /** groupInstanceId -> memberId of static members. */
  readonly staticMembers = new Map<string, string>();
  /** The join phase's timer (initial delay or rebalance timeout). */
  joinTimer?: NodeJS.Timeout;
  /** True while group.initial.rebalance.delay.ms holds the first join open. */
  initialDelayActive = false;
  /** Set when a member joins; the initial delay keeps waiting while members keep arriving. */
  newMemberAdded = false;

  constructor(readonly groupId: string) {}

  transitionTo(state: GroupState, nowMs = Date.now()): void {
    this.state = state;
    this.currentStateTimestamp = nowMs;
  }

  get isEmpty(): boolean {
    return this.members.size === 0;
  }

  /** The longest rebalance timeout of the members: how long a join phase may wait for them. */
  get rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /** Whether every member has rejoined and no member id handed out is still to be used. */
  get allMembersJoined(): boolean {
    for (const m of this.members.values()) if (!m.awaitingJoin) return false;
    return this.pendingMembers.size === 0;
  }

  /** Protocol names every member supports. */
  candidateProtocols(): Set<string> {
    let common: Set<string> | null = null;
    for (const m of this.members.values()) {
      const names = new Set(m.protocols.map((p) => p.name));
      common = common === null ? names : new Set([...common].filter((n: string) => names.has(n)));
    }
    return common ?? new Set();
  }

  /** Whether a member of this protocol type supporting these protocols may join (Kafka's supportsProtocols). */
  supportsProtocols(protocolType: string, protocols: Protocol[]): boolean {
    if (this.isEmpty) return protocolType !== '' && protocols.length > 0;
    if (protocolType !== this.protocolType) return false;
    const candidates = this.candidateProtocols();
    return protocols.some((p) => candidates.has(p.name));
  }

  /** The protocol most voted for: each member votes for its most preferred protocol all members support. */
  selectProtocol(): string | null {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const choice = m.protocols.find((p) => candidates.has(p.name));
      if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestVotes = 0;
    for (const [name, n] of votes) {
      if (n > bestVotes) [best, bestVotes] = [name, n];
    }
    return best;
  }

  metadataOf(member: Member, protocol = this.protocolName): Buffer {
    return member.protocols.find((p) => p.name === protocol)?.metadata ?? EMPTY;
  }

  /** FENCED_INSTANCE_ID when a static member's instance id now belongs to another member id. */
  isFenced(memberId: string, groupInstanceId: string | null): boolean {
    if (groupInstanceId === null) return false;
    const current = this.staticMembers.get(groupInstanceId);
    return current !== undefined && current !== memberId;
  }

  /**
   * Whether an offset commit by this member at this generation may be written (Kafka's
   * validateOffsetCommit): 0 when it may, else the error code. A commit with generation -1, an
   * empty member id and no instance id is a simple (groupless) commit: allowed while Empty.
   */
  validateCommit(memberId: string, generationId: number, groupInstanceId: string | null): number {
    if (this.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (generationId < 0 && this.state === 'Empty') return ErrorCode.NONE;
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    if (this.isFenced(memberId, groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
    if (!this.members.has(memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    return ErrorCode.NONE;
  }
}
