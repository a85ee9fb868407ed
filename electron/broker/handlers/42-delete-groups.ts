// DeleteGroups (key 42), v0-2: NON_EMPTY_GROUP while a group has members, GROUP_ID_NOT_FOUND for
// an unknown one; a deleted group's committed offsets go with it.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import type { Broker } from '../broker';

/**
 * Deletes the committed offsets of a deleted group: the offsets store's deleteGroup(groupId), when
 * the broker has one (groups/offsets*.ts, another engineer's part).
 */
function deleteCommittedOffsets(broker: Broker, groupId: string): void {
  const offsets = (broker as unknown as { offsets?: { deleteGroup?: (groupId: string) => unknown } }).offsets;
  offsets?.deleteGroup?.(groupId);
}

export default defineHandler({
  apiKey: ApiKey.DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker }) {
    const results = request.groupsNames.map((groupId) => {
      const errorCode = broker.groups.delete(groupId);
      if (errorCode === ErrorCode.NONE) {
        deleteCommittedOffsets(broker, groupId);
        broker.log(`deleted group ${groupId}`);
      }
      return { groupId, errorCode };
    });
    return { throttleTimeMs: 0, results };
  },
});
