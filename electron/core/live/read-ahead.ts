// A stream's batches read a few ahead of the caller: a few batches are read while the caller takes
// the one before, none is begun while it is behind (ctx.chunk waits for its acks), so a slow caller
// holds the cluster's traffic back; cancellation is checked before each batch begins.
/** Batches read ahead of the one the caller is taking: enough to hide a round trip, few enough to stay bounded. */
const READ_AHEAD = 3;

interface BatchContext<T> {
  signal: AbortSignal;
  chunk(chunk: T[]): Promise<void>;
  progress(progress: { done: number; total: number }): void;
}

/** Sends what `read` makes of each batch, in order; progress counts items from `done` of `total`. */
export async function streamBatches<B, T>(ctx: BatchContext<T>, batches: B[], read: (batch: B) => Promise<T[]>, done: number, total: number): Promise<void> {
  const ahead: Promise<T[]>[] = [];
  let next = 0;
  const fill = () => {
    while (ahead.length < READ_AHEAD && next < batches.length) {
      ctx.signal.throwIfAborted();
      const reading = read(batches[next++]!);
      reading.catch(() => undefined); // awaited below, or abandoned by a cancel
      ahead.push(reading);
    }
  };
  fill();
  while (ahead.length) {
    const chunk = await ahead.shift()!;
    await ctx.chunk(chunk);
    done += chunk.length;
    ctx.progress({ done, total });
    fill();
  }
}
