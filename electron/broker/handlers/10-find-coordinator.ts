// FindCoordinator (key 10), v0-4. This node coordinates every group (key type 0) and every
// transactional id (key type 1); the first lookup of a transactional id creates __transaction_state,
// as Kafka does. v4+ asks for many keys at once. The empty group id has a coordinator too, as in
// Kafka (its offsets are kept). Any other key type is INVALID_REQUEST.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import type { Broker } from '../broker';

const GROUP = 0;
const TRANSACTION = 1;

function coordinatorFor(broker: Broker, listener: string, keyType: number) {
  const { host, port } = broker.endpoint(listener);
  if (keyType === TRANSACTION) {
    try {
      broker.transactions.txnLog.ensureTopic();
    } catch (err) {
      broker.log(`creating __transaction_state failed: ${(err as Error).message}`);
      return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: (err as Error).message, nodeId: -1, host: '', port: -1 };
    }
  }
  if (keyType === GROUP || keyType === TRANSACTION) {
    return { errorCode: ErrorCode.NONE, errorMessage: null, nodeId: broker.nodeId, host, port };
  }
  return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `unknown key type ${keyType}`, nodeId: -1, host: '', port: -1 };
}

export default defineHandler({
  apiKey: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 4,
  handle(request, { broker, version, connection }) {
    const listener = connection.listener.name;
    if (version >= 4) {
      return {
        throttleTimeMs: 0,
        coordinators: request.coordinatorKeys.map((key) => ({ key, ...coordinatorFor(broker, listener, request.keyType) })),
      };
    }
    return { throttleTimeMs: 0, ...coordinatorFor(broker, listener, request.keyType) };
  },
});
