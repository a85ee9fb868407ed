// The messages domain: reading (browse, tail, search), one record in full, and producing.
import type { AdminPool } from '../clusters/admin-pool';
import type { LiveHandlers } from '../live/handlers';
import { produceStream } from './produce-stream';
import { readStream } from './read-stream';

export { recordHandlers } from './record-handler';

export const messageStreams = (pool: AdminPool): Pick<LiveHandlers['streams'], 'messages:read' | 'messages:produce'> => ({
  'messages:read': readStream(pool),
  'messages:produce': produceStream(pool),
});
