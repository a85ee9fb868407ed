// LeaveGroup (key 13), v0-5: one member (v0-2) or a batch with per-member errors, members also
// named by static instance id (v3+). The group rebalances without them.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';

export default defineHandler({
  apiKey: ApiKey.LeaveGroup,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker, version }) {
    if (version < 3) {
      const r = broker.groups.leave(request.groupId, [{ memberId: request.memberId, groupInstanceId: null }]);
      return { throttleTimeMs: 0, errorCode: r.errorCode || (r.members[0]?.errorCode ?? 0) };
    }
    const r = broker.groups.leave(
      request.groupId,
      request.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId })),
    );
    return { throttleTimeMs: 0, errorCode: r.errorCode, members: r.members };
  },
});
