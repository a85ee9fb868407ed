// Exports over HTTP for a browser, which cannot open Brook's exports folder: GET /exports/NAME
// downloads one (as an attachment), PUT /exports/NAME uploads a file there for messages:import.
// Names are checked with the contract's ExportFileName (no paths); an upload must come from the
// page's own origin, is streamed to disk (never held in memory), refuses a name that exists and
// stops past MAX_UPLOAD_BYTES, removing what it wrote.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ExportFileName } from '../../../shared/model';

const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
const PREFIX = '/exports/';

type Deny = (res: ServerResponse, status: number, text: string) => void;

/** Handles the request when it is one for /exports/; false when it is not. */
export function serveExports(req: IncomingMessage, res: ServerResponse, path: string, exportsDir: string, deny: Deny): boolean {
  if (!path.startsWith(PREFIX)) return false;
  const name = ExportFileName.safeParse(path.slice(PREFIX.length));
  if (!name.success) {
    deny(res, 400, 'Brook: not the name of an export');
    return true;
  }
  const file = join(exportsDir, name.data);
  if (req.method === 'GET' || req.method === 'HEAD') {
    const size = (() => {
      try {
        return statSync(file).size;
      } catch {
        return undefined;
      }
    })();
    if (size === undefined) {
      deny(res, 404, 'Brook: no such export');
      return true;
    }
    res.writeHead(200, { 'content-type': name.data.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/x-ndjson', 'content-length': String(size), 'content-disposition': `attachment; filename="${name.data}"`, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  }
  if (req.method === 'PUT') {
    if (req.headers.origin !== `http://${req.headers.host}`) {
      deny(res, 403, 'Brook: uploads come from Brook\'s own page');
      return true;
    }
    void upload(req, res, exportsDir, file, deny);
    return true;
  }
  deny(res, 405, 'Method not allowed');
  return true;
}

async function upload(req: IncomingMessage, res: ServerResponse, exportsDir: string, file: string, deny: Deny): Promise<void> {
  await mkdir(exportsDir, { recursive: true });
  let written = 0;
  const out = createWriteStream(file, { flags: 'wx' });
  try {
    await pipeline(
      req,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          written += chunk.length;
          if (written > MAX_UPLOAD_BYTES) throw new Error(`larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB`);
          yield chunk;
        }
      },
      out,
    );
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ bytes: written }));
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    if (!exists) await rm(file, { force: true });
    deny(res, exists ? 409 : 400, `Brook: the upload failed: ${exists ? 'an export of that name exists' : (error as Error).message}`);
  }
}
