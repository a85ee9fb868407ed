// The classic group coordinator (Kafka's GroupCoordinator): groups by id, the join phase with its
// timers, member sessions, and the state changes Empty -> PreparingRebalance ->
// CompletingRebalance -> Stable. JoinGroup and SyncGroup may wait for other members: they return a
// promise the handler hands back to the connection. Each group is written to __consumer_offsets
// (group-store.ts) as Kafka writes it: when JoinGroup creates it, when the leader's assignment
// completes a rebalance (before the members get it), when it becomes Empty, and a tombstone when
// it is deleted. On start the stored groups are restored as Kafka loads them: with members, Stable,
// each member's session starting then, so a member still running carries on with its generation
// and a gone one is removed when its session times out. All timers are unref'd and cleared by stop().
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/errors';
import { Group, type JoinResult, type Member, type Protocol, type SyncResult } from './group';
import type { GroupMetadataWriter } from './group-store';

export interface GroupConfig {
  groupInitialRebalanceDelayMs: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
}

export interface JoinParams {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  /** JoinGroup v4+: a new member first gets MEMBER_ID_REQUIRED with its id. */
  requireKnownMemberId: boolean;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
}

export interface SyncParams {
  groupId: string;
  memberId: string;
  generationId: number;
  groupInstanceId: string | null;
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface LeaveResult {
  errorCode: number;
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

const EMPTY = Buffer.alloc(0);

const joinError = (errorCode: number, memberId: string): JoinResult => ({
  errorCode,
  generationId: -1,
  protocolType: null,
  protocolName: null,
  leader: '',
  memberId,
  members: [],
});
const syncError = (errorCode: number): SyncResult => ({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY });

const sameProtocols = (a: Protocol[], b: Protocol[]) =>
  a.length === b.length && a.every((p, i) => p.name === b[i].name && p.metadata.equals(b[i].metadata));

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private stopped = false;

  constructor(
    private readonly config: GroupConfig,
    private readonly log: (line: string) => void = () => {},
    private readonly store?: GroupMetadataWriter,
  ) {}

  /** Takes the groups read from __consumer_offsets and starts the sessions of their members. */
  restore(groups: Iterable<Group>): void {
    for (const group of groups) {
      this.groups.set(group.groupId, group);
      for (const m of group.members.values()) this.resetSession(group, m);
    }
  }

  /** Writes the group's record as it is now; false (logged) when the write failed. */
  private stored(group: Group): boolean {
    try {
      this.store?.store(group);
      return true;
    } catch (err) {
      this.log(`group ${group.groupId}: writing its metadata (generation ${group.generationId}) failed: ${(err as Error).message}`);
      return false;
    }
  }

  get(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  /** The group, created Empty if there is none (a simple offset commit creates its group this way). */
  getOrCreate(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new Group(groupId);
      this.groups.set(groupId, group);
    }
    return group;
  }

  list(): Group[] {
    return [...this.groups.values()].filter((g) => g.state !== 'Dead');
  }

  /** Whether DeleteGroups may delete the group: NON_EMPTY_GROUP while it has members, GROUP_ID_NOT_FOUND when unknown. */
  deletable(groupId: string): number {
    if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
    const group = this.groups.get(groupId);
    if (!group || group.state === 'Dead') return ErrorCode.GROUP_ID_NOT_FOUND;
    if (group.state !== 'Empty') return ErrorCode.NON_EMPTY_GROUP;
    return ErrorCode.NONE;
  }

  /** Deletes a group if deletable() allows, tombstone first; throws (and keeps the group) when that write fails. */
  delete(groupId: string, nowMs = Date.now()): number {
    const errorCode = this.deletable(groupId);
    const group = this.groups.get(groupId);
    if (errorCode !== ErrorCode.NONE || !group) return errorCode;
    this.store?.remove(groupId, nowMs);
    this.clearTimers(group);
    group.transitionTo('Dead', nowMs);
    this.groups.delete(groupId);
    return ErrorCode.NONE;
  }

  // ---- JoinGroup ----

  join(p: JoinParams): JoinResult | Promise<JoinResult> {
    if (this.stopped) return joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, p.memberId);
    if (p.groupId === '') return joinError(ErrorCode.INVALID_GROUP_ID, p.memberId);
    if (p.sessionTimeoutMs < this.config.groupMinSessionTimeoutMs || p.sessionTimeoutMs > this.config.groupMaxSessionTimeoutMs) {
      return joinError(ErrorCode.INVALID_SESSION_TIMEOUT, p.memberId);
    }
    let group = this.groups.get(p.groupId);
    if (!group) {
      if (p.memberId !== '') return joinError(ErrorCode.UNKNOWN_MEMBER_ID, p.memberId);
      group = this.getOrCreate(p.groupId);
      // As Kafka: a group JoinGroup creates is written at once (Empty, generation 0); if that fails it is not kept.
      if (!this.stored(group)) {
        this.groups.delete(group.groupId);
        return joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, p.memberId);
      }
    }
    if (group.state === 'Dead') return joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, p.memberId);
    if (!group.supportsProtocols(p.protocolType, p.protocols)) {
      return joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, p.memberId);
    }
    return p.memberId === '' ? this.joinNewMember(group, p) : this.joinKnownMember(group, p);
  }

  private joinNewMember(group: Group, p: JoinParams): JoinResult | Promise<JoinResult> {
    // As Kafka names them: a static member after its instance id, any other after its client id.
    const memberId = `${p.groupInstanceId ?? p.clientId}-${randomUUID()}`;
    if (p.groupInstanceId !== null) {
      const oldId = group.staticMembers.get(p.groupInstanceId);
      const old = oldId === undefined ? undefined : group.members.get(oldId);
      if (old) return this.replaceStaticMember(group, old, memberId, p);
      return this.addMemberAndRebalance(group, memberId, p);
    }
    if (p.requireKnownMemberId) {
      const timer = setTimeout(() => {
        if (group.pendingMembers.delete(memberId)) this.tryCompleteJoin(group);
      }, p.sessionTimeoutMs);
      timer.unref();
      group.pendingMembers.set(memberId, timer);
      return joinError(ErrorCode.MEMBER_ID_REQUIRED, memberId);
    }
    return this.addMemberAndRebalance(group, memberId, p);
  }

  private joinKnownMember(group: Group, p: JoinParams): JoinResult | Promise<JoinResult> {
    const pending = group.pendingMembers.get(p.memberId);
    if (pending) {
      clearTimeout(pending);
      group.pendingMembers.delete(p.memberId);
      return this.addMemberAndRebalance(group, p.memberId, p);
    }
    if (group.isFenced(p.memberId, p.groupInstanceId)) return joinError(ErrorCode.FENCED_INSTANCE_ID, p.memberId);
    const member = group.members.get(p.memberId);
    if (!member) return joinError(ErrorCode.UNKNOWN_MEMBER_ID, p.memberId);
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, p);
      case 'CompletingRebalance':
        // The member did not get its join answer: give it the same one again.
        if (sameProtocols(member.protocols, p.protocols)) return this.currentJoinResult(group, member);
        return this.updateMemberAndRebalance(group, member, p);
      case 'Stable':
        if (member.memberId === group.leaderId || !sameProtocols(member.protocols, p.protocols)) {
          return this.updateMemberAndRebalance(group, member, p);
        }
        return this.currentJoinResult(group, member);
      default:
        return joinError(ErrorCode.UNKNOWN_MEMBER_ID, p.memberId);
    }
  }

  /** The answer of the current generation; skipAssignment tells a leader to keep the assignment. */
  private currentJoinResult(group: Group, member: Member, skipAssignment = false): JoinResult {
    this.resetSession(group, member);
    const leads = member.memberId === group.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: leads ? this.memberList(group) : [],
      skipAssignment: skipAssignment && leads,
    };
  }

  private memberList(group: Group): JoinResult['members'] {
    return [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: group.metadataOf(m),
    }));
  }

  private addMemberAndRebalance(group: Group, memberId: string, p: JoinParams): Promise<JoinResult> {
    if (group.isEmpty) group.protocolType = p.protocolType;
    const member: Member = {
      memberId,
      groupInstanceId: p.groupInstanceId,
      clientId: p.clientId,
      clientHost: p.clientHost,
      sessionTimeoutMs: p.sessionTimeoutMs,
      rebalanceTimeoutMs: p.rebalanceTimeoutMs,
      protocolType: p.protocolType,
      protocols: p.protocols,
      assignment: EMPTY,
    };
    const answer = new Promise<JoinResult>((resolve) => (member.awaitingJoin = resolve));
    group.members.set(memberId, member);
    if (p.groupInstanceId !== null) group.staticMembers.set(p.groupInstanceId, memberId);
    group.leaderId ??= memberId;
    group.newMemberAdded = true;
    this.rebalanceOrComplete(group);
    return answer;
  }

  /**
   * A static member rejoining under a new member id (a restarted consumer with the same
   * group.instance.id) takes over its old id's place, which is fenced. As in Kafka (KIP-345): in a
   * Stable group whose selected protocol stays the same, it gets the current generation at once
   * (a rejoining leader with the members and skipAssignment, KIP-814, so it leads without assigning
   * anew), and the group is written but does not rebalance; in any other state, or when the
   * selected protocol would change, the group rebalances.
   */
  private replaceStaticMember(group: Group, old: Member, newId: string, p: JoinParams): JoinResult | Promise<JoinResult> {
    const fenced = old.memberId;
    old.awaitingJoin?.(joinError(ErrorCode.FENCED_INSTANCE_ID, fenced));
    old.awaitingSync?.(syncError(ErrorCode.FENCED_INSTANCE_ID));
    old.awaitingJoin = undefined;
    old.awaitingSync = undefined;
    const rename = (from: string, to: string) => {
      group.members.delete(from);
      old.memberId = to;
      group.members.set(to, old);
      group.staticMembers.set(p.groupInstanceId!, to);
      if (group.leaderId === from) group.leaderId = to;
    };
    rename(fenced, newId);
    this.log(`group ${group.groupId}: static member ${p.groupInstanceId} rejoined, ${fenced} replaced by ${newId}`);
    if (group.state !== 'Stable') return this.updateMemberAndRebalance(group, old, p);
    const before = { protocols: old.protocols, sessionTimeoutMs: old.sessionTimeoutMs, rebalanceTimeoutMs: old.rebalanceTimeoutMs, clientId: old.clientId, clientHost: old.clientHost };
    Object.assign(old, { protocols: p.protocols, sessionTimeoutMs: p.sessionTimeoutMs, rebalanceTimeoutMs: p.rebalanceTimeoutMs, clientId: p.clientId, clientHost: p.clientHost });
    if (group.selectProtocol() !== group.protocolName) return this.updateMemberAndRebalance(group, old, p);
    if (!this.stored(group)) {
      // As Kafka: the replacement is undone, and the rejoining member gets the error.
      Object.assign(old, before);
      rename(newId, fenced);
      return joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, newId);
    }
    return this.currentJoinResult(group, old, true);
  }

  private updateMemberAndRebalance(group: Group, member: Member, p: JoinParams): Promise<JoinResult> {
    member.awaitingJoin?.(joinError(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId));
    member.protocols = p.protocols;
    member.sessionTimeoutMs = p.sessionTimeoutMs;
    member.rebalanceTimeoutMs = p.rebalanceTimeoutMs;
    member.clientId = p.clientId;
    member.clientHost = p.clientHost;
    const answer = new Promise<JoinResult>((resolve) => (member.awaitingJoin = resolve));
    this.rebalanceOrComplete(group);
    return answer;
  }

  private rebalanceOrComplete(group: Group): void {
    if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
    else this.prepareRebalance(group);
  }

  private prepareRebalance(group: Group): void {
    if (group.state === 'CompletingRebalance') {
      for (const m of group.members.values()) {
        m.assignment = EMPTY;
        m.awaitingSync?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        m.awaitingSync = undefined;
      }
    }
    const wasEmpty = group.state === 'Empty';
    group.transitionTo('PreparingRebalance');
    clearTimeout(group.joinTimer);
    const delay = this.config.groupInitialRebalanceDelayMs;
    if (wasEmpty && delay > 0) {
      // Kafka's InitialDelayedJoin: wait for more members while they keep arriving, up to the rebalance timeout.
      group.initialDelayActive = true;
      group.newMemberAdded = false;
      let remaining = Math.max(group.rebalanceTimeoutMs - delay, 0);
      const fire = () => {
        if (group.newMemberAdded && remaining > 0) {
          group.newMemberAdded = false;
          const next = Math.min(delay, remaining);
          remaining -= next;
          group.joinTimer = setTimeout(fire, next).unref();
          return;
        }
        group.initialDelayActive = false;
        this.completeJoin(group);
      };
      group.joinTimer = setTimeout(fire, delay).unref();
      return;
    }
    group.joinTimer = setTimeout(() => this.completeJoin(group), group.rebalanceTimeoutMs).unref();
    this.tryCompleteJoin(group);
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state === 'PreparingRebalance' && !group.initialDelayActive && group.allMembersJoined) this.completeJoin(group);
  }

  /** Ends the join phase: members that did not rejoin are removed, the next generation starts. */
  private completeJoin(group: Group): void {
    clearTimeout(group.joinTimer);
    group.joinTimer = undefined;
    group.initialDelayActive = false;
    if (group.state !== 'PreparingRebalance') return;
    // As Kafka: dynamic members that did not rejoin are removed; static ones stay until their
    // session times out (they come back with the same instance id).
    for (const m of [...group.members.values()]) {
      if (!m.awaitingJoin && m.groupInstanceId === null) {
        this.log(`group ${group.groupId}: member ${m.memberId} did not rejoin in time, removed`);
        this.removeMember(group, m);
      }
    }
    if (!group.isEmpty) {
      // The leader must be a member that rejoined; with none (only static members left, none back
      // yet), keep waiting until they return or their sessions time out.
      const leader = group.leaderId === null ? undefined : group.members.get(group.leaderId);
      if (!leader?.awaitingJoin) {
        const rejoined = [...group.members.values()].find((m) => m.awaitingJoin);
        if (!rejoined) {
          group.joinTimer = setTimeout(() => this.completeJoin(group), group.rebalanceTimeoutMs).unref();
          return;
        }
        group.leaderId = rejoined.memberId;
      }
    }
    group.generationId++;
    if (group.isEmpty) {
      group.transitionTo('Empty');
      group.protocolName = null;
      group.leaderId = null;
      this.stored(group); // as Kafka, a failure here is only logged
      return;
    }
    group.protocolName = group.selectProtocol();
    group.transitionTo('CompletingRebalance');
    this.log(`group ${group.groupId}: generation ${group.generationId} with ${group.members.size} member(s), protocol ${group.protocolName}`);
    const members = this.memberList(group);
    for (const m of group.members.values()) {
      const answer = m.awaitingJoin;
      m.awaitingJoin = undefined;
      this.resetSession(group, m);
      answer?.({
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader: group.leaderId!,
        memberId: m.memberId,
        members: m.memberId === group.leaderId ? members : [],
      });
    }
  }

  // ---- SyncGroup ----

  sync(p: SyncParams): SyncResult | Promise<SyncResult> {
    const group = this.groups.get(p.groupId);
    if (!group) return syncError(ErrorCode.UNKNOWN_MEMBER_ID);
    if (group.state === 'Dead') return syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (group.isFenced(p.memberId, p.groupInstanceId)) return syncError(ErrorCode.FENCED_INSTANCE_ID);
    const member = group.members.get(p.memberId);
    if (!member) return syncError(ErrorCode.UNKNOWN_MEMBER_ID);
    if (p.generationId !== group.generationId) return syncError(ErrorCode.ILLEGAL_GENERATION);
    if (
      (p.protocolType !== null && p.protocolType !== group.protocolType) ||
      (p.protocolName !== null && p.protocolName !== group.protocolName)
    ) {
      return syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    switch (group.state) {
      case 'PreparingRebalance':
        return syncError(ErrorCode.REBALANCE_IN_PROGRESS);
      case 'Stable':
        this.resetSession(group, member);
        return this.syncResult(group, member);
      case 'CompletingRebalance': {
        this.resetSession(group, member);
        member.awaitingSync?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        const answer = new Promise<SyncResult>((resolve) => (member.awaitingSync = resolve));
        if (member.memberId === group.leaderId) {
          const given = new Map(p.assignments.map((a) => [a.memberId, a.assignment]));
          for (const m of group.members.values()) m.assignment = given.get(m.memberId) ?? EMPTY;
          if (!this.stored(group)) {
            // As Kafka: the members get the error, and the group rebalances again.
            for (const m of group.members.values()) {
              m.awaitingSync?.(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
              m.awaitingSync = undefined;
            }
            this.prepareRebalance(group);
            return answer;
          }
          group.transitionTo('Stable');
          for (const m of group.members.values()) {
            const reply = m.awaitingSync;
            m.awaitingSync = undefined;
            reply?.(this.syncResult(group, m));
          }
        }
        return answer;
      }
      default:
        return syncError(ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }

  private syncResult(group: Group, member: Member): SyncResult {
    return { errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment };
  }

  // ---- Heartbeat ----

  heartbeat(groupId: string, memberId: string, generationId: number, groupInstanceId: string | null): number {
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (group.isFenced(memberId, groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
    const member = group.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    switch (group.state) {
      case 'Empty':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        this.resetSession(group, member);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      default:
        this.resetSession(group, member);
        return ErrorCode.NONE;
    }
  }

  // ---- LeaveGroup ----

  leave(groupId: string, leaving: { memberId: string; groupInstanceId: string | null }[]): LeaveResult {
    const group = this.groups.get(groupId);
    if (group?.state === 'Dead') return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const members = leaving.map(({ memberId, groupInstanceId }) => ({
      memberId,
      groupInstanceId,
      errorCode: group ? this.leaveOne(group, memberId, groupInstanceId) : ErrorCode.UNKNOWN_MEMBER_ID,
    }));
    return { errorCode: ErrorCode.NONE, members };
  }

  private leaveOne(group: Group, memberId: string, groupInstanceId: string | null): number {
    let id = memberId;
    if (groupInstanceId !== null) {
      const current = group.staticMembers.get(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (memberId !== '' && memberId !== current) return ErrorCode.FENCED_INSTANCE_ID;
      id = current;
    }
    const pending = group.pendingMembers.get(id);
    if (pending) {
      clearTimeout(pending);
      group.pendingMembers.delete(id);
      this.tryCompleteJoin(group);
      return ErrorCode.NONE;
    }
    const member = group.members.get(id);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.log(`group ${group.groupId}: member ${id} left`);
    this.removeMemberAndUpdate(group, member);
    return ErrorCode.NONE;
  }

  // ---- members and sessions ----

  private removeMember(group: Group, member: Member): void {
    clearTimeout(member.sessionTimer);
    member.awaitingJoin?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    member.awaitingSync?.(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    member.awaitingJoin = undefined;
    member.awaitingSync = undefined;
    group.members.delete(member.memberId);
    if (member.groupInstanceId !== null && group.staticMembers.get(member.groupInstanceId) === member.memberId) {
      group.staticMembers.delete(member.groupInstanceId);
    }
    if (group.leaderId === member.memberId) group.leaderId = group.members.keys().next().value ?? null;
  }

  private removeMemberAndUpdate(group: Group, member: Member): void {
    this.removeMember(group, member);
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.prepareRebalance(group);
    else if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
  }

  private resetSession(group: Group, member: Member): void {
    clearTimeout(member.sessionTimer);
    if (this.stopped) return;
    member.sessionTimer = setTimeout(() => this.onSessionExpired(group, member), member.sessionTimeoutMs).unref();
  }

  private onSessionExpired(group: Group, member: Member): void {
    if (group.members.get(member.memberId) !== member) return;
    // A member waiting for its join or sync answer is alive: it is the group that keeps it waiting.
    if (member.awaitingJoin || member.awaitingSync) {
      this.resetSession(group, member);
      return;
    }
    this.log(`group ${group.groupId}: member ${member.memberId} session timed out after ${member.sessionTimeoutMs} ms, removed`);
    this.removeMemberAndUpdate(group, member);
  }

  private clearTimers(group: Group): void {
    clearTimeout(group.joinTimer);
    for (const t of group.pendingMembers.values()) clearTimeout(t);
    for (const m of group.members.values()) clearTimeout(m.sessionTimer);
  }

  /** Clears every timer and answers every waiting request with COORDINATOR_NOT_AVAILABLE. */
  stop(): void {
    this.stopped = true;
    for (const group of this.groups.values()) {
      this.clearTimers(group);
      for (const m of group.members.values()) {
        m.awaitingJoin?.(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, m.memberId));
        m.awaitingSync?.(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
        m.awaitingJoin = undefined;
        m.awaitingSync = undefined;
      }
    }
  }
}
