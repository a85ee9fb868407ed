// ListGroups (key 16), v0-5: every group this coordinator knows, filtered by state (v4+,
// case-insensitive as in Kafka) and type (v5+: these are all "classic" groups).
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { allGroups } from '../groups/lookup';

export default defineHandler({
  apiKey: ApiKey.ListGroups,
  minVersion: 0,
  maxVersion: 5,
  handle(request, { broker, version }) {
    const states = new Set((version >= 4 ? request.statesFilter : []).map((s) => s.toLowerCase()));
    const types = new Set((version >= 5 ? request.typesFilter : []).map((s) => s.toLowerCase()));
    const groups = allGroups(broker)
      .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
      .filter(() => types.size === 0 || types.has('classic'))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state, groupType: 'classic' }));
    return { throttleTimeMs: 0, errorCode: 0, groups };
  },
});
