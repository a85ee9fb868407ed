// The broker's ACLs (what a KRaft controller keeps as AccessControlEntryRecords), in
// brook-acls.json in the data directory. ACLs are few and change rarely, so each change rewrites
// the whole file atomically (temp file, fsync, rename) before the request is answered: a crash
// leaves the old set or the new one, never a torn file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../log/files';
import { filterMatches, sameBinding, type AclBinding, type AclFilter } from './acl-binding';

const FILE = 'brook-acls.json';

export class AclStore {
  private acls: AclBinding[] = [];
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, FILE);
    if (!existsSync(this.path)) return;
    const json = JSON.parse(readFileSync(this.path, 'utf8')) as { version: number; acls: AclBinding[] };
    if (json.version !== 1 || !Array.isArray(json.acls)) throw new Error(`${this.path}: unsupported format`);
    this.acls = json.acls;
  }

  get size(): number {
    return this.acls.length;
  }

  matching(filter: AclFilter): AclBinding[] {
    return this.acls.filter((acl) => filterMatches(filter, acl));
  }

  /** Adds the ACLs not already there (adding an existing one succeeds, as in Kafka), in one write. */
  add(bindings: AclBinding[]): void {
    const fresh = bindings.filter((b, i) => !this.acls.some((a) => sameBinding(a, b)) && bindings.findIndex((o) => sameBinding(o, b)) === i);
    if (fresh.length === 0) return;
    this.save([...this.acls, ...fresh]);
  }

  /** Removes every ACL matching any of the filters, in one write; returns what each filter removed. */
  remove(filters: AclFilter[]): AclBinding[][] {
    const removed = filters.map((f) => this.matching(f));
    const gone = new Set(removed.flat());
    if (gone.size > 0) this.save(this.acls.filter((a) => !gone.has(a)));
    return removed;
  }

  private save(acls: AclBinding[]): void {
    writeFileAtomic(this.path, `${JSON.stringify({ version: 1, acls })}\n`);
    this.acls = acls;
  }
}
