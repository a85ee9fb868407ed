// sandbox:* handlers.
import type { Platform } from '../context';
import type { Handlers } from '../registry';
import type { SandboxManager } from './manager';
import { mkdirSync } from 'node:fs';

type SandboxHandlers = Pick<Handlers, 'sandbox:status' | 'sandbox:start' | 'sandbox:stop' | 'sandbox:restart' | 'sandbox:reset' | 'sandbox:demo' | 'sandbox:openDataFolder'>;

export function sandboxHandlers(sandbox: SandboxManager, platform: Platform): SandboxHandlers {
  return {
    'sandbox:status': () => sandbox.get(),
    'sandbox:start': ({ demo }) => sandbox.start(demo),
    'sandbox:stop': () => sandbox.stop(),
    'sandbox:restart': () => sandbox.restart(),
    'sandbox:reset': () => sandbox.reset(),
    'sandbox:demo': ({ enabled }) => sandbox.setDemo(enabled),
    'sandbox:openDataFolder': async () => {
      const path = sandbox.get().dataDir;
      mkdirSync(path, { recursive: true });
      return { opened: await platform.openPath(path), path };
    },
  };
}
