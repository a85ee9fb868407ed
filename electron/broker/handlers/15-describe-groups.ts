// DescribeGroups (key 15), v0-5. As Kafka: an unknown group (the empty group id too) is described as Dead with no error;
// member metadata (and the protocol name) are given only while the group is Stable, and each
// member's assignment always, in a rebalance the one of the last generation.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { findGroup } from '../groups/lookup';

const NO_OPERATIONS = -2147483648;
const EMPTY = Buffer.alloc(0);

export default defineHandler({
  apiKey: ApiKey.DescribeGroups,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker }) {
    const groups = request.groups.map((groupId) => {
      const group = findGroup(broker, groupId);
      if (!group) {
        return {
          errorCode: ErrorCode.NONE,
          groupId,
          groupState: 'Dead',
          protocolType: '',
          protocolData: '',
          members: [],
          authorizedOperations: NO_OPERATIONS,
        };
      }
      const stable = group.state === 'Stable';
      return {
        errorCode: ErrorCode.NONE,
        groupId,
        groupState: group.state,
        protocolType: group.protocolType ?? '',
        protocolData: stable ? (group.protocolName ?? '') : '',
        members: [...group.members.values()].map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: stable ? group.metadataOf(m) : EMPTY,
          memberAssignment: m.assignment,
        })),
        authorizedOperations: NO_OPERATIONS,
      };
    });
    return { throttleTimeMs: 0, groups };
  },
});
