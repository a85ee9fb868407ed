// The messages domain: reading (browse, tail, search), one record in full, and producing.
import type { AdminPool } from '../clusters/admin-pool';
import type { LiveHandlers } from '../live/handlers';
import { exportStream } from './export-stream';
import { importStream } from './import-stream';
import { produceStream } from './produce-stream';
import { readStream } from './read-stream';

export { recordHandlers } from './record-handler';

/** `exportsDir`: where exports are written and imports read from. */
export const messageStreams = (pool: AdminPool, exportsDir: string): Pick<LiveHandlers['streams'], 'messages:read' | 'messages:export' | 'messages:import' | 'messages:produce'> => ({
  'messages:read': readStream(pool),
  'messages:export': exportStream(pool, exportsDir),
  'messages:import': importStream(pool, exportsDir),
  'messages:produce': produceStream(pool),
});
