// The handlers by API key. Handler modules register themselves from handlers/index.ts; ApiVersions
// reads the list from here.
import type { AnyHandler, ApiHandler, ApiKeyNumber } from './handler';

export const handlers = new Map<number, ApiHandler<ApiKeyNumber>>();

export function register(...list: AnyHandler[]): void {
  for (const h of list as ApiHandler<ApiKeyNumber>[]) {
    if (handlers.has(h.apiKey)) throw new Error(`two handlers for API key ${h.apiKey}`);
    handlers.set(h.apiKey, h);
  }
}

export const apiVersionsList = (): { apiKey: number; minVersion: number; maxVersion: number }[] =>
  [...handlers.values()]
    .sort((a, b) => a.apiKey - b.apiKey)
    .map((h) => ({ apiKey: h.apiKey, minVersion: h.advertisedMinVersion ?? h.minVersion, maxVersion: h.maxVersion }));
