// Offsets committed inside a transaction (TxnOffsetCommit), as Kafka's group coordinator keeps
// them: written to __consumer_offsets at once, in a transactional batch of the producer, but held
// aside until the transaction's marker reaches the group's partition. A COMMIT makes them the
// group's committed offsets; an ABORT drops them. While they wait, OffsetFetch with requireStable
// answers UNSTABLE_OFFSET_COMMIT for their partitions.
import type { CommittedOffset } from './offsets';

export class PendingTxnOffsets {
  /** producerId -> groupId -> offsets, in commit order. */
  private readonly byProducer = new Map<bigint, Map<string, CommittedOffset[]>>();

  add(producerId: bigint, groupId: string, entries: readonly CommittedOffset[]): void {
    let groups = this.byProducer.get(producerId);
    if (!groups) this.byProducer.set(producerId, (groups = new Map()));
    let list = groups.get(groupId);
    if (!list) groups.set(groupId, (list = []));
    list.push(...entries);
  }

  /** Removes and returns the producer's offsets of the groups `inPartition` accepts. */
  take(producerId: bigint, inPartition: (groupId: string) => boolean): [string, CommittedOffset[]][] {
    const groups = this.byProducer.get(producerId);
    if (!groups) return [];
    const out: [string, CommittedOffset[]][] = [];
    for (const [groupId, list] of groups) {
      if (!inPartition(groupId)) continue;
      out.push([groupId, list]);
      groups.delete(groupId);
    }
    if (groups.size === 0) this.byProducer.delete(producerId);
    return out;
  }

  isPending(groupId: string, topic: string, partition: number): boolean {
    for (const groups of this.byProducer.values()) {
      if (groups.get(groupId)?.some((o) => o.topic === topic && o.partition === partition)) return true;
    }
    return false;
  }

  clear(): void {
    this.byProducer.clear();
  }
}
