// Every group of a cluster with its state. Each broker lists only the groups it coordinates, so
// ListGroups goes to every broker; from v4 (Kafka 2.6) it says each group's state, and for older
// brokers one DescribeGroups per broker, naming all of its groups, tells them.
import type { BrokerProblem } from '../../../shared/model';
import {
  DescribeGroupsRequestSpec,
  DescribeGroupsResponseSpec,
  ListGroupsRequestSpec,
  ListGroupsResponseSpec,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
  type ListGroupsRequest,
  type ListGroupsResponse,
} from '../../broker/protocol/messages.generated';
import { askEveryBroker } from './every-broker';
import { api, kafkaErrorName, type Wire } from './wire';

const listGroupsApi = api<ListGroupsRequest, ListGroupsResponse>(ListGroupsRequestSpec, ListGroupsResponseSpec);
const describeGroupsApi = api<DescribeGroupsRequest, DescribeGroupsResponse>(DescribeGroupsRequestSpec, DescribeGroupsResponseSpec);

export interface GroupState {
  groupId: string;
  /** Kafka's name for it: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Assigning, Reconciling ... */
  state: string;
  protocolType: string;
  /** From ListGroups v5+: classic, consumer, share, streams. */
  type?: string;
  coordinator: number;
}

/**
 * The groups every broker coordinates. `listGroupsUpTo` caps the ListGroups version, to take the
 * path of brokers older than 2.6 on a newer one.
 */
export async function groupStates(wire: Wire, nodeIds: readonly number[], listGroupsUpTo = 5): Promise<{ groups: GroupState[]; missing: BrokerProblem[] }> {
  const { answers, missing } = await askEveryBroker(nodeIds, async (nodeId) => {
    const { version, response } = await wire.send(nodeId, listGroupsApi, { statesFilter: [], typesFilter: [] }, [0, listGroupsUpTo]);
    if (response.errorCode) throw new Error(`ListGroups: ${kafkaErrorName(response.errorCode)}`);
    const listed = response.groups.map((g): GroupState => ({ groupId: g.groupId, state: g.groupState, protocolType: g.protocolType, ...(g.groupType ? { type: g.groupType } : {}), coordinator: nodeId }));
    if (version >= 4 || listed.length === 0) return listed;
    const described = await wire.send(nodeId, describeGroupsApi, { groups: listed.map((g) => g.groupId), includeAuthorizedOperations: false }, [0, 5]);
    const states = new Map(described.response.groups.map((g) => [g.groupId, g.errorCode ? kafkaErrorName(g.errorCode) : g.groupState]));
    return listed.map((g) => ({ ...g, state: states.get(g.groupId) ?? 'Unknown' }));
  });
  const groups = [...answers.values()].flat().sort((a, b) => a.groupId.localeCompare(b.groupId));
  return { groups, missing };
}
