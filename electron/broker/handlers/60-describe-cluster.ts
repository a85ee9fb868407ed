// DescribeCluster (key 60), v0-v1 (Kafka 4's Java admin uses it for describeCluster). This node is
// the whole cluster and its controller. endpointType (v1): 1 (brokers) is answered; 2 (controllers)
// gets MISMATCHED_ENDPOINT_TYPE, as a Kafka broker listener answers it; anything else
// UNSUPPORTED_ENDPOINT_TYPE. With includeClusterAuthorizedOperations the cluster operations are
// all allowed (no authorizer), as Kafka reports them without one.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';

const NO_OPERATIONS = -2147483648;
// AclOperation codes a CLUSTER resource supports: CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9,
// DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12, CREATE_TOKENS 13, DESCRIBE_TOKENS 14.
const CLUSTER_OPERATIONS = [5, 7, 8, 9, 10, 11, 12, 13, 14].reduce((bits, op) => bits | (1 << op), 0);
const BROKERS = 1;
const CONTROLLERS = 2;

export default defineHandler({
  apiKey: ApiKey.DescribeCluster,
  minVersion: 0,
  maxVersion: 1,
  handle(request, { broker, version, connection }) {
    const endpointType = version >= 1 ? request.endpointType : BROKERS;
    if (endpointType !== BROKERS) {
      return {
        throttleTimeMs: 0,
        errorCode: endpointType === CONTROLLERS ? ErrorCode.MISMATCHED_ENDPOINT_TYPE : ErrorCode.UNSUPPORTED_ENDPOINT_TYPE,
        errorMessage:
          endpointType === CONTROLLERS
            ? 'The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER'
            : `Unsupported endpoint type ${endpointType}`,
        endpointType: BROKERS,
        clusterId: broker.clusterId,
        controllerId: -1,
        brokers: [],
      };
    }
    const { host, port } = broker.endpoint(connection.listener.name);
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      endpointType: BROKERS,
      clusterId: broker.clusterId,
      controllerId: broker.nodeId,
      brokers: [{ brokerId: broker.nodeId, host, port, rack: null }],
      clusterAuthorizedOperations: request.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : NO_OPERATIONS,
    };
  },
});
