// The main window's size and position, remembered across runs. Plain Node so it is testable; a
// saved position that no longer lies on any display is dropped (the monitor was unplugged).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).max(20_000),
  height: z.number().int().min(420).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const fallback: WindowState = { width: 1280, height: 800, maximized: false };

export function loadWindowState(file: string, displays: Rect[]): WindowState {
  let state: WindowState;
  try {
    state = WindowState.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...fallback };
  }
  if (state.x !== undefined && state.y !== undefined) {
    const { x, y } = state;
    const visible = displays.some((d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y && y < d.y + d.height - 50);
    if (!visible) return { width: state.width, height: state.height, maximized: state.maximized };
  }
  return state;
}

export function saveWindowState(file: string, bounds: Rect, maximized: boolean): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ ...bounds, maximized }) + '\n');
  } catch {
    // Not worth failing a quit over.
  }
}
