// Request headers v0-v2 and response headers v0-v1. The header version follows from the request's
// API and version: flexible versions use request header v2 and response header v1, except that
// ApiVersions responses always use header v0, so a client that does not yet know what the broker
// speaks can read them (KIP-511).
import { decode, encode, isFlexible } from './codec';
import { RequestHeaderSpec, ResponseHeaderSpec, ApiKey, type RequestHeader } from './messages.generated';
import type { MessageSpec } from './schema';
import type { Reader } from './reader';
import type { Writer } from './writer';

export type { RequestHeader };

export function requestHeaderVersion(apiKey: number, apiVersion: number, request: MessageSpec): number {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  return isFlexible(request, apiVersion) ? 2 : 1;
}

export function responseHeaderVersion(apiKey: number, apiVersion: number, response: MessageSpec): number {
  if (apiKey === ApiKey.ApiVersions) return 0;
  return isFlexible(response, apiVersion) ? 1 : 0;
}

export const decodeRequestHeader = (r: Reader, headerVersion: number): RequestHeader =>
  decode<RequestHeader>(RequestHeaderSpec, headerVersion, r);

export const encodeResponseHeader = (w: Writer, correlationId: number, headerVersion: number): Writer =>
  encode(ResponseHeaderSpec, headerVersion, { correlationId }, w);
