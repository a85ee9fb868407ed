// Groups as the group APIs see them: the coordinator's groups (restored from their group metadata
// records on start), and groups known only by their committed offsets (simple commits write no
// group metadata record), which Kafka creates Empty when it loads their offsets; here they are
// created Empty on first sight.
import type { Broker } from '../broker';
import type { Group } from './group';

export function findGroup(broker: Broker, groupId: string): Group | undefined {
  const group = broker.groups.get(groupId);
  if (group) return group;
  return groupId !== '' && broker.offsets.hasOffsets(groupId) ? broker.groups.getOrCreate(groupId) : undefined;
}

export function allGroups(broker: Broker): Group[] {
  for (const id of broker.offsets.groupIds()) if (!broker.groups.get(id)) broker.groups.getOrCreate(id);
  return broker.groups.list();
}
