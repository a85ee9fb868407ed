// DeleteGroups (key 42), v0-2: NON_EMPTY_GROUP while a group has members, GROUP_ID_NOT_FOUND for
// an unknown one; a deleted group's committed offsets go with it, then its metadata, each with
// tombstones in __consumer_offsets; a failed write is COORDINATOR_NOT_AVAILABLE.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { findGroup } from '../groups/lookup';
import { OffsetStoreError } from '../groups/offsets';

export default defineHandler({
  apiKey: ApiKey.DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker }) {
    const results = request.groupsNames.map((groupId) => {
      findGroup(broker, groupId); // a group known only by its offsets
      let errorCode = broker.groups.deletable(groupId);
      if (errorCode === ErrorCode.NONE) {
        try {
          broker.offsets.deleteGroup(groupId);
          errorCode = broker.groups.delete(groupId);
          broker.log(`deleted group ${groupId}`);
        } catch (err) {
          broker.log(`deleting group ${groupId} failed: ${(err as Error).message}`);
          errorCode = err instanceof OffsetStoreError ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.UNKNOWN_SERVER_ERROR;
        }
      }
      return { groupId, errorCode };
    });
    return { throttleTimeMs: 0, results };
  },
});
