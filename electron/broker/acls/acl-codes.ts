// Kafka's codes for the parts of an ACL (org.apache.kafka.common.resource.ResourceType,
// PatternType, acl.AclOperation, acl.AclPermissionType), as the ACL APIs carry them. UNKNOWN (0)
// is also what Kafka makes of any code it does not know.

export const ResourceType = { UNKNOWN: 0, ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6, USER: 7 } as const;
export const PatternType = { UNKNOWN: 0, ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const;
export const AclOperation = {
  UNKNOWN: 0,
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
  CREATE_TOKENS: 13,
  DESCRIBE_TOKENS: 14,
  TWO_PHASE_COMMIT: 15,
} as const;
export const AclPermissionType = { UNKNOWN: 0, ANY: 1, DENY: 2, ALLOW: 3 } as const;

const known = (codes: Record<string, number>) => {
  const values = new Set(Object.values(codes));
  return (code: number): number => (values.has(code) ? code : 0);
};

/** A code as Kafka reads it: one it does not know becomes UNKNOWN. */
export const resourceTypeOf = known(ResourceType);
export const patternTypeOf = known(PatternType);
export const operationOf = known(AclOperation);
export const permissionTypeOf = known(AclPermissionType);

/** The one name a CLUSTER resource may have. */
export const CLUSTER_NAME = 'kafka-cluster';
/** A literal resource name that matches every name. */
export const WILDCARD = '*';
