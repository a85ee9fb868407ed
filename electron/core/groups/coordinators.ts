// Which consumer groups a cluster has and which broker coordinates each: ListGroups asked of every
// broker at once (each lists the groups it coordinates; v4+ tells their states, v5+ their types),
// then one FindCoordinator v4+ for all of them (KIP-699), where the cluster batches (Kafka 3.0+).
import { setTimeout as sleep } from 'node:timers/promises';
import {
  FindCoordinatorRequestSpec,
  FindCoordinatorResponseSpec,
  ListGroupsRequestSpec,
  ListGroupsResponseSpec,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
  type ListGroupsRequest,
  type ListGroupsResponse,
} from '../../broker/protocol/messages.generated';
import { ErrorCode } from '../../broker/protocol/errors';
import { api, kafkaErrorName, type Wire } from '../clusters/wire';

const listGroupsApi = api<ListGroupsRequest, ListGroupsResponse>(ListGroupsRequestSpec, ListGroupsResponseSpec);
const findCoordinatorApi = api<FindCoordinatorRequest, FindCoordinatorResponse>(FindCoordinatorRequestSpec, FindCoordinatorResponseSpec);
const FIND_BATCHED: [number, number] = [4, 6];

/** Answers that go away by themselves: the coordinator is loading, moving or not elected yet. */
export const retriable = new Set<number>([ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_COORDINATOR]);
const ATTEMPTS = 4;
const RETRY_MS = 250;

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  /** From ListGroups v4+. */
  state?: string;
  /** From ListGroups v5+: classic, consumer, share, streams. */
  type?: string;
}

/** Every group of the cluster; brokers that could not list theirs are named in `missing`. */
export async function listGroups(wire: Wire): Promise<{ groups: ListedGroup[]; missing: string[] }> {
  const brokers = await wire.brokers();
  const groups = new Map<string, ListedGroup>();
  const missing: string[] = [];
  await Promise.all(
    brokers.map(async ({ nodeId }) => {
      try {
        const { response } = await wire.send(nodeId, listGroupsApi, {}, [0, 5]);
        if (response.errorCode) throw new Error(kafkaErrorName(response.errorCode));
        for (const g of response.groups) {
          groups.set(g.groupId, {
            groupId: g.groupId,
            protocolType: g.protocolType,
            ...(g.groupState ? { state: g.groupState } : {}),
            ...(g.groupType ? { type: g.groupType } : {}),
          });
        }
      } catch (error) {
        missing.push(`Broker ${nodeId} did not list its groups: ${(error as Error).message}`);
      }
    }),
  );
  return { groups: [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId)), missing: missing.sort() };
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
