// Which consumer groups a cluster has and which broker coordinates each: ListGroups asked of every
// broker at once (each lists the groups it coordinates; v4+ tells their states, v5+ their types),
// then one FindCoordinator v4+ for all of them (KIP-699), where the cluster batches (Kafka 3.0+).
import { setTimeout as sleep } from 'node:timers/promises';
import {
  FindCoordinatorRequestSpec,
  FindCoordinatorResponseSpec,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
} from '../../broker/protocol/messages.generated';
import { BrookError } from '../../../shared/errors';
import { ErrorCode } from '../../broker/protocol/errors';
import { groupStates, type GroupState } from '../clusters/group-states';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';

const findCoordinatorApi = api<FindCoordinatorRequest, FindCoordinatorResponse>(FindCoordinatorRequestSpec, FindCoordinatorResponseSpec);
const FIND_BATCHED: [number, number] = [4, 6];

/** Answers that go away by themselves: the coordinator is loading, moving or not elected yet. */
export const retriable = new Set<number>([ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR]);
const ATTEMPTS = 4;
const RETRY_MS = 250;

/**
 * Every group of the cluster (the Overview's reading: ListGroups of every broker, each within the
 * time allowed); brokers that could not list theirs are named in `missing`.
 */
export async function listGroups(wire: Wire): Promise<{ groups: GroupState[]; missing: string[] }> {
  const { groups, missing } = await groupStates(wire, (await wire.brokers()).map((b) => b.nodeId));
  return { groups, missing: missing.map((m) => `Broker ${m.broker} did not list its groups: ${m.message}`) };
}

export interface Coordinators {
  /** The coordinator's node id per group. */
  byGroup: Map<string, number>;
  /** Groups whose coordinator could not be found, with Kafka's error name. */
  failed: Map<string, string>;
}

/**
 * The coordinators of `groupIds`, all in one FindCoordinator (asked again, a moment later, for the
 * keys whose coordinator was loading or moving); undefined when the cluster cannot batch them.
 */
export async function findCoordinators(wire: Wire, groupIds: string[]): Promise<Coordinators | undefined> {
  const out: Coordinators = { byGroup: new Map(), failed: new Map() };
  if (groupIds.length === 0) return out;
  const [first] = await wire.brokers();
  if (!first || (await wire.speaks(first.nodeId, findCoordinatorApi, FIND_BATCHED)) === undefined) return undefined;
  let keys = groupIds;
  for (let attempt = 1; keys.length && attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) await sleep(RETRY_MS);
    const { response } = await wire.sendAny(findCoordinatorApi, { keyType: 0, coordinatorKeys: keys }, FIND_BATCHED);
    const again: string[] = [];
    for (const c of response.coordinators) {
      if (!c.errorCode) {
        out.byGroup.set(c.key, c.nodeId);
        out.failed.delete(c.key);
        continue;
      }
      out.failed.set(c.key, kafkaErrorName(c.errorCode));
      if (retriable.has(c.errorCode)) again.push(c.key);
    }
    keys = again;
  }
  return out;
}

export const unknownGroup = (groupId: string) =>
  new BrookError({ code: 'UNKNOWN_GROUP', message: `Consumer group "${groupId}" does not exist on this cluster (GROUP_ID_NOT_FOUND)`, hint: 'It may have been deleted, or expired after its last member left: refresh the list of groups.' });

/** The broker that coordinates `groupId`: one FindCoordinator, or the broker that lists it where the cluster cannot batch (before Kafka 3.0). */
export async function coordinatorOf(wire: Wire, groupId: string): Promise<number> {
  const found = await findCoordinators(wire, [groupId]);
  if (!found) {
    const listed = (await listGroups(wire)).groups.find((g) => g.groupId === groupId);
    if (!listed) throw unknownGroup(groupId);
    return listed.coordinator;
  }
  const node = found.byGroup.get(groupId);
  if (node !== undefined) return node;
  throw new BrookError({
    code: 'KAFKA_ERROR',
    message: `The coordinator of group "${groupId}" could not be found (${found.failed.get(groupId) ?? 'no answer'})`,
    hint: 'The cluster may be starting or moving the group: try again in a moment.',
  });
}
