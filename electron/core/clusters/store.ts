// Saved cluster profiles in <userData>/clusters.json. Passwords are sealed with the SecretBox; the
// file is written atomically and readable only by the user. A file that cannot be parsed is moved
// aside (clusters.json.corrupt-<time>) and reported, never silently dropped.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BrookError } from '../../../shared/errors';
import { ClusterSummary, SaslMechanism, type ClusterDraftParsed } from '../../../shared/model';
import type { SecretBox } from '../context';
import type { Logger } from '../logger';

const StoredProfile = ClusterSummary.omit({ sasl: true }).extend({
  sasl: z.object({ mechanism: SaslMechanism, username: z.string(), sealedPassword: z.string().optional() }).optional(),
});
export type StoredProfile = z.infer<typeof StoredProfile>;
const StoreFile = z.object({ version: z.literal(1), clusters: z.array(StoredProfile) });

export class ClusterStore {
  private readonly file: string;
  private profiles: StoredProfile[] = [];
  /** Start-up messages for the UI (e.g. a corrupt file set aside). */
  readonly notices: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly secrets: SecretBox,
    private readonly logger: Logger,
  ) {
    this.file = join(dir, 'clusters.json');
    this.load();
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
      this.profiles = StoreFile.parse(JSON.parse(text)).clusters;
    } catch (error) {
      const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.file, aside);
      const message = `The saved clusters file could not be read (${(error as Error).message.split('\n')[0]}). It was moved to ${aside}; add your clusters again, or repair that file and move it back.`;
      this.notices.push(message);
      this.logger.warn(message);
      this.profiles = [];
    }
  }

  private persist(): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, clusters: this.profiles }, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  list(): ClusterSummary[] {
    return this.profiles.map(toSummary);
  }

  get(id: string): StoredProfile {
    const found = this.profiles.find((p) => p.id === id);
    if (!found) {
      throw new BrookError({ code: 'NOT_FOUND', message: `No saved cluster with id ${id}`, hint: 'Reload the cluster list.' });
    }
    return found;
  }

  has(id: string): boolean {
    return this.profiles.some((p) => p.id === id);
  }

  /** The password for a profile, decrypted; undefined when none is stored. */
  password(profile: StoredProfile): string | undefined {
    return profile.sasl?.sealedPassword ? this.secrets.decrypt(profile.sasl.sealedPassword) : undefined;
  }

  save(draft: ClusterDraftParsed, options: { sandbox?: boolean; id?: string } = {}): ClusterSummary {
    const now = new Date().toISOString();
    const id = draft.id ?? options.id ?? randomUUID();
    const existing = this.profiles.find((p) => p.id === id);
    if (draft.id && !existing) {
      throw new BrookError({ code: 'NOT_FOUND', message: `No saved cluster with id ${draft.id}`, hint: 'It may have been removed; save it as a new cluster.' });
    }
    const usesSasl = draft.securityProtocol.startsWith('SASL');
    const usesTls = draft.securityProtocol === 'SSL' || draft.securityProtocol === 'SASL_SSL';
    let sasl: StoredProfile['sasl'];
    if (usesSasl && draft.sasl) {
      const keep = existing?.sasl?.sealedPassword;
      sasl = {
        mechanism: draft.sasl.mechanism,
        username: draft.sasl.username,
        sealedPassword: draft.sasl.password !== undefined ? this.secrets.encrypt(draft.sasl.password) : keep,
      };
    }
    const profile: StoredProfile = {
      id,
      name: draft.name,
      bootstrapServers: draft.bootstrapServers,
      securityProtocol: draft.securityProtocol,
      tls: usesTls ? clean(draft.tls ?? { rejectUnauthorized: true }) : undefined,
      sasl,
      color: draft.color,
      sandbox: existing?.sandbox ?? options.sandbox ?? false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    this.profiles = existing ? this.profiles.map((p) => (p.id === id ? profile : p)) : [...this.profiles, profile];
    this.persist();
    return toSummary(profile);
  }

  remove(id: string): boolean {
    const before = this.profiles.length;
    this.profiles = this.profiles.filter((p) => p.id !== id);
    if (this.profiles.length === before) return false;
    this.persist();
    return true;
  }
}

function clean<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function toSummary(profile: StoredProfile): ClusterSummary {
  const { sasl, ...rest } = profile;
  return {
    ...rest,
    ...(sasl ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, hasPassword: Boolean(sasl.sealedPassword) } } : {}),
  };
}
