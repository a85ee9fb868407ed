// Saved cluster profiles. The draft is what a form sends; the summary is what the UI may see
// (never a secret, only whether one is stored).
import { z } from 'zod';

export const securityProtocols = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const SecurityProtocol = z.enum(securityProtocols);
export type SecurityProtocol = z.infer<typeof SecurityProtocol>;

export const saslMechanisms = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export const SaslMechanism = z.enum(saslMechanisms);
export type SaslMechanism = z.infer<typeof SaslMechanism>;

export const clusterColors = ['#3b82f6', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#64748b'] as const;

/** host:port, where host is a name, IPv4 or [IPv6] and port is 1-65535. */
export const BootstrapServer = z
  .string()
  .trim()
  .min(1, 'Enter a bootstrap server as host:port')
  .superRefine((value, ctx) => {
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d+)$/.exec(value);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not host:port (for example localhost:9092)` });
      return;
    }
    const port = Number(match[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `Port ${match[2]} is out of range (1-65535) in "${value}"` });
    }
  });

export const TlsSettings = z.object({
  /** Path to a PEM file with the CA certificate(s) to trust; empty means the system's CAs. */
  caFile: z.string().trim().optional(),
  /** Path to a PEM client certificate, for mutual TLS. */
  certFile: z.string().trim().optional(),
  /** Path to the PEM private key of the client certificate. */
  keyFile: z.string().trim().optional(),
  /** Verify the server's certificate (turn off only for a throwaway test cluster). */
  rejectUnauthorized: z.boolean().default(true),
});
export type TlsSettings = z.infer<typeof TlsSettings>;

export const SaslSettings = z.object({
  mechanism: SaslMechanism,
  username: z.string().trim().min(1, 'Enter the SASL user name'),
  /** Absent when editing a profile whose stored password should be kept. */
  password: z.string().optional(),
});

const profileFields = {
  name: z.string().trim().min(1, 'Give the cluster a name').max(80, 'Keep the name under 80 characters'),
  bootstrapServers: z.array(BootstrapServer).min(1, 'Add at least one bootstrap server'),
  securityProtocol: SecurityProtocol.default('PLAINTEXT'),
  tls: TlsSettings.optional(),
  sasl: SaslSettings.optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Pick a colour').default('#3b82f6'),
};

function requireSasl(value: { securityProtocol: SecurityProtocol; sasl?: unknown }, ctx: z.RefinementCtx) {
  if (value.securityProtocol.startsWith('SASL') && !value.sasl) {
    ctx.addIssue({ code: 'custom', path: ['sasl', 'username'], message: 'SASL needs a mechanism and a user name' });
  }
}

/** What the form sends: a new profile (no id) or an edit (with id). */
export const ClusterDraft = z.object({ id: z.string().min(1).optional(), ...profileFields }).superRefine(requireSasl);
export type ClusterDraft = z.input<typeof ClusterDraft>;
export type ClusterDraftParsed = z.output<typeof ClusterDraft>;

/** What the UI sees of a saved profile. */
export const ClusterSummary = z.object({
  id: z.string(),
  name: z.string(),
  bootstrapServers: z.array(z.string()),
  securityProtocol: SecurityProtocol,
  tls: TlsSettings.optional(),
  sasl: z.object({ mechanism: SaslMechanism, username: z.string(), hasPassword: z.boolean() }).optional(),
  color: z.string(),
  /** True for the profile the local sandbox manages. */
  sandbox: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const TestStep = z.object({
  name: z.enum(['dns', 'tcp', 'tls', 'kafka', 'auth', 'metadata']),
  ok: z.boolean(),
  ms: z.number(),
  note: z.string().optional(),
});
export type TestStep = z.infer<typeof TestStep>;

export const BrokerInfo = z.object({ nodeId: z.number(), host: z.string(), port: z.number() });
export type BrokerInfo = z.infer<typeof BrokerInfo>;

export const ClusterInfo = z.object({
  clusterId: z.string(),
  controller: z.number().nullable(),
  brokers: z.array(BrokerInfo),
});
export type ClusterInfo = z.infer<typeof ClusterInfo>;

export const TestResult = z.object({
  ok: z.boolean(),
  /** The broker that was tried (host:port). */
  target: z.string(),
  ms: z.number(),
  steps: z.array(TestStep),
  cluster: ClusterInfo.optional(),
  /** Set when ok is false: what went wrong, with a code and a next step. */
  error: z
    .object({ code: z.string(), message: z.string(), hint: z.string().optional(), detail: z.string().optional() })
    .optional(),
});
export type TestResult = z.infer<typeof TestResult>;
