// CreateAcls (key 30), v1-3 (Kafka 4 removed v0): each creation is checked as Kafka's AclApis and
// the controller's AclControlManager check it, with INVALID_REQUEST and Kafka's message for a
// CLUSTER resource not named kafka-cluster, an empty name, a resource type, pattern type,
// operation or permission Kafka does not know, and a principal without a colon. The valid ones are
// stored together (an ACL already there is no error). ANY (or MATCH) where an ACL needs one value
// cannot even be made into an ACL in Kafka (ResourcePattern, AccessControlEntry throw): the whole
// request then fails with UNKNOWN_SERVER_ERROR for every creation and nothing is stored. A code 0
// anywhere closes the connection, as Kafka cannot parse the request.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { CLUSTER_NAME, PatternType, ResourceType, AclOperation, AclPermissionType } from '../acls/acl-codes';
import { aclNames } from '../acls/acl-names';
import type { AclBinding } from '../acls/acl-binding';
import { readCodes, refusedUnparsable } from '../acls/acl-requests';

/** Kafka's message for an ACL it cannot make at all (a filter's value where a value is needed). */
function unbindable(acl: AclBinding): string | null {
  if (acl.resourceType === ResourceType.ANY) return 'resourceType must not be ANY';
  if (acl.patternType === PatternType.ANY || acl.patternType === PatternType.MATCH) return `patternType must not be ${aclNames(acl).patternType}`;
  if (acl.operation === AclOperation.ANY) return 'operation must not be ANY';
  if (acl.permissionType === AclPermissionType.ANY) return 'permissionType must not be ANY';
  return null;
}

/** Kafka's message for an ACL it will not create, or null for a valid one. */
function invalid(acl: AclBinding): string | null {
  const names = aclNames(acl);
  if (acl.resourceType === ResourceType.CLUSTER && acl.resourceName !== CLUSTER_NAME) return `The only valid name for the CLUSTER resource is ${CLUSTER_NAME}`;
  if (acl.resourceName === '') return 'Invalid empty resource name';
  if (acl.resourceType === ResourceType.UNKNOWN) return `Invalid resourceType ${names.resourceType}`;
  if (acl.patternType === PatternType.UNKNOWN) return `Invalid patternType ${names.patternType}`;
  if (acl.operation === AclOperation.UNKNOWN) return `Invalid operation ${names.operation}`;
  if (acl.permissionType === AclPermissionType.UNKNOWN) return `Invalid permissionType ${names.permissionType}`;
  if (!acl.principal.includes(':')) return `Could not parse principal from \`${acl.principal}\` (no colon is present).`;
  return null;
}

export default defineHandler({
  apiKey: ApiKey.CreateAcls,
  advertisedMinVersion: 1,
  minVersion: 1,
  maxVersion: 3,
  handle(request, { broker, connection }) {
    const raw = request.creations.map((c): AclBinding => ({
      resourceType: c.resourceType,
      resourceName: c.resourceName,
      patternType: c.resourcePatternType,
      principal: c.principal,
      host: c.host,
      operation: c.operation,
      permissionType: c.permissionType,
    }));
    if (refusedUnparsable(connection, 'CreateAcls', raw)) return null;
    const acls = raw.map(readCodes);
    const unmade = acls.map(unbindable).find((m) => m !== null);
    if (unmade) return { throttleTimeMs: 0, results: acls.map(() => ({ errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: unmade })) };
    const problems = acls.map(invalid);
    const valid = acls.filter((_, i) => problems[i] === null);
    let stored: number = ErrorCode.NONE;
    try {
      broker.acls.add(valid);
      if (valid.length > 0) broker.log(`created ${valid.length} ACL(s)`);
    } catch (err) {
      broker.log(`storing ACLs failed: ${(err as Error).message}`);
      stored = ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    return {
      throttleTimeMs: 0,
      results: problems.map((message) =>
        message !== null ? { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: message } : { errorCode: stored, errorMessage: stored === ErrorCode.NONE ? null : 'the ACLs could not be stored' },
      ),
    };
  },
});
