// groups:list, groups:describe and groups:history: the cluster's consumer groups at once
// (ListGroups of every broker), one group whole (group-detail.ts), and a group's lag over time as
// the lag monitors recorded it. Their figures stream in by groups:figures.
import type { AdminPool } from '../clusters/admin-pool';
import type { LagHistory } from '../history/lag-history';
import type { Handlers } from '../registry';
import { listGroups } from './coordinators';
import { describeGroup } from './group-detail';

export function groupHandlers(pool: AdminPool, history: LagHistory): Pick<Handlers, 'groups:list' | 'groups:describe' | 'groups:history'> {
  return {
    'groups:list': ({ id }) =>
      pool.onWire(id, 'listing consumer groups', async (wire) => {
        const { groups, missing } = await listGroups(wire);
        return { groups: groups.map((g) => ({ groupId: g.groupId, state: g.state, protocolType: g.protocolType, ...(g.type ? { type: g.type } : {}), coordinator: g.coordinator })), missing };
      }),
    'groups:describe': ({ id, groupId }) => pool.onWire(id, `reading consumer group ${groupId}`, (wire) => describeGroup(wire, groupId)),
    'groups:history': ({ id, groupId, from, to }) => history.query(id, groupId, from, to ?? Date.now()),
  };
}
