// DeleteAcls (key 31), v1-3 (Kafka 4 removed v0): every filter removes the ACLs it matches (as
// DescribeAcls matches them) and lists them; all filters are applied in one write. A filter with
// a resource type or pattern type Kafka does not know is INVALID_REQUEST "Unknown patternFilter.",
// an unknown operation or permission "Unknown entryFilter.", as Kafka's AclControlManager answers;
// a code 0 closes the connection, as Kafka cannot parse the request.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { AclOperation, AclPermissionType, PatternType, ResourceType } from '../acls/acl-codes';
import type { AclFilter } from '../acls/acl-binding';
import { rawFilter, readCodes, refusedUnparsable } from '../acls/acl-requests';

function invalid(f: AclFilter): string | null {
  if (f.resourceType === ResourceType.UNKNOWN || f.patternType === PatternType.UNKNOWN) return 'Unknown patternFilter.';
  if (f.operation === AclOperation.UNKNOWN || f.permissionType === AclPermissionType.UNKNOWN) return 'Unknown entryFilter.';
  return null;
}

export default defineHandler({
  apiKey: ApiKey.DeleteAcls,
  advertisedMinVersion: 1,
  minVersion: 1,
  maxVersion: 3,
  handle(request, { broker, connection }) {
    const raw = request.filters.map(rawFilter);
    if (refusedUnparsable(connection, 'DeleteAcls', raw)) return null;
    const filters = raw.map(readCodes);
    const problems = filters.map(invalid);
    let removed: ReturnType<typeof broker.acls.remove>;
    try {
      removed = broker.acls.remove(filters.filter((_, i) => problems[i] === null));
    } catch (err) {
      broker.log(`deleting ACLs failed: ${(err as Error).message}`);
      return {
        throttleTimeMs: 0,
        filterResults: filters.map(() => ({ errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: 'the ACLs could not be stored', matchingAcls: [] })),
      };
    }
    const total = removed.reduce((n, r) => n + r.length, 0);
    if (total > 0) broker.log(`deleted ${total} ACL(s)`);
    return {
      throttleTimeMs: 0,
      filterResults: problems.map((message) => {
        if (message !== null) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: message, matchingAcls: [] };
        const matchingAcls = removed.shift()!.map((acl) => ({ errorCode: ErrorCode.NONE, errorMessage: null, ...acl }));
        return { errorCode: ErrorCode.NONE, errorMessage: null, matchingAcls };
      }),
    };
  },
});
