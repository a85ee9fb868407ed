// The local sandbox broker as the UI sees it.
import { z } from 'zod';

/** The id of the cluster profile the sandbox registers, so the UI can tell it from the others. */
export const SANDBOX_CLUSTER_ID = 'local-sandbox';

/** `restarting`: the broker ended without being asked to, and Brook starts it again at `restartAt`. */
export const SandboxState = z.enum(['stopped', 'starting', 'running', 'stopping', 'restarting', 'failed']);
export type SandboxState = z.infer<typeof SandboxState>;

/** How the broker process ended when nobody asked it to. */
export const SandboxExit = z.object({
  /** ISO time it ended. */
  at: z.string(),
  code: z.number().nullable(),
  signal: z.string().nullable(),
  /** The last lines it logged, oldest first. */
  lastLines: z.array(z.string()),
});
export type SandboxExit = z.infer<typeof SandboxExit>;

const SIGNALS: Record<string, string> = {
  SIGSEGV: 'segmentation fault',
  SIGABRT: 'aborted',
  SIGKILL: 'killed',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGTERM: 'terminated',
};

/** "signal SIGSEGV (segmentation fault)" or "exit code 1". */
export function describeExit(exit: Pick<SandboxExit, 'code' | 'signal'>): string {
  if (exit.signal) return `signal ${exit.signal}${SIGNALS[exit.signal] ? ` (${SIGNALS[exit.signal]})` : ''}`;
  return `exit code ${exit.code}`;
}

export const SandboxStatus = z.object({
  state: SandboxState,
  host: z.string(),
  /** The port in use (or last used); null before the first start. */
  port: z.number().nullable(),
  /** host:port for clients, when running. */
  bootstrap: z.string().nullable(),
  /** ISO time the broker started accepting connections, when running. */
  startedAt: z.string().nullable(),
  pid: z.number().nullable(),
  dataDir: z.string(),
  demo: z.boolean(),
  /** Something the user should know that is not a failure, e.g. "port 9092 was in use, using 9093". */
  notice: z.string().nullable(),
  /** When failed: what went wrong and what to do. */
  error: z
    .object({ code: z.string(), message: z.string(), hint: z.string().optional(), detail: z.string().optional() })
    .nullable(),
  /** Demo traffic, when on: events written so far. */
  demoEvents: z.number(),
  /** The broker's last unrequested end, kept until the user starts or stops it. */
  lastExit: SandboxExit.nullable(),
  /** Restarts Brook made after such ends since the user last started the sandbox. */
  restarts: z.number(),
  /** When restarting: ISO time of the next attempt. */
  restartAt: z.string().nullable(),
});
export type SandboxStatus = z.infer<typeof SandboxStatus>;
