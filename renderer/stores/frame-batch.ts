// Items that arrive faster than the screen paints, handed on once per animation frame: a stream
// of 20k records a second becomes one store update a frame, not one per chunk.
export interface FrameBatch<T> {
  push(items: readonly T[]): void;
  /** Drops what has not been handed on yet. */
  clear(): void;
}

export function frameBatch<T>(flush: (items: T[]) => void): FrameBatch<T> {
  let pending: T[] = [];
  let frame: number | null = null;
  const run = () => {
    frame = null;
    const items = pending;
    pending = [];
    if (items.length) flush(items);
  };
  return {
    push(items) {
      for (const item of items) pending.push(item);
      frame ??= requestAnimationFrame(run);
    },
    clear() {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      pending = [];
    },
  };
}
