// SaslHandshake (key 17), v0-1, allowed before authentication. Names the mechanism the client wants:
// one of sasl.enabled.mechanisms, else UNSUPPORTED_SASL_MECHANISM with the enabled list and the
// connection closes. v0 means the SASL tokens follow as raw frames, v1 that they come in
// SaslAuthenticate requests (server/sasl/session.ts). On a listener without SASL, or a second
// time, ILLEGAL_SASL_STATE.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { handshake } from '../server/sasl/session';

export default defineHandler({
  apiKey: ApiKey.SaslHandshake,
  minVersion: 0,
  maxVersion: 1,
  beforeAuth: true,
  handle(request, { connection, version }) {
    const outcome = handshake(connection, request.mechanism, version);
    return { errorCode: outcome.ok ? ErrorCode.NONE : ErrorCode[outcome.error], mechanisms: outcome.mechanisms };
  },
});
