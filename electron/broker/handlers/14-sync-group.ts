// SyncGroup (key 14), v0-5: the leader hands in the assignments, every member gets its own. A
// follower's request waits (a promise) until the leader's arrives.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import type { SyncResult } from '../groups/group';

export default defineHandler({
  apiKey: ApiKey.SyncGroup,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker, version }) {
    const result = broker.groups.sync({
      groupId: request.groupId,
      memberId: request.memberId,
      generationId: request.generationId,
      groupInstanceId: version >= 3 ? request.groupInstanceId : null,
      protocolType: version >= 5 ? request.protocolType : null,
      protocolName: version >= 5 ? request.protocolName : null,
      assignments: request.assignments,
    });
    const respond = (r: SyncResult) => ({ throttleTimeMs: 0, ...r });
    return result instanceof Promise ? result.then(respond) : respond(result);
  },
});
