// What the three ACL APIs share in reading a request, as Kafka's CreateAclsRequest,
// DescribeAclsRequest and DeleteAclsRequest read theirs: a part whose code is 0 (UNKNOWN) makes the
// request unparsable, and Kafka closes the connection without an answer; any other code Kafka does
// not know is read as UNKNOWN, which the handlers then answer for.
import type { Connection } from '../server/connection';
import { operationOf, patternTypeOf, permissionTypeOf, resourceTypeOf } from './acl-codes';
import { hasUnknown, type AclFilter } from './acl-binding';

interface RawFilter {
  resourceTypeFilter: number;
  resourceNameFilter: string | null;
  patternTypeFilter: number;
  principalFilter: string | null;
  hostFilter: string | null;
  operation: number;
  permissionType: number;
}

export const rawFilter = (f: RawFilter): AclFilter => ({
  resourceType: f.resourceTypeFilter,
  resourceName: f.resourceNameFilter,
  patternType: f.patternTypeFilter,
  principal: f.principalFilter,
  host: f.hostFilter,
  operation: f.operation,
  permissionType: f.permissionType,
});

/** The codes as Kafka reads them (unknown ones as UNKNOWN). */
export const readCodes = <T extends { resourceType: number; patternType: number; operation: number; permissionType: number }>(x: T): T => ({
  ...x,
  resourceType: resourceTypeOf(x.resourceType),
  patternType: patternTypeOf(x.patternType),
  operation: operationOf(x.operation),
  permissionType: permissionTypeOf(x.permissionType),
});

/** Closes the connection, as Kafka does, when any of `parts` carries code 0; returns whether it did. */
export function refusedUnparsable(connection: Connection, api: string, parts: Parameters<typeof hasUnknown>[0][]): boolean {
  if (!parts.some(hasUnknown)) return false;
  connection.close(`${api} request contains UNKNOWN elements`);
  return true;
}
