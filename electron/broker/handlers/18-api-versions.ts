// ApiVersions (key 18), v0-3. Lists every API and version range that a handler declares, so what we
// advertise is exactly what we serve. v3 requests carry the client's software name and version
// (KIP-511); an unsupported ApiVersions version is answered in v0 by the dispatcher.
import { defineHandler } from './handler';
import { ApiKey } from '../protocol/messages.generated';
import { ErrorCode } from '../protocol/errors';
import { apiVersionsList } from './registry';

export default defineHandler({
  apiKey: ApiKey.ApiVersions,
  minVersion: 0,
  maxVersion: 3,
  beforeAuth: true,
  handle(request, { version }) {
    if (version >= 3 && !/^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/.test(request.clientSoftwareName)) {
      return { errorCode: ErrorCode.INVALID_REQUEST, apiKeys: apiVersionsList() };
    }
    return { errorCode: ErrorCode.NONE, apiKeys: apiVersionsList(), throttleTimeMs: 0 };
  },
});
