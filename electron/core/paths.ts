// Where Brook keeps its data, the same folder Electron's app.getPath('userData') gives the desktop app.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultUserDataDir(appName = 'Brook'): string {
  if (process.env.BROOK_USER_DATA_DIR) return process.env.BROOK_USER_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}
