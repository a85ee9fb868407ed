// Heartbeat (key 12), v0-4: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';

export default defineHandler({
  apiKey: ApiKey.Heartbeat,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, version }) {
    const instanceId = version >= 3 ? request.groupInstanceId : null;
    return {
      throttleTimeMs: 0,
      errorCode: broker.groups.heartbeat(request.groupId, request.memberId, request.generationId, instanceId),
    };
  },
});
