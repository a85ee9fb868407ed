// Differential conformance of the ACL APIs (CreateAcls, DescribeAcls, DeleteAcls): the same raw
// requests to the sandbox and to Apache Kafka 4.3.1 with its StandardAuthorizer (super.users
// User:ANONYMOUS, so that the PLAINTEXT listeners and the controller's own connections stay
// authorised), answers normalised and compared as in differential.test.ts; bad input included:
// unknown and inapplicable resource types, pattern types, operations and permissions, empty and
// wrong names, principals without a colon, and code 0, which both refuse by closing the connection.
import { after, before, describe, test, type TestContext } from 'node:test';
import { realKafkaAvailable, startRealKafka, type RealKafka } from '../support/kafka-target';
import { startTestBroker, type TestBroker } from '../support/broker';
import { Differential, openSide } from '../support/differential/pair';
import { runArea } from '../support/differential/area';
import { AclOperation, AclPermissionType, PatternType, ResourceType } from '../../electron/broker/acls/acl-codes';
import type { DescribeAclsResponse } from '../../electron/broker/protocol/messages.generated';

const START_TIMEOUT = 180_000;
const AUTHORIZER = { 'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'super.users': 'User:ANONYMOUS' };

const creation = { resourceType: ResourceType.TOPIC, resourceName: 'orders', resourcePatternType: PatternType.LITERAL, principal: 'User:alice', host: '*', operation: AclOperation.READ, permissionType: AclPermissionType.ALLOW };
const ALL = { resourceTypeFilter: ResourceType.ANY, resourceNameFilter: null, patternTypeFilter: PatternType.ANY, principalFilter: null, hostFilter: null, operation: AclOperation.ANY, permissionType: AclPermissionType.ANY };
const count = (r: DescribeAclsResponse) => r.resources.reduce((n, res) => n + res.acls.length, 0);

describe('differential: ACLs, sandbox vs Apache Kafka 4.3.1 with its StandardAuthorizer', () => {
  let kafka: RealKafka | undefined;
  let sandbox: TestBroker | undefined;
  let d: Differential | undefined;

  before(async () => {
    if (!realKafkaAvailable().ok) return;
    [kafka, sandbox] = await Promise.all([startRealKafka({ brokers: 1, config: AUTHORIZER }), startTestBroker()]);
    d = new Differential(await openSide('sandbox', sandbox.port), await openSide('kafka', Number(kafka.bootstrap[0].split(':')[1])));
  }, { timeout: START_TIMEOUT });

  after(async () => {
    d?.close();
    await Promise.all([kafka?.stop(), sandbox?.stop()]);
  });

  const area = (t: TestContext, steps: (d: Differential) => Promise<void>) => runArea(t, d, steps);

  test('CreateAcls: literal, prefixed, the wildcard, every resource type, allow and deny, an ACL twice; every refusal', (t) =>
    area(t, async (d) => {
      await d.exchange('valid', 30, {
        creations: [
          creation,
          creation,
          { ...creation, resourceName: 'ord', resourcePatternType: PatternType.PREFIXED, operation: AclOperation.WRITE },
          { ...creation, resourceName: '*', principal: 'User:bob', operation: AclOperation.DESCRIBE, permissionType: AclPermissionType.DENY },
          { ...creation, resourceType: ResourceType.GROUP, resourceName: 'g', host: '10.0.0.1' },
          { ...creation, resourceType: ResourceType.CLUSTER, resourceName: 'kafka-cluster', operation: AclOperation.ALTER_CONFIGS },
          { ...creation, resourceType: ResourceType.TRANSACTIONAL_ID, resourceName: 'tx', operation: AclOperation.ALL },
        ],
      });
      const refused: [string, object][] = [
        ['resource type ANY', { resourceType: ResourceType.ANY }],
        ['resource type unknown', { resourceType: 99 }],
        ['pattern type ANY', { resourcePatternType: PatternType.ANY }],
        ['pattern type MATCH', { resourcePatternType: PatternType.MATCH }],
        ['pattern type unknown', { resourcePatternType: 99 }],
        ['operation ANY', { operation: AclOperation.ANY }],
        ['operation unknown', { operation: 99 }],
        ['permission ANY', { permissionType: AclPermissionType.ANY }],
        ['permission unknown', { permissionType: 99 }],
        ['empty name', { resourceName: '' }],
        ['CLUSTER not named kafka-cluster', { resourceType: ResourceType.CLUSTER, resourceName: 'other' }],
        ['principal without a colon', { principal: 'alice' }],
      ];
      for (const [step, change] of refused) await d.exchange(step, 30, { creations: [{ ...creation, ...change }] });
      await d.exchange('ANY beside a valid one', 30, { creations: [{ ...creation, resourceName: 'lost' }, { ...creation, operation: AclOperation.ANY }] });
      await d.exchange('a refused one beside a valid one', 30, { creations: [{ ...creation, resourceName: '' }, { ...creation, resourceName: 'fine' }] });
      // The newest operation (KIP-939), created and removed again at the controller.
      await d.exchange('operation TWO_PHASE_COMMIT', 30, { creations: [{ ...creation, resourceType: ResourceType.TRANSACTIONAL_ID, resourceName: 'tx2', operation: AclOperation.TWO_PHASE_COMMIT }] });
      await d.exchange('operation TWO_PHASE_COMMIT', 31, { filters: [{ ...ALL, resourceNameFilter: 'tx2' }] });
      await d.closesBoth('resource type 0', 30, { creations: [{ ...creation, resourceType: ResourceType.UNKNOWN }] });
      await d.closesBoth('operation 0', 30, { creations: [{ ...creation, operation: AclOperation.UNKNOWN }] });
    }));

  test('DescribeAcls: ANY, MATCH, LITERAL, PREFIXED, by principal, host, operation, permission; unknown codes; v1', (t) =>
    area(t, async (d) => {
      // Kafka's brokers learn the controller's ACLs from its metadata log, shortly after CreateAcls.
      await d.exchange('everything', 29, ALL, { until: (r) => count(r) === 7 });
      await d.exchange('everything', 29, ALL, { version: 1 });
      await d.exchange('MATCH orders', 29, { ...ALL, resourceTypeFilter: ResourceType.TOPIC, resourceNameFilter: 'orders', patternTypeFilter: PatternType.MATCH });
      await d.exchange('MATCH another topic', 29, { ...ALL, resourceNameFilter: 'payments', patternTypeFilter: PatternType.MATCH });
      await d.exchange('LITERAL orders', 29, { ...ALL, resourceNameFilter: 'orders', patternTypeFilter: PatternType.LITERAL });
      await d.exchange('PREFIXED ord', 29, { ...ALL, resourceNameFilter: 'ord', patternTypeFilter: PatternType.PREFIXED });
      await d.exchange('ANY pattern, name orders', 29, { ...ALL, resourceNameFilter: 'orders' });
      await d.exchange('LITERAL, no name', 29, { ...ALL, patternTypeFilter: PatternType.LITERAL });
      await d.exchange('principal', 29, { ...ALL, principalFilter: 'User:bob' });
      await d.exchange('host', 29, { ...ALL, hostFilter: '10.0.0.1' });
      await d.exchange('operation', 29, { ...ALL, operation: AclOperation.ALL });
      await d.exchange('permission', 29, { ...ALL, permissionType: AclPermissionType.DENY });
      await d.exchange('resource type', 29, { ...ALL, resourceTypeFilter: ResourceType.CLUSTER });
      await d.exchange('unknown resource type', 29, { ...ALL, resourceTypeFilter: 99 });
      await d.exchange('unknown pattern type', 29, { ...ALL, patternTypeFilter: 99 });
      await d.exchange('unknown operation', 29, { ...ALL, operation: 99 });
      await d.exchange('unknown permission', 29, { ...ALL, permissionType: 99 });
      await d.closesBoth('pattern type 0', 29, { ...ALL, patternTypeFilter: PatternType.UNKNOWN });
    }));

  test('DeleteAcls: by MATCH, by principal, nothing matched, unknown codes; what is left', (t) =>
    area(t, async (d) => {
      await d.exchange('refused filters', 31, {
        filters: [
          { ...ALL, resourceTypeFilter: 99 },
          { ...ALL, patternTypeFilter: 99 },
          { ...ALL, operation: 99 },
          { ...ALL, permissionType: 99 },
        ],
      });
      await d.closesBoth('operation 0', 31, { filters: [{ ...ALL, operation: AclOperation.UNKNOWN }] });
      await d.exchange('MATCH orders, a principal, nothing', 31, {
        filters: [
          { ...ALL, resourceTypeFilter: ResourceType.TOPIC, resourceNameFilter: 'orders', patternTypeFilter: PatternType.MATCH },
          { ...ALL, principalFilter: 'User:nobody' },
          { ...ALL, resourceTypeFilter: ResourceType.GROUP },
        ],
      });
      await d.exchange('what is left', 29, ALL, { until: (r) => count(r) === 3 });
      await d.exchange('everything else', 31, { filters: [ALL] }, { version: 1 });
      await d.exchange('nothing is left', 29, ALL, { until: (r) => count(r) === 0 });
    }));
});
