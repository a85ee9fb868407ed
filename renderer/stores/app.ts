// Navigation and app-wide facts: which screen, which cluster, the app info, the connection.
// The screen lives in the address's hash (routes.ts): go() pushes a history entry, and Back,
// Forward or an edited address move the store, so the hash and the screen never disagree.
import { create } from 'zustand';
import type { AppInfo } from '../../shared/model';
import { invoke, onConnection, toErrorShape, type ConnectionState } from '../api';
import type { BrookErrorShape } from '../../shared/errors';
import { formatRoute, parseRoute, type Screen } from '../routes';

export type { Screen, Section } from '../routes';

interface AppState {
  screen: Screen;
  info: AppInfo | null;
  infoError: BrookErrorShape | null;
  connection: ConnectionState;
  dismissedNotices: string[];
  go(screen: Screen): void;
  load(): Promise<void>;
  dismissNotice(notice: string): void;
}

/** The screen the address names; a hash that names none is replaced, so the address says where you are. */
function screenFromAddress(): Screen {
  const screen = parseRoute(location.hash);
  const canonical = formatRoute(screen);
  if (location.hash !== canonical) history.replaceState(history.state, '', canonical);
  return screen;
}

export const useApp = create<AppState>((set) => ({
  screen: screenFromAddress(),
  info: null,
  infoError: null,
  connection: 'connecting',
  dismissedNotices: [],
  go: (screen) => {
    const route = formatRoute(screen);
    if (location.hash !== route) history.pushState(null, '', route);
    set({ screen });
  },
  load: async () => {
    try {
      set({ info: await invoke('app:info'), infoError: null });
    } catch (error) {
      set({ infoError: toErrorShape(error) });
    }
  },
  dismissNotice: (notice) => set((s) => ({ dismissedNotices: [...s.dismissedNotices, notice] })),
}));

onConnection((connection) => useApp.setState({ connection }));

// pushState fires neither event, so these are Back, Forward and hand-edited addresses only.
const followAddress = () => {
  const screen = screenFromAddress();
  if (formatRoute(screen) !== formatRoute(useApp.getState().screen)) useApp.setState({ screen });
};
window.addEventListener('popstate', followAddress);
window.addEventListener('hashchange', followAddress);
