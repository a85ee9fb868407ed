// DescribeAcls (key 29), v1-3 (Kafka 4 removed v0): the ACLs matching the filter (see
// acls/acl-binding.ts: ANY, MATCH, LITERAL, PREFIXED, null for any name, principal or host),
// grouped by resource pattern. A filter part Kafka does not know matches nothing; a code 0
// closes the connection, as Kafka cannot parse the request.
import { defineHandler } from './handler';
import { ApiKey, type DescribeAclsResponseResources } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { rawFilter, readCodes, refusedUnparsable } from '../acls/acl-requests';

export default defineHandler({
  apiKey: ApiKey.DescribeAcls,
  advertisedMinVersion: 1,
  minVersion: 1,
  maxVersion: 3,
  handle(request, { broker, connection }) {
    const filter = rawFilter(request);
    if (refusedUnparsable(connection, 'DescribeAcls', [filter])) return null;
    const resources = new Map<string, DescribeAclsResponseResources>();
    for (const acl of broker.acls.matching(readCodes(filter))) {
      const key = JSON.stringify([acl.resourceType, acl.patternType, acl.resourceName]);
      let resource = resources.get(key);
      if (!resource) {
        resource = { resourceType: acl.resourceType, resourceName: acl.resourceName, patternType: acl.patternType, acls: [] };
        resources.set(key, resource);
      }
      resource.acls.push({ principal: acl.principal, host: acl.host, operation: acl.operation, permissionType: acl.permissionType });
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, resources: [...resources.values()] };
  },
});
