// What every API handler declares: its API key, the versions it serves, and a function from a
// decoded request to a response. ApiVersions is derived from these declarations, so a version is
// advertised exactly when a handler serves it.
import type { Encodable } from '../protocol/codec';
import type { Requests, Responses, RequestHeader } from '../protocol/messages.generated';
import type { Broker } from '../broker';
import type { Connection } from '../server/connection';

export interface RequestContext {
  readonly broker: Broker;
  readonly connection: Connection;
  readonly header: RequestHeader;
  readonly version: number;
}

export type ApiKeyNumber = keyof Requests & keyof Responses;

/** A response body; null sends nothing back (Produce with acks=0). */
export type HandlerResult<K extends ApiKeyNumber> = Encodable<Responses[K]> | null;

export interface ApiHandler<K extends ApiKeyNumber = ApiKeyNumber> {
  readonly apiKey: K;
  /** The lowest version advertised; below `minVersion` the handler answers UNSUPPORTED_VERSION itself. */
  readonly advertisedMinVersion?: number;
  readonly minVersion: number;
  readonly maxVersion: number;
  /** Whether the request may run before SASL authentication completes. */
  readonly beforeAuth?: boolean;
  handle(request: Requests[K], ctx: RequestContext): HandlerResult<K> | Promise<HandlerResult<K>>;
}

export const defineHandler = <K extends ApiKeyNumber>(handler: ApiHandler<K>): ApiHandler<K> => handler;

/** Any one handler, whatever its API key. */
export type AnyHandler = { [K in ApiKeyNumber]: ApiHandler<K> }[ApiKeyNumber];
