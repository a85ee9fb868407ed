// CreateAcls, DescribeAcls and DeleteAcls: kafkajs's admin creates, lists (ANY, MATCH, LITERAL,
// PREFIXED, the wildcard) and deletes ACLs; the raw client sends what kafkajs will not (bad
// resource types, operations, pattern types, ANY where a value is needed, code 0); the ACLs
// survive a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import kafkajsModule from 'kafkajs';
import { startTestBroker, silentKafkaLog } from '../support/broker';
import { RawClient } from '../support/raw-client';
import { ApiKey } from '../../electron/broker/protocol/messages.generated';
import { ErrorCode } from '../../electron/broker/protocol/errors';
import { AclOperation, AclPermissionType, PatternType, ResourceType } from '../../electron/broker/acls/acl-codes';

const { Kafka, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajsModule;

const acl = (resourceName: string, resourcePatternType: number, operation: number, permissionType = AclPermissionTypes.ALLOW, principal = 'User:alice') => ({
  resourceType: AclResourceTypes.TOPIC,
  resourceName,
  resourcePatternType,
  principal,
  host: '*',
  operation,
  permissionType,
});

test('kafkajs admin creates, describes with every pattern filter, and deletes ACLs; they survive a restart', async () => {
  let b = await startTestBroker();
  const dataDir = b.dataDir;
  try {
    let admin = new Kafka({ clientId: 'acls', brokers: [b.bootstrap], logCreator: silentKafkaLog, retry: { retries: 1 } }).admin();
    await admin.connect();
    await admin.createAcls({
      acl: [
        acl('orders', ResourcePatternTypes.LITERAL, AclOperationTypes.READ),
        acl('orders', ResourcePatternTypes.LITERAL, AclOperationTypes.READ), // twice: no error, stored once
        acl('ord', ResourcePatternTypes.PREFIXED, AclOperationTypes.WRITE),
        acl('*', ResourcePatternTypes.LITERAL, AclOperationTypes.DESCRIBE, AclPermissionTypes.DENY, 'User:bob'),
        acl('payments', ResourcePatternTypes.LITERAL, AclOperationTypes.ALL),
      ],
    });
    const describe = async (resourceName: string | undefined, resourcePatternType: number, extra: object = {}) => {
      const r = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourceName,
        resourcePatternType,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
        ...extra,
      });
      return r.resources.flatMap((res) => res.acls.map((a) => `${res.resourceName}/${res.resourcePatternType}/${a.principal}/${a.operation}/${a.permissionType}`)).sort();
    };
    assert.equal((await describe(undefined, ResourcePatternTypes.ANY)).length, 4);
    // MATCH: what applies to the topic orders: its literal ACL, the prefix ord, the wildcard.
    assert.deepEqual(await describe('orders', ResourcePatternTypes.MATCH), ['*/3/User:bob/8/2', 'ord/4/User:alice/4/3', 'orders/3/User:alice/3/3']);
    assert.deepEqual(await describe('orders', ResourcePatternTypes.LITERAL), ['orders/3/User:alice/3/3']);
    assert.deepEqual(await describe('ord', ResourcePatternTypes.PREFIXED), ['ord/4/User:alice/4/3']);
    assert.deepEqual(await describe('orders', ResourcePatternTypes.PREFIXED), []);
    assert.deepEqual(await describe(undefined, ResourcePatternTypes.ANY, { principal: 'User:bob' }), ['*/3/User:bob/8/2']);
    assert.deepEqual(await describe(undefined, ResourcePatternTypes.ANY, { operation: AclOperationTypes.ALL }), ['payments/3/User:alice/2/3']);
    await admin.disconnect();

    await b.running.stop();
    b = await startTestBroker({}, dataDir);
    assert.ok(b.lines.some((l) => l.includes('loaded 4 ACL(s)')));
    admin = new Kafka({ clientId: 'acls', brokers: [b.bootstrap], logCreator: silentKafkaLog, retry: { retries: 1 } }).admin();
    await admin.connect();
    assert.equal((await describe(undefined, ResourcePatternTypes.ANY)).length, 4);
    const deleted = await admin.deleteAcls({
      filters: [
        { resourceType: AclResourceTypes.TOPIC, resourceName: 'orders', resourcePatternType: ResourcePatternTypes.MATCH, operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY },
        { resourceType: AclResourceTypes.ANY, resourcePatternType: ResourcePatternTypes.ANY, principal: 'User:nobody', operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY },
      ],
    });
    assert.deepEqual(deleted.filterResponses.map((f) => f.matchingAcls.length), [3, 0]);
    assert.deepEqual(await describe(undefined, ResourcePatternTypes.ANY), ['payments/3/User:alice/2/3']);
    await admin.disconnect();

    await b.running.stop();
    b = await startTestBroker({}, dataDir);
    admin = new Kafka({ clientId: 'acls', brokers: [b.bootstrap], logCreator: silentKafkaLog, retry: { retries: 1 } }).admin();
    await admin.connect();
    assert.deepEqual(await describe(undefined, ResourcePatternTypes.ANY), ['payments/3/User:alice/2/3']);
    await admin.disconnect();
  } finally {
    await b.stop();
  }
});

test('bad ACLs get INVALID_REQUEST with Kafka\'s messages; code 0 closes the connection; the broker stays up', async () => {
  const b = await startTestBroker();
  try {
    const c = await RawClient.connect(b.port, '127.0.0.1');
    const creation = { resourceType: ResourceType.TOPIC, resourceName: 't', resourcePatternType: PatternType.LITERAL, principal: 'User:a', host: '*', operation: AclOperation.READ, permissionType: AclPermissionType.ALLOW };
    const created = await c.request(ApiKey.CreateAcls, 3, {
      creations: [
        { ...creation, resourceType: 99 },
        { ...creation, resourcePatternType: 99 },
        { ...creation, operation: 99 },
        { ...creation, permissionType: 99 },
        { ...creation, resourceName: '' },
        { ...creation, resourceType: ResourceType.CLUSTER, resourceName: 'c' },
        { ...creation, principal: 'alice' },
        creation,
      ],
    });
    assert.deepEqual(
      created.results.map((r) => [r.errorCode, r.errorMessage]),
      [
        [ErrorCode.INVALID_REQUEST, 'Invalid resourceType UNKNOWN'],
        [ErrorCode.INVALID_REQUEST, 'Invalid patternType UNKNOWN'],
        [ErrorCode.INVALID_REQUEST, 'Invalid operation UNKNOWN'],
        [ErrorCode.INVALID_REQUEST, 'Invalid permissionType UNKNOWN'],
        [ErrorCode.INVALID_REQUEST, 'Invalid empty resource name'],
        [ErrorCode.INVALID_REQUEST, 'The only valid name for the CLUSTER resource is kafka-cluster'],
        [ErrorCode.INVALID_REQUEST, 'Could not parse principal from `alice` (no colon is present).'],
        [ErrorCode.NONE, null],
      ],
    );
    // ANY (or MATCH) where an ACL needs a value: Kafka cannot make the ACL and fails the whole request.
    for (const change of [{ resourceType: ResourceType.ANY }, { resourcePatternType: PatternType.MATCH }, { operation: AclOperation.ANY }, { permissionType: AclPermissionType.ANY }]) {
      const whole = await c.request(ApiKey.CreateAcls, 3, { creations: [{ ...creation, resourceName: 'lost' }, { ...creation, ...change }] });
      assert.deepEqual(whole.results.map((r) => r.errorCode), [ErrorCode.UNKNOWN_SERVER_ERROR, ErrorCode.UNKNOWN_SERVER_ERROR]);
    }
    const filter = { resourceTypeFilter: ResourceType.ANY, resourceNameFilter: null, patternTypeFilter: PatternType.ANY, principalFilter: null, hostFilter: null, operation: AclOperation.ANY, permissionType: AclPermissionType.ANY };
    const described = await c.request(ApiKey.DescribeAcls, 3, { ...filter, operation: 99 });
    assert.deepEqual([described.errorCode, described.resources], [ErrorCode.NONE, []]);
    const deleted = await c.request(ApiKey.DeleteAcls, 3, { filters: [{ ...filter, patternTypeFilter: 99 }, { ...filter, permissionType: 99 }] });
    assert.deepEqual(deleted.filterResults.map((r) => [r.errorCode, r.errorMessage]), [[ErrorCode.INVALID_REQUEST, 'Unknown patternFilter.'], [ErrorCode.INVALID_REQUEST, 'Unknown entryFilter.']]);
    await assert.rejects(c.request(ApiKey.DescribeAcls, 3, { ...filter, resourceTypeFilter: ResourceType.UNKNOWN }), /connection closed/);
    c.close();

    const again = await RawClient.connect(b.port, '127.0.0.1');
    const all = await again.request(ApiKey.DescribeAcls, 1, filter);
    assert.equal(all.resources.length, 1);
    again.close();
  } finally {
    await b.stop();
  }
});
