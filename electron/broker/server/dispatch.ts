// From a request frame to response bytes: header, API and version checks, body decoding, the
// handler, response encoding. An unknown API key or undecodable request closes the connection, as
// Kafka does; an unsupported ApiVersions version gets the v0 answer of KIP-511 so the client can
// retry with a version we speak.
import { Reader } from '../protocol/reader';
import { Writer } from '../protocol/writer';
import { decode, encode } from '../protocol/codec';
import { apiSpecs, ApiKey, type RequestHeader } from '../protocol/messages.generated';
import { decodeRequestHeader, encodeResponseHeader, requestHeaderVersion, responseHeaderVersion } from '../protocol/headers';
import { ErrorCode } from '../protocol/errors';
import { handlers, apiVersionsList } from '../handlers';
import type { ApiHandler, HandlerResult, ApiKeyNumber } from '../handlers/handler';
import type { Connection } from './connection';
import { rawTokenHandler } from './sasl/session';

type Outcome = Buffer[] | null;

export function dispatch(conn: Connection, frame: Buffer): Outcome | Promise<Outcome> {
  // After a SaslHandshake v0 the frames are raw SASL tokens until the exchange ends.
  const rawToken = rawTokenHandler(conn);
  if (rawToken) return rawToken(frame);
  if (frame.length < 8) {
    conn.close(`request of ${frame.length} bytes is too short for a header`);
    return null;
  }
  const apiKey = frame.readInt16BE(0);
  const version = frame.readInt16BE(2);
  const api = apiSpecs[apiKey];
  const handler = handlers.get(apiKey);
  if (!api || !handler) {
    conn.close(`unknown or unsupported API key ${apiKey}`);
    return null;
  }
  const reader = new Reader(frame);
  let header: RequestHeader;
  if (version < (handler.advertisedMinVersion ?? handler.minVersion) || version > handler.maxVersion) {
    if (apiKey === ApiKey.ApiVersions) {
      header = decodeRequestHeader(reader, 1);
      return respond(conn, apiKey, 0, header.correlationId, {
        errorCode: ErrorCode.UNSUPPORTED_VERSION,
        apiKeys: apiVersionsList(),
      });
    }
    conn.close(`${api.name} v${version} is not supported (${handler.minVersion}-${handler.maxVersion})`);
    return null;
  }
  let request: unknown;
  try {
    header = decodeRequestHeader(reader, requestHeaderVersion(apiKey, version, api.request));
    request = decode(api.request, version, reader);
  } catch (err) {
    conn.close(`malformed ${api.name} v${version} request: ${(err as Error).message}`);
    return null;
  }
  if (!conn.authenticated && !handler.beforeAuth) {
    conn.close(`${api.name} before SASL authentication`);
    return null;
  }
  const ctx = { broker: conn.broker, connection: conn, header, version };
  let result: ReturnType<ApiHandler<ApiKeyNumber>['handle']>;
  try {
    result = (handler as ApiHandler<ApiKeyNumber>).handle(request as never, ctx);
  } catch (err) {
    conn.broker.log(`${api.name} v${version} handler failed: ${(err as Error).stack ?? err}`);
    conn.close(`${api.name} v${version} could not be handled`);
    return null;
  }
  if (result instanceof Promise) {
    return result.then((body) => (body === null ? null : respond(conn, apiKey, version, header.correlationId, body)));
  }
  return result === null ? null : respond(conn, apiKey, version, header.correlationId, result);
}

function respond(
  conn: Connection,
  apiKey: number,
  version: number,
  correlationId: number,
  body: HandlerResult<ApiKeyNumber>,
): Outcome {
  const spec = apiSpecs[apiKey].response;
  const w = new Writer(512);
  try {
    encodeResponseHeader(w, correlationId, responseHeaderVersion(apiKey, version, spec));
    encode(spec, version, body as never, w);
  } catch (err) {
    conn.close(`could not encode ${apiSpecs[apiKey].name} v${version} response: ${(err as Error).message}`);
    return null;
  }
  return w.toChunks();
}
