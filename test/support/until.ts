// Waiting for a condition another process reaches in its own time (a rebalance, metadata reaching
// every broker): polls, and fails with what it waited for, never on how long it took.

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check` holds; rejects after `timeoutMs` naming `what` (a function may describe the last state seen). */
export async function until(what: string | (() => string), check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(50);
  }
}
