// Consumer-group lag history on disk, in SQLite (better-sqlite3), so tomorrow's Brook shows
// today's curve. Each tick of a lag monitor is folded into two tiers of buckets per group: one
// minute for the last 6 hours and ten minutes for 7 days, each holding the last lag and the
// greatest seen in it, kept in memory while open and written once a minute; older buckets are
// dropped. A group therefore holds at most 360 + 1,008
// rows, whatever the tick, and a 7-day chart is 1,008 points. Partition-level history is not
// kept (50 partitions would make it 50 times larger). A database that cannot be opened (corrupt,
// not SQLite) is moved aside and a new one begun, with a notice; one that is locked by another
// Brook leaves history off for this run, lag still live.
import { renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

/**
 * better-sqlite3, loaded when history opens: a native module built for another runtime (Node's
 * build run under Electron before electron-builder rebuilt it) must turn history off, not stop Brook.
 */
function loadSqlite(): typeof Database | Error {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  } catch (error) {
    return error as Error;
  }
}

const MINUTE = 60_000;
export const TIERS = [
  { tier: 1, bucketMs: MINUTE, keepMs: 6 * 60 * MINUTE },
  { tier: 2, bucketMs: 10 * MINUTE, keepMs: 7 * 24 * 60 * MINUTE },
] as const;
/** Dropping old buckets at most this often (in the records' own time). */
const PRUNE_EVERY_MS = 10 * MINUTE;

export interface LagSample {
  groupId: string;
  lag: number;
  maxLag: number;
}

export interface LagPoint {
  at: number;
  lag: number;
  maxLag: number;
}

// Rows are kept in time order (tier, bucket, group), so a minute's write appends to the end of the
// table and dropping old buckets cuts its start; a chart reads its buckets one lookup each.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS lag_groups (id INTEGER PRIMARY KEY, cluster TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (cluster, name));
  CREATE TABLE IF NOT EXISTS lag_buckets (
    tier INTEGER NOT NULL, bucket INTEGER NOT NULL, grp INTEGER NOT NULL, lag INTEGER NOT NULL, max_lag INTEGER NOT NULL,
    PRIMARY KEY (tier, bucket, grp)
  ) WITHOUT ROWID;
`;

interface Statements {
  upsert: Database.Statement;
  drop: Database.Statement;
  point: Database.Statement;
  addGroup: Database.Statement;
  groupId: Database.Statement;
}

export class LagHistory {
  readonly notices: string[] = [];
  private db: Database.Database | undefined;
  private sql: Statements | undefined;
  private readonly ids = new Map<string, number>();
  private prunedAt = 0;
  /** Buckets of the minute under way (and the ten minutes), by group and tier, not yet written. */
  private readonly pending = new Map<number, { grp: number; tier: number; bucket: number; lag: number; maxLag: number }>();
  private openMinute: number | undefined;
  private sqlite: typeof Database | undefined;

  constructor(private readonly file: string) {
    const sqlite = loadSqlite();
    if (sqlite instanceof Error) {
      this.notices.push(`Lag history is off: its SQLite module could not be loaded (${sqlite.message.split('\n')[0]}). Lag is still shown live.`);
      return;
    }
    this.sqlite = sqlite;
    try {
      this.db = this.open();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        this.notices.push(`Lag history is off for this run: ${file} is in use by another Brook (${code}). Lag is still shown live.`);
        return;
      }
      const aside = `${file}.corrupt-${Date.now()}`;
      try {
        renameSync(file, aside);
        this.db = this.open();
        this.notices.push(`The lag history database could not be read (${(error as Error).message}); it was moved to ${aside} and a new one begun.`);
      } catch (again) {
        this.notices.push(`Lag history is off for this run: ${(again as Error).message}. Lag is still shown live.`);
      }
    }
  }

  private open(): Database.Database {
    const db = new this.sqlite!(this.file, { timeout: 1_000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      db.prepare('SELECT count(*) FROM lag_buckets').get();
      this.sql = {
        upsert: db.prepare(
          'INSERT INTO lag_buckets (tier, bucket, grp, lag, max_lag) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tier, bucket, grp) DO UPDATE SET lag = excluded.lag, max_lag = max(max_lag, excluded.max_lag)',
        ),
        drop: db.prepare('DELETE FROM lag_buckets WHERE tier = ? AND bucket < ?'),
        point: db.prepare('SELECT lag, max_lag AS maxLag FROM lag_buckets WHERE tier = ? AND bucket = ? AND grp = ?'),
        addGroup: db.prepare('INSERT OR IGNORE INTO lag_groups (cluster, name) VALUES (?, ?)'),
        groupId: db.prepare('SELECT id FROM lag_groups WHERE cluster = ? AND name = ?'),
      };
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private groupKey(sql: Statements, cluster: string, name: string): number {
    const key = `${cluster}\u0000${name}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      sql.addGroup.run(cluster, name);
      id = (sql.groupId.get(cluster, name) as { id: number }).id;
      this.ids.set(key, id);
    }
    return id;
  }

  /**
   * Folds one tick's samples (taken at `at`) into the open buckets, in memory; they are written
   * once a minute, when the minute's bucket closes (each write touches a page per group, so one
   * per tick would cost as much), and on close. A crash loses at most the minute under way.
   */
  record(cluster: string, at: number, samples: readonly LagSample[]): void {
    const { sql } = this;
    if (!sql || samples.length === 0) return;
    const minute = Math.floor(at / TIERS[0].bucketMs);
    if (this.openMinute !== undefined && minute !== this.openMinute) this.flush(at);
    this.openMinute = minute;
    for (const s of samples) {
      const grp = this.groupKey(sql, cluster, s.groupId);
      const maxLag = Math.max(s.lag, s.maxLag);
      for (const t of TIERS) {
        const key = grp * TIERS.length + t.tier - 1;
        const bucket = Math.floor(at / t.bucketMs);
        const open = this.pending.get(key);
        if (open && open.bucket === bucket) {
          open.lag = s.lag;
          open.maxLag = Math.max(open.maxLag, maxLag);
        } else {
          this.pending.set(key, { grp, tier: t.tier, bucket, lag: s.lag, maxLag });
        }
      }
    }
  }

  /** Writes the open buckets (a bucket written before is folded into, so a restart mid-bucket loses nothing) and drops old ones. */
  private flush(at: number): void {
    const { db, sql } = this;
    if (!db || !sql) return;
    db.transaction(() => {
      for (const b of this.pending.values()) sql.upsert.run(b.tier, b.bucket, b.grp, b.lag, b.maxLag);
      if (at - this.prunedAt >= PRUNE_EVERY_MS) {
        this.prunedAt = at;
        for (const t of TIERS) sql.drop.run(t.tier, Math.floor((at - t.keepMs) / t.bucketMs));
      }
    })();
    // The ten-minute buckets stay open until their time is up; written each minute, they are folded into.
    for (const [key, b] of this.pending) if (b.tier === TIERS[0].tier || b.bucket !== Math.floor(at / TIERS[1].bucketMs)) this.pending.delete(key);
  }

  /** A group's lag from `from` to `to` (ms), from the finest tier that still covers `from`. */
  query(cluster: string, groupId: string, from: number, to: number, now = Date.now()): { bucketMs: number; points: LagPoint[] } {
    const t = TIERS.find((x) => from >= now - x.keepMs) ?? TIERS[TIERS.length - 1];
    const { sql } = this;
    if (!sql) return { bucketMs: t.bucketMs, points: [] };
    const grp = this.groupKey(sql, cluster, groupId);
    // Within what the tier keeps, and not past now: at most its number of buckets.
    const [first, last] = [Math.max(Math.floor(from / t.bucketMs), Math.floor((now - t.keepMs) / t.bucketMs)), Math.min(Math.floor(to / t.bucketMs), Math.floor(now / t.bucketMs))];
    const rows: { bucket: number; lag: number; maxLag: number }[] = [];
    for (let bucket = first; bucket <= last; bucket++) {
      const row = sql.point.get(t.tier, bucket, grp) as { lag: number; maxLag: number } | undefined;
      if (row) rows.push({ bucket, ...row });
    }
    // The bucket still open in memory is newer than what the file holds of it.
    const open = this.pending.get(grp * TIERS.length + t.tier - 1);
    if (open && open.bucket >= first && open.bucket <= last) {
      const written = rows.find((r) => r.bucket === open.bucket);
      if (written) Object.assign(written, { lag: open.lag, maxLag: Math.max(written.maxLag, open.maxLag) });
      else rows.push({ bucket: open.bucket, lag: open.lag, maxLag: open.maxLag });
    }
    return { bucketMs: t.bucketMs, points: rows.map((r) => ({ at: r.bucket * t.bucketMs, lag: r.lag, maxLag: r.maxLag })) };
  }

  close(): void {
    if (this.openMinute !== undefined) this.flush(this.openMinute * TIERS[0].bucketMs);
    this.db?.close();
    this.db = undefined;
    this.sql = undefined;
  }
}
