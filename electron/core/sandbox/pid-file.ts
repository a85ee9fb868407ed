// The running sandbox broker's pid, kept beside its data folder: when Brook was killed rather than
// closed, its broker lives on holding the data folder's lock, and the next Brook recognises it by
// this pid and stops it instead of telling the user the folder is in use.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export function writePidFile(file: string, pid: number | undefined): void {
  try {
    if (pid) writeFileSync(file, `${pid}\n`);
    else rmSync(file, { force: true });
  } catch {
    // Only used to recognise our own orphan; not worth failing over.
  }
}

export function readPidFile(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM, then wait up to 5 s for the process to go; true when it is gone. */
export async function stopOrphan(pid: number): Promise<boolean> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return !alive();
  }
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive();
}
