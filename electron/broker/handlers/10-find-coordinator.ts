// FindCoordinator (key 10), v0-4. This node coordinates every group (key type 0); there is no
// transaction coordinator (key type 1: COORDINATOR_NOT_AVAILABLE). v4+ asks for many keys at once.
// The empty group id has a coordinator too, as in Kafka (its offsets are kept).
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import type { Broker } from '../broker';

const GROUP = 0;
const TRANSACTION = 1;

function coordinatorFor(broker: Broker, listener: string, keyType: number) {
  const { host, port } = broker.endpoint(listener);
  if (keyType === GROUP) {
    return { errorCode: ErrorCode.NONE, errorMessage: null, nodeId: broker.nodeId, host, port };
  }
  const errorMessage = keyType === TRANSACTION ? 'the sandbox has no transaction coordinator' : `unknown key type ${keyType}`;
  const errorCode = keyType === TRANSACTION ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.INVALID_REQUEST;
  return { errorCode, errorMessage, nodeId: -1, host: '', port: -1 };
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
