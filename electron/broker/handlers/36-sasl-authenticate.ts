// SaslAuthenticate (key 36), v0-2, allowed before authentication: one SASL token of the exchange a
// SaslHandshake v1 began, answered with the server's token. A failed login gets
// SASL_AUTHENTICATION_FAILED with the same message for an unknown user and a wrong password, and
// the connection closes after the answer. sessionLifetimeMs is 0: no re-authentication (KIP-368).
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { authenticate } from '../server/sasl/session';

export default defineHandler({
  apiKey: ApiKey.SaslAuthenticate,
  minVersion: 0,
  maxVersion: 2,
  beforeAuth: true,
  handle(request, { connection }) {
    const outcome = authenticate(connection, request.authBytes);
    if (!outcome.ok) {
      return { errorCode: ErrorCode[outcome.error], errorMessage: outcome.message, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0n };
    }
    return { errorCode: ErrorCode.NONE, errorMessage: null, authBytes: outcome.response, sessionLifetimeMs: 0n };
  },
});
