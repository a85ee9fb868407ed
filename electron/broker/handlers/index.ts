// Every API the broker serves, one module each, named for its API key.
import { register } from './registry';
import apiVersions from './18-api-versions';
import metadata from './03-metadata';
import produce from './00-produce';
import fetch from './01-fetch';
import listOffsets from './02-list-offsets';
import initProducerId from './22-init-producer-id';

register(apiVersions, metadata, produce, fetch, listOffsets, initProducerId);

export { handlers, apiVersionsList } from './registry';
