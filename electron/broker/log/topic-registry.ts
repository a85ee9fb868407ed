// The broker's record of its topics (what a KRaft controller's metadata log holds: names, ids,
// partition counts, config overrides), as an append-only log of changes, so that creating one
// topic among 10,000 costs one appended line, not a rewrite of them all:
//
//   brook-topics.log   {"v":2}                                  header
//                      {"put":{"name":..,"topicId":..,"partitions":..,"configs":{..}}}
//                      {"delete":"name"}
//
// Each change is one line written with one write() and made durable (fsync) before the request
// that made it is answered; a batch of changes (one CreateTopics of 500 topics) shares one fsync.
// A crash mid-write leaves at most a torn last line, which loading drops: each change is then
// either wholly there or absent. When dead lines outnumber live ones the log is compacted into a
// fresh snapshot (written aside, fsynced, renamed over). brook-topics.json, the whole-file format
// before this, is read once and replaced.
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './files';

export interface StoredTopic {
  name: string;
  topicId: string;
  partitions: number;
  configs: Record<string, string>;
}

const LOG_FILE = 'brook-topics.log';
const LEGACY_FILE = 'brook-topics.json';
const HEADER = '{"v":2}\n';
/** Compaction waits for this many lines at least, so small registries are never rewritten. */
const MIN_COMPACT_LINES = 1_000;

type Change = { put: StoredTopic } | { delete: string };

export class TopicRegistry {
  private readonly topics = new Map<string, StoredTopic>();
  private fd: number;
  private lines = 0;
  private depth = 0;
  private pending = false;

  private constructor(
    private readonly dataDir: string,
    private readonly onLog: (msg: string) => void,
  ) {
    this.fd = -1;
  }

  /** Loads the registry of dataDir (migrating the legacy file), ready for appends. */
  static open(dataDir: string, onLog: (msg: string) => void = () => {}): TopicRegistry {
    const reg = new TopicRegistry(dataDir, onLog);
    const path = join(dataDir, LOG_FILE);
    const legacy = join(dataDir, LEGACY_FILE);
    if (existsSync(path)) {
      reg.load(path);
      if (reg.lines > MIN_COMPACT_LINES && reg.lines > 2 * reg.topics.size) reg.compact();
    } else if (existsSync(legacy)) {
      const json = JSON.parse(readFileSync(legacy, 'utf8')) as { version: number; topics: StoredTopic[] };
      if (json.version !== 1 || !Array.isArray(json.topics)) throw new Error(`${legacy}: unsupported format`);
      for (const t of json.topics) reg.topics.set(t.name, t);
      reg.compact();
      rmSync(legacy, { force: true });
    } else {
      reg.compact();
    }
    reg.fd = reg.fd >= 0 ? reg.fd : openSync(path, 'a');
    return reg;
  }

  list(): StoredTopic[] {
    return [...this.topics.values()];
  }

  put(topic: StoredTopic): void {
    this.topics.set(topic.name, { ...topic, configs: { ...topic.configs } });
    this.append({ put: topic });
  }

  delete(name: string): void {
    if (this.topics.delete(name)) this.append({ delete: name });
  }

  /** Runs fn with every change it makes sharing one fsync at its end (nested batches join the outer one). */
  batch<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      if (--this.depth === 0 && this.pending) this.sync();
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private append(change: Change): void {
    const line = Buffer.from(JSON.stringify(change) + '\n');
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off);
    this.lines++;
    this.pending = true;
    if (this.depth === 0) this.sync();
  }

  private sync(): void {
    this.pending = false;
    fsyncSync(this.fd);
    if (this.lines > MIN_COMPACT_LINES && this.lines > 2 * this.topics.size) this.compact();
  }

  private load(path: string): void {
    const text = readFileSync(path, 'utf8');
    if (!text.startsWith(HEADER)) throw new Error(`${path}: unsupported format`);
    let at = HEADER.length;
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      let change: Change | undefined;
      try {
        change = end < 0 ? undefined : (JSON.parse(text.slice(at, end)) as Change);
      } catch {
        change = undefined;
      }
      if (!change) {
        // A torn last change (a crash in its write): drop it, so the next append starts a clean line.
        this.onLog(`${path}: dropping an incomplete last change (${text.length - at} bytes)`);
        const fd = openSync(path, 'r+');
        try {
          ftruncateSync(fd, Buffer.byteLength(text.slice(0, at)));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        break;
      }
      if ('put' in change) this.topics.set(change.put.name, change.put);
      else this.topics.delete(change.delete);
      this.lines++;
      at = end + 1;
    }
  }

  /** Rewrites the log as one put per live topic (atomically: the old log stays until the rename). */
  private compact(): void {
    const path = join(this.dataDir, LOG_FILE);
    const body = HEADER + [...this.topics.values()].map((t) => JSON.stringify({ put: t }) + '\n').join('');
    writeFileAtomic(path, body);
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = openSync(path, 'a');
    this.lines = this.topics.size;
  }
}
