// groups:list and groups:describe: the cluster's consumer groups at once (ListGroups of every
// broker), and one group whole (group-detail.ts). Their figures stream in by groups:figures.
import type { AdminPool } from '../clusters/admin-pool';
import type { Handlers } from '../registry';
import { listGroups } from './coordinators';
import { describeGroup } from './group-detail';

export function groupHandlers(pool: AdminPool): Pick<Handlers, 'groups:list' | 'groups:describe'> {
  return {
    'groups:list': ({ id }) =>
      pool.onWire(id, 'listing consumer groups', async (wire) => {
        const { groups, missing } = await listGroups(wire);
        return { groups: groups.map((g) => ({ groupId: g.groupId, state: g.state, protocolType: g.protocolType, ...(g.type ? { type: g.type } : {}), coordinator: g.coordinator })), missing };
      }),
    'groups:describe': ({ id, groupId }) => pool.onWire(id, `reading consumer group ${groupId}`, (wire) => describeGroup(wire, groupId)),
  };
}
