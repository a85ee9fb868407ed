// What Brook changes of a group, each as Kafka allows it: offset resets (previewed first, applied
// only to a group without members: reset-offsets.ts), deleting a group (DeleteGroups, Empty
// groups only: NON_EMPTY_GROUP otherwise) and deleting its offsets on one topic (OffsetDelete,
// refused with GROUP_SUBSCRIBED_TO_TOPIC while a member reads it), at the group's coordinator.
import { BrookError } from '../../../shared/errors';
import {
  DeleteGroupsRequestSpec,
  DeleteGroupsResponseSpec,
  OffsetDeleteRequestSpec,
  OffsetDeleteResponseSpec,
  type DeleteGroupsRequest,
  type DeleteGroupsResponse,
  type OffsetDeleteRequest,
  type OffsetDeleteResponse,
} from '../../broker/protocol/messages.generated';
import { ErrorCode } from '../../broker/protocol/errors';
import type { AdminPool } from '../clusters/admin-pool';
import { api, kafkaErrorName } from '../clusters/wire';
import type { Handlers } from '../registry';
import { coordinatorOf, unknownGroup } from './coordinators';
import { commitsOf, readGroups } from './group-reading';
import { applyReset, planReset } from './reset-offsets';

const deleteGroupsApi = api<DeleteGroupsRequest, DeleteGroupsResponse>(DeleteGroupsRequestSpec, DeleteGroupsResponseSpec);
const offsetDeleteApi = api<OffsetDeleteRequest, OffsetDeleteResponse>(OffsetDeleteRequestSpec, OffsetDeleteResponseSpec);

const refusal = (groupId: string, code: number, what: string) => {
  if (code === ErrorCode.GROUP_ID_NOT_FOUND) return unknownGroup(groupId);
  const why: Record<number, string> = {
    [ErrorCode.NON_EMPTY_GROUP]: 'it still has members: stop its consumers first',
    [ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC]: 'a member of the group is subscribed to the topic: stop its consumers first',
  };
  return new BrookError({ code: 'KAFKA_ERROR', message: `Kafka refused to ${what} (${kafkaErrorName(code)})${why[code] ? `: ${why[code]}` : ''}`, hint: 'Nothing was deleted.' });
};

type ChangeHandlers = Pick<Handlers, 'groups:previewReset' | 'groups:resetOffsets' | 'groups:delete' | 'groups:deleteOffsets'>;

export function groupChangeHandlers(pool: AdminPool): ChangeHandlers {
  return {
    'groups:previewReset': ({ id, groupId, scope, target }) => pool.onWire(id, `previewing a reset of ${groupId}`, async (wire) => (await planReset(wire, groupId, scope, target)).plan),
    'groups:resetOffsets': ({ id, groupId, scope, target }) => pool.onWire(id, `resetting the offsets of ${groupId}`, (wire) => applyReset(wire, groupId, scope, target)),
    'groups:delete': ({ id, groupId }) =>
      pool.onWire(id, `deleting group ${groupId}`, async (wire) => {
        const coordinator = await coordinatorOf(wire, groupId);
        const { response } = await wire.send(coordinator, deleteGroupsApi, { groupsNames: [groupId] }, [0, 2]);
        const code = response.results.find((r) => r.groupId === groupId)?.errorCode ?? 0;
        if (code) throw refusal(groupId, code, `delete group "${groupId}"`);
        return { deleted: true };
      }),
    'groups:deleteOffsets': ({ id, groupId, topic }) =>
      pool.onWire(id, `deleting the offsets of ${groupId} on ${topic}`, async (wire) => {
        const coordinator = await coordinatorOf(wire, groupId);
        const [reading] = await readGroups(wire, coordinator, [groupId]);
        const partitions = [...(reading ? commitsOf(reading).get(topic)?.keys() ?? [] : [])];
        if (partitions.length === 0) throw new BrookError({ code: 'INVALID_INPUT', message: `Group "${groupId}" has no offsets on topic "${topic}"` });
        const { response } = await wire.send(coordinator, offsetDeleteApi, { groupId, topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex })) }] }, [0, 0]);
        if (response.errorCode) throw refusal(groupId, response.errorCode, `delete the offsets of group "${groupId}" on "${topic}"`);
        const failed = response.topics.flatMap((t) => t.partitions).find((p) => p.errorCode);
        if (failed) throw refusal(groupId, failed.errorCode, `delete the offsets of group "${groupId}" on "${topic}"`);
        return { partitions: partitions.sort((a, b) => a - b) };
      }),
  };
}
