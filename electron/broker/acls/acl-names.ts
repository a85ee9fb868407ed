// Kafka's enum names for an ACL's codes, as its error messages and kafka-acls.sh print them.
import { AclOperation, AclPermissionType, PatternType, ResourceType } from './acl-codes';
import type { AclBinding } from './acl-binding';

const namer = (codes: Record<string, number>) => {
  const names = new Map(Object.entries(codes).map(([name, code]) => [code, name]));
  return (code: number) => names.get(code) ?? 'UNKNOWN';
};
const resourceTypeName = namer(ResourceType);
const patternTypeName = namer(PatternType);
const operationName = namer(AclOperation);
const permissionTypeName = namer(AclPermissionType);

export const aclNames = (acl: Pick<AclBinding, 'resourceType' | 'patternType' | 'operation' | 'permissionType'>) => ({
  resourceType: resourceTypeName(acl.resourceType),
  patternType: patternTypeName(acl.patternType),
  operation: operationName(acl.operation),
  permissionType: permissionTypeName(acl.permissionType),
});
