// Electron lifecycle only: one window, the menu, security, and the contract wired to ipcMain.
// Everything else lives in core/ (plain Node), which this file hands safeStorage and shell to.
import { app, BrowserWindow, ipcMain, Menu, safeStorage, screen, session, shell } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { channels } from '../shared/contract';
import { LIVE_CHANNEL, type Result } from '../shared/result';
import { createCore, createKeyFileSecretBox, createLogger, type SecretBox } from './core';
import { loadWindowState, saveWindowState } from './core/app/window-state';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const logger = createLogger('brook');

app.setName('Brook');
// One Brook at a time: a second launch focuses the first (two would fight over the sandbox's data).
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

function secretBox(): SecretBox {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) {
    return createKeyFileSecretBox(join(app.getPath('userData'), 'secret.key'));
  }
  return {
    kind: 'os-keychain',
    description: 'Passwords are encrypted with your operating system\'s keychain.',
    encrypt: (plain) => `os1:${safeStorage.encryptString(plain).toString('base64')}`,
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed.replace(/^os1:/, ''), 'base64')),
  };
}

const isExternal = (url: string) => /^https?:\/\//i.test(url);

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

app.whenReady().then(() => {
  if (!primary) return;
  const userData = app.getPath('userData');
  const core = createCore({
    userDataDir: userData,
    secretBox: secretBox(),
    platform: { mode: 'desktop', openPath: async (path) => (await shell.openPath(path)) === '' },
    logger,
    version: app.getVersion(),
    // Packaged, the broker sits beside the archive (asarUnpack) so a child process can run it.
    brokerCli: join(here, '..', 'broker', 'cli.js').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`),
  });

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(permission === 'clipboard-sanitized-write');
  });

  const stateFile = join(userData, 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...state,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Brook',
    backgroundColor: '#101418',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(stateFile, win.getNormalBounds(), win.isMaximized()));

  // Only our own top-level page may call the contract.
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) =>
    event.sender === win.webContents && event.senderFrame !== null && event.senderFrame === win.webContents.mainFrame && event.senderFrame.url.split('#')[0] === rendererUrl;
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input): Promise<Result<unknown>> => {
      if (!trusted(event)) {
        logger.warn(`refused ${channel} from ${event.senderFrame?.url ?? 'unknown frame'}`);
        return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call Brook' } });
      }
      return core.registry.dispatch(channel, input, { local: true });
    });
  }
  core.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(event, payload);
  });
  // The page's streams and subscriptions; a reload or a closed window ends them.
  let live: ReturnType<typeof core.openSession> | undefined;
  const endLive = () => {
    live?.close();
    live = undefined;
  };
  ipcMain.on(LIVE_CHANNEL, (event, message: unknown) => {
    if (!trusted(event)) return logger.warn(`refused a stream message from ${event.senderFrame?.url ?? 'unknown frame'}`);
    live ??= core.openSession((m) => !win.isDestroyed() && win.webContents.send(LIVE_CHANNEL, m));
    if (!live.handle(message)) logger.warn('refused a malformed stream message');
  });
  win.webContents.on('did-start-navigation', (details) => details.isMainFrame && !details.isSameDocument && endLive());
  win.webContents.on('destroyed', endLive);

  Menu.setApplicationMenu(Menu.buildFromTemplate(menu()));
  void win.loadFile(rendererIndex);

  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    disposed = true;
    void core.dispose().finally(() => app.quit());
  });
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
});

app.on('window-all-closed', () => app.quit());

function menu(): MenuItemConstructorOptions[] {
  const mac = process.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Kafka documentation', click: () => void shell.openExternal('https://kafka.apache.org/documentation/') }],
    },
  ];
}
