// The local sandbox broker as the UI sees it.
import { z } from 'zod';

export const SandboxState = z.enum(['stopped', 'starting', 'running', 'stopping', 'failed']);
export type SandboxState = z.infer<typeof SandboxState>;

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
});
export type SandboxStatus = z.infer<typeof SandboxStatus>;
