// JoinGroup (key 11), v0-9, answered by the group coordinator (groups/coordinator.ts) once the join
// phase completes: the handler returns a promise while other members are awaited. v0 has no
// rebalance timeout (the session timeout serves), v4+ requires a known member id
// (MEMBER_ID_REQUIRED), v5+ carries the static member's instance id (a static member that rejoins
// a Stable group under a new member id is answered at once, without a rebalance), v9 tells a
// rejoined static leader to skip the assignment.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import type { JoinResult } from '../groups/group';

export default defineHandler({
  apiKey: ApiKey.JoinGroup,
  minVersion: 0,
  maxVersion: 9,
  handle(request, { broker, version, header, connection }) {
    const result = broker.groups.join({
      groupId: request.groupId,
      memberId: request.memberId,
      groupInstanceId: version >= 5 ? request.groupInstanceId : null,
      requireKnownMemberId: version >= 4,
      clientId: header.clientId ?? '',
      clientHost: `/${connection.socket.remoteAddress ?? ''}`,
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: version >= 1 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs,
      protocolType: request.protocolType,
      protocols: request.protocols,
    });
    const respond = (r: JoinResult) => ({
      throttleTimeMs: 0,
      ...r,
      protocolName: version >= 7 ? r.protocolName : (r.protocolName ?? ''),
    });
    return result instanceof Promise ? result.then(respond) : respond(result);
  },
});
