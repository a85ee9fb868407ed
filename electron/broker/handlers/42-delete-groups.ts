// DeleteGroups (key 42), v0-2: NON_EMPTY_GROUP while a group has members, GROUP_ID_NOT_FOUND for
// an unknown one; a deleted group's committed offsets go with it.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { findGroup } from '../groups/lookup';

export default defineHandler({
  apiKey: ApiKey.DeleteGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(request, { broker }) {
    const results = request.groupsNames.map((groupId) => {
      findGroup(broker, groupId); // a group known only by its offsets
      const errorCode = broker.groups.delete(groupId);
      if (errorCode === ErrorCode.NONE) {
        broker.offsets.deleteGroup(groupId);
        broker.log(`deleted group ${groupId}`);
      }
      return { groupId, errorCode };
    });
    return { throttleTimeMs: 0, results };
  },
});
