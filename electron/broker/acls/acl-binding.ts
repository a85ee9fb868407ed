// An ACL as Kafka's AclBinding holds it (a resource pattern and an access control entry), and the
// filters Describe/DeleteAcls match with, as ResourcePatternFilter and AccessControlEntryFilter
// match: ANY matches every value, a null name/principal/host every one, and pattern type MATCH a
// name as the authorizer would: the same literal name, the literal wildcard '*', or a prefix of it.
import { AclOperation, AclPermissionType, PatternType, ResourceType, WILDCARD } from './acl-codes';

export interface AclBinding {
  resourceType: number;
  resourceName: string;
  patternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}

export interface AclFilter {
  resourceType: number;
  resourceName: string | null;
  patternType: number;
  principal: string | null;
  host: string | null;
  operation: number;
  permissionType: number;
}

function patternMatches(f: AclFilter, acl: AclBinding): boolean {
  if (f.resourceType !== ResourceType.ANY && f.resourceType !== acl.resourceType) return false;
  if (f.patternType !== PatternType.ANY && f.patternType !== PatternType.MATCH && f.patternType !== acl.patternType) return false;
  if (f.resourceName === null) return true;
  if (f.patternType === PatternType.ANY || f.patternType === acl.patternType) return f.resourceName === acl.resourceName;
  return acl.patternType === PatternType.LITERAL
    ? f.resourceName === acl.resourceName || acl.resourceName === WILDCARD
    : f.resourceName.startsWith(acl.resourceName);
}

export function filterMatches(f: AclFilter, acl: AclBinding): boolean {
  return (
    patternMatches(f, acl) &&
    (f.principal === null || f.principal === acl.principal) &&
    (f.host === null || f.host === acl.host) &&
    (f.operation === AclOperation.ANY || f.operation === acl.operation) &&
    (f.permissionType === AclPermissionType.ANY || f.permissionType === acl.permissionType)
  );
}

/** Whether a filter holds a part Kafka cannot read (UNKNOWN): Kafka refuses such a request whole. */
export const hasUnknown = (x: AclFilter | AclBinding): boolean =>
  x.resourceType === ResourceType.UNKNOWN || x.patternType === PatternType.UNKNOWN || x.operation === AclOperation.UNKNOWN || x.permissionType === AclPermissionType.UNKNOWN;

export const sameBinding = (a: AclBinding, b: AclBinding): boolean =>
  a.resourceType === b.resourceType &&
  a.resourceName === b.resourceName &&
  a.patternType === b.patternType &&
  a.principal === b.principal &&
  a.host === b.host &&
  a.operation === b.operation &&
  a.permissionType === b.permissionType;
