// Every API the broker serves, one module each, named for its API key.
import { register } from './registry';
import apiVersions from './18-api-versions';
import metadata from './03-metadata';

register(apiVersions, metadata);

export { handlers, apiVersionsList } from './registry';
