// Asking every broker the same thing at once, for figures only each broker knows (its log
// directories, the groups it coordinates, its request versions). A broker that fails or says
// nothing within the time allowed is named with why, so no total is ever silently short.
import type { BrokerProblem } from '../../../shared/model';

/** Long enough for a busy broker, short enough that one that hangs does not hold a screen up. */
export const ANSWER_WITHIN_MS = 10_000;

export interface EveryBroker<T> {
  answers: Map<number, T>;
  missing: BrokerProblem[];
}

export async function askEveryBroker<T>(nodeIds: readonly number[], ask: (nodeId: number) => Promise<T>, withinMs = ANSWER_WITHIN_MS): Promise<EveryBroker<T>> {
  const out: EveryBroker<T> = { answers: new Map(), missing: [] };
  await Promise.all(
    nodeIds.map(async (nodeId) => {
      try {
        out.answers.set(nodeId, await within(withinMs, ask(nodeId)));
      } catch (error) {
        out.missing.push({ broker: nodeId, message: (error as Error).message });
      }
    }),
  );
  out.missing.sort((a, b) => a.broker - b.broker);
  return out;
}

/** The answer, or an error saying there was none within ms. */
export async function within<T>(ms: number, answer: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
