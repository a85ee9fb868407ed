// messages:export: a read (see read-loop.ts) written whole to a new file in Brook's exports
// folder, as JSON lines or CSV. Writing waits for the file to drain, so a slow disk slows the read
// and memory stays bounded; a cancelled or failed export removes its partial file.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { StreamInputParsed } from '../../../shared/streams';
import type { AdminPool } from '../clusters/admin-pool';
import type { StreamContext } from '../live/handlers';
import { readTopic } from './read-loop';
import { CSV_HEADER, csvLine, jsonLine } from './record-lines';

export function exportStream(pool: AdminPool, exportsDir: string) {
  return async (input: StreamInputParsed<'messages:export'>, ctx: StreamContext<'messages:export'>) => {
    const read = readTopic(input);
    await mkdir(exportsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = `${input.topic}-${stamp}.${input.format}`;
    const path = join(exportsDir, file);
    const out = createWriteStream(path, { flags: 'wx' });
    const line = input.format === 'csv' ? csvLine : jsonLine;
    let bytes = 0;
    let records = 0;
    const write = async (text: string) => {
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain', { signal: ctx.signal });
    };
    try {
      if (input.format === 'csv') await write(CSV_HEADER);
      const summary = await pool.onOwnWire(input.clusterId, `exporting "${input.topic}"`, (wire) =>
        read(wire, () => pool.get(input.clusterId), {
          signal: ctx.signal,
          keep: (r) => ({ partition: r.partition, offset: r.offset, timestamp: r.timestamp, text: line(r) }),
          deliver: async (lines) => {
            for (const l of lines) await write(l.text);
            records += lines.length;
          },
          progress: (p) => ctx.progress({ ...p, bytes }),
        }),
      );
      out.end();
      await once(out, 'finish');
      return { ...summary, file, path, bytes, records };
    } catch (error) {
      out.destroy();
      await rm(path, { force: true });
      throw error;
    }
  };
}
