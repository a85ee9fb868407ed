// Exports between the browser and Brook's exports folder in serve mode (a browser cannot open
// that folder): GET /exports/NAME downloads one, PUT /exports/NAME uploads a file to import. The
// desktop shell reads and writes the folder itself: the contract has no save or open dialog yet.
import { ExportFileName } from '../../../shared/model';

export const downloadUrl = (file: string): string => `/exports/${encodeURIComponent(file)}`;

/** A name the exports folder takes for an uploaded file, kept recognisable and never taken yet. */
export function uploadName(original: string, now = Date.now()): string {
  const base = original.replace(/[^\w.-]+/g, '-').replace(/^[^\w]+/, '').slice(0, 180) || 'export.jsonl';
  const name = `upload-${now}-${base}`;
  return ExportFileName.safeParse(name).success ? name : `upload-${now}.jsonl`;
}

/** Uploads the file into the exports folder under `name`; rejects with the server's words. */
export async function uploadExport(file: File, name: string): Promise<void> {
  const response = await fetch(downloadUrl(name), { method: 'PUT', body: file, credentials: 'same-origin' });
  if (!response.ok) throw new Error((await response.text()) || `The upload failed (HTTP ${response.status})`);
}

/** Starts the browser's download of an export. */
export function download(file: string): void {
  const link = document.createElement('a');
  link.href = downloadUrl(file);
  link.download = file;
  document.body.append(link);
  link.click();
  link.remove();
}
